class A:
    x = 1
    def method(self):
        return 'A.method'
print(A.x, A().x, A().method(), type(A).__name__, type(A()).__name__)
print(isinstance(A, type), isinstance(A(), A), type(A()) == A)
class B(A):
    x = 2
print(B.x, B().x, B().method())
def outside(self):
    return 'outside', self.x
A.added = outside
print(A().added(), B().added())
class WithInit:
    def __init__(self, *args, **kwargs):
        self.args = args
        self.kw = sorted(kwargs.items())
w = WithInit(1, 2, k=3)
print(w.args, w.kw)
class Nested:
    class Inner:
        v = 'inner'
    def get(self):
        return self.Inner.v
print(Nested().get(), Nested.Inner.v)
def factory(n):
    class Made:
        val = n
        def get(self):
            return self.val * 2
    return Made
print(factory(4)().get(), factory('ab')().get())
class Chain:
    def __init__(self):
        self.ops = []
    def add(self, v):
        self.ops.append(v)
        return self
print(Chain().add(1).add(2).add(3).ops)
class Slot:
    def __init__(self):
        self.a = 1
s = Slot()
s.a += 5
print(s.a, getattr(s, 'a'))
print(type(int).__name__, type(type).__name__, int.__name__, isinstance(5, object))
