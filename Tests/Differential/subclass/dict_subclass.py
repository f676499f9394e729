class Default(dict):
    def __missing__(self, key):
        return "missing:" + str(key)
d = Default(a=1)
print(d["a"], d.get("b"), d["b"] if True else 0, len(d), isinstance(d, dict), d)
class Counter(dict):
    def add(self, k):
        self[k] = self.get(k, 0) + 1
c = Counter()
for ch in "banana":
    c.add(ch)
print(c, sorted(c.items()), type(c).__name__, c == {"b": 1, "a": 3, "n": 2})
class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.upper())
u = Upper()
u["x"] = 1
print(u, u["X"], u["x"], "X" in u, list(u.keys()))
class D2(dict):
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.extra = len(self)
d2 = D2({1: 2}, k=3)
print(d2, d2.extra, D2().extra, dict(d2), repr(D2(z=0)))
