# Classes made by a metaclass M(type): M's methods, properties and dunders act on them; dir()
# lists the class's own attributes too; super().__call__ finds nothing (C's type has none).
def t(label, f):
    try:
        print(label, repr(f()))
    except BaseException as e:
        print(label, type(e).__name__, e)
class M(type):
    count = 0
    def __init__(cls, name, bases, ns):
        M.count += 1
        cls.tag = name.lower()
    def __call__(cls, *a):
        inst = super().__call__(*a)
        inst.made_by = "M"
        return inst
    def __repr__(cls):
        return "<M %s>" % cls.__name__
    def __len__(cls):
        return 42
    def __getitem__(cls, k):
        return (cls.__name__, k)
    def __iter__(cls):
        return iter([1, 2])
    @property
    def prop(cls):
        return "p:" + cls.__name__
t("new", lambda: M("A", (), {"x": 1}))
A = M("A", (), {"x": 1})
t("tag", lambda: A.tag)
t("count", lambda: M.count)
t("call", lambda: A().made_by)
t("repr", lambda: repr(A))
t("str", lambda: str(A))
t("len", lambda: len(A))
t("getitem", lambda: A["k"])
t("iter", lambda: list(A))
t("prop", lambda: A.prop)
t("isinstance", lambda: (isinstance(A, M), isinstance(A, type), type(A) is M, type(M) is type))
t("A attr", lambda: (A.x, A().x))
t("mro", lambda: M.__mro__ if hasattr(M, "__mro__") else "none")
t("bases", lambda: M.__bases__)
t("type 3 args", lambda: type("B", (A,), {}) if False else "skip")
t("subclass M", lambda: type("N", (M,), {})("C", (), {}))
class Plain(type):
    pass
t("plain", lambda: Plain("P", (object,), {"v": 2})().v)
t("plain repr", lambda: repr(Plain("P", (), {})))
t("type(type)", lambda: type(type))
t("type name", lambda: (type.__name__, M.__name__, A.__name__))
t("classmethod on meta", lambda: M.mro() if hasattr(M, "mro") else "no mro")
t("dir A", lambda: sorted(k for k in dir(A) if not k.startswith("__")))
