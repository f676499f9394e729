# method calls, inheritance and super()
class Shape:
    def __init__(self, n):
        self.n = n
    def area(self):
        return self.n
    def scaled(self, k):
        return self.area() * k
class Square(Shape):
    def area(self):
        return self.n * self.n
class Cube(Square):
    def area(self):
        return super().area() * self.n
def run(n):
    shapes = [Shape(3), Square(4), Cube(2)]
    t = 0
    for i in range(n):
        for s in shapes:
            t += s.scaled(i & 3)
    return t
print(run(400000))
