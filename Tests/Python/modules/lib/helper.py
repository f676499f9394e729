print('helper module body runs')
CONST = 42
_private = 'hidden'
def double(x):
    return 2 * x
class Thing:
    def __init__(self, name):
        self.name = name
    def hello(self):
        return 'hello from ' + self.name
counter = 0
def bump():
    global counter
    counter += 1
    return counter
