def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class Counter(dict):
    def add(self, k):
        self[k] = self.get(k, 0) + 1
c = Counter()
for ch in "banana":
    c.add(ch)
print(c, sorted(c.items()), type(c).__name__, c == {"b": 1, "a": 3, "n": 2}, len(c), isinstance(c, dict))
class Default(dict):
    def __missing__(self, key):
        return "missing:" + str(key)
d = Default(a=1)
for label, f in [("a", lambda: d["a"]), ("get", lambda: d.get("b")), ("miss", lambda: d["b"]), ("len", lambda: len(d))]:
    t(label, f)
class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.upper())
u = Upper()
u["x"] = 1
for label, f in [("u", lambda: u), ("X", lambda: u["X"]), ("x", lambda: u["x"]), ("in", lambda: "X" in u), ("keys", lambda: list(u.keys())), ("get", lambda: u.get("x"))]:
    t(label, f)
class D2(dict):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.extra = len(self)
for label, f in [("d2", lambda: D2({1: 2}, k=3)), ("extra", lambda: D2({1: 2}, k=3).extra), ("empty", lambda: D2().extra), ("dict", lambda: dict(D2(z=0))), ("repr", lambda: repr(D2(z=0)))]:
    t(label, f)
