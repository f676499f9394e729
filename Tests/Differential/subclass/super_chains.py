class A:
    def f(self): return "A"
    def __init__(self): self.log = ["A"]
class B(A):
    def f(self): return "B" + super().f()
    def __init__(self):
        super().__init__()
        self.log.append("B")
class C(A):
    def f(self): return "C" + super().f()
    def __init__(self):
        super().__init__()
        self.log.append("C")
class D(B, C):
    def f(self): return "D" + super().f()
    def __init__(self):
        super().__init__()
        self.log.append("D")
d = D()
print(d.f(), d.log, [k.__name__ for k in D.__mro__] if hasattr(D, "__mro__") else "")
class Base:
    @classmethod
    def make(cls): return cls()
    @staticmethod
    def s(x): return x + 1
    def __repr__(self): return type(self).__name__
class Sub(Base):
    @classmethod
    def make(cls):
        o = super().make()
        o.tag = "sub"
        return o
o = Sub.make()
print(o, o.tag, Sub.s(1), Base.make(), isinstance(o, Base), issubclass(Sub, Base), issubclass(Sub, object))
class P:
    def __init__(self, v): self._v = v
    @property
    def v(self): return self._v
    @v.setter
    def v(self, x): self._v = x * 2
p = P(1)
p.v = 5
print(p.v)
try:
    class X(P):
        @property
        def w(self): return 1
    X(0).w = 3
except AttributeError as e:
    print(type(e).__name__)
