def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class Meta(type):
    def __init__(cls, name, bases, ns):
        print("Meta.__init__", name, sorted(k for k in ns if not k.startswith("__")))
    def describe(cls):
        return "class " + cls.__name__
A = Meta("A", (), {"x": 1, "f": lambda self: self.x * 2})
print(A.x, A().f(), A.describe(), type(A).__name__, isinstance(A, Meta), isinstance(A, type))
t("kw", lambda: Meta("B", (), {}, extra=1))
C = type("C", (object,), {"v": 3, "m": lambda self: self.v * 2})
print(C.__name__, C().v, C().m(), type(C) is type)
t("type1", lambda: type(5).__name__)
t("type2", lambda: type("D", (int,), {})(7) + 1)
t("badbases", lambda: type("E", 5, {}))
t("baddict", lambda: type("E", (), []))
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        Registry.classes.append(name)
R1 = Registry("R1", (), {})
R2 = Registry("R2", (), {})
print(Registry.classes, type(R1).__name__)
try:
    class R3(metaclass=Registry):
        pass
    print("R3", type(R3).__name__)
except TypeError as e:
    print("TypeError", e)
