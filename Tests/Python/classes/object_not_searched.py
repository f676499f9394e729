# MicroPython's object is "not a real type" to its subclasses: a class finds none of its
# attributes (hasattr(C, '__init__') is False), object itself has only __init__ and __new__
# (and __setattr__/__delattr__ where enabled), and super() searches it last.
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class C: pass
class D(C):
    def __init__(self):
        super().__init__()
        self.x = 1
class E:
    def __eq__(self, o): return True
c = C()
for name in ["__init__", "__new__", "__eq__", "__ne__", "__hash__", "__repr__", "__str__", "__getattribute__", "__setattr__", "__delattr__", "__class__", "__dict__", "__lt__", "__doc__", "__module__"]:
    t(name, lambda: (hasattr(C, name), hasattr(c, name), hasattr(object, name)))
t("D", lambda: D().x)
t("object.__init__", lambda: object.__init__(c))
t("C.__init__", lambda: C.__init__(c))
t("c.__init__()", lambda: c.__init__())
t("object.__eq__", lambda: object.__eq__(c, c))
t("c.__eq__", lambda: c.__eq__(c))
t("c.__hash__", lambda: c.__hash__() == hash(c))
t("c.__repr__", lambda: c.__repr__()[:3])
t("c.__str__", lambda: c.__str__()[:3])
t("E hash", lambda: hash(E()))
t("object.__repr__", lambda: object.__repr__(c)[:3])
t("super eq", lambda: super(C, c).__eq__(c))
t("super hash", lambda: super(C, c).__hash__())
t("super repr", lambda: super(C, c).__repr__()[:3])
t("object.__new__", lambda: type(object.__new__(C)).__name__)
t("C.__new__", lambda: C.__new__(C))
t("str.__ne__", lambda: "a".__ne__("b"))
t("int.__eq__", lambda: (1).__eq__(1))
t("dir", lambda: dir(c))
