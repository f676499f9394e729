class Meta(type):
    def __new__(mcs, name, bases, ns):
        ns["created_by"] = "Meta"
        cls = super().__new__(mcs, name, bases, ns)
        return cls
    def __call__(cls, *a, **kw):
        print("call", cls.__name__, a)
        return super().__call__(*a, **kw)
class A(metaclass=Meta):
    def __init__(self, x):
        self.x = x
a = A(5)
print(a.x, A.created_by, type(A).__name__, isinstance(A, Meta), isinstance(A, type))
class B(A):
    pass
b = B(7)
print(b.x, B.created_by, type(B).__name__)
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.classes.append(name)
class R1(metaclass=Registry): pass
class R2(R1): pass
print(Registry.classes)
C = type("C", (object,), {"v": 3, "m": lambda self: self.v * 2})
print(C.__name__, C().v, C().m(), type(C) is type)
D = Meta("D", (), {})
print(D.created_by, D.__name__)
