class A:
    x = 1
    def __init__(self): self.y = 2
a = A()
print(a.x, a.y, A.x, getattr(a, "z", "none"), hasattr(a, "y"), hasattr(A, "y"))
a.x = 10
print(a.x, A.x)
del a.x
print(a.x)
setattr(a, "w", 5)
print(a.w, sorted(k for k in a.__dict__))
try:
    a.missing
except AttributeError as e:
    print(type(e).__name__, e)
try:
    A.missing
except AttributeError as e:
    print(type(e).__name__, e)
class G:
    def __getattr__(self, n): return "dyn_" + n
g = G()
print(g.foo, g.bar, getattr(g, "baz"))
class Slots:
    __slots__ = ("a",)
print(type(A).__name__, A.__name__, a.__class__.__name__, type(a) is A)
try:
    del a.nothere
except AttributeError as e:
    print(type(e).__name__, e)
