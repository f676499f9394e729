def make(n, *args, k=3, **kw):
    acc = []
    def add(v):
        acc.append(v + n)
        return len(acc)
    def nested():
        def deeper():
            return n + k
        return deeper
    gen = (n + i for i in range(3))
    lst = [lambda: i for i in range(3)]
    return add, nested, gen, lst

class Outer:
    y = 5
    def method(self):
        return [self.y for _ in range(2)]
    class Inner:
        def f(self):
            return __class__

def kwonly(a, *, b, c=2):
    return a, b, c

def defaults(a, b=1, c=(1, 2), *, d=None, e="x", **rest):
    return a

x = make(1)[0](2)
print(kwonly(1, b=2), defaults(1, e="y"))
