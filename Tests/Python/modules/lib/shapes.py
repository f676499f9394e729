class Square:
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side * self.side
def describe(shape):
    return '%s with area %d' % (type(shape).__name__, shape.area())
