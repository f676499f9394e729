class Pair(tuple):
    def first(self): return self[0]
class Bag(list):
    def __init__(self, items, label):
        super().__init__(items)
        self.label = label
    def __repr__(self):
        return "Bag(%s, %d items)" % (self.label, len(self))
b = Bag([3, 1, 2], "x")
b.sort()
print(b, list(b), b.label, b[0], len(b), sum(b), type(b).__name__)
class Registry(dict):
    def __init__(self):
        super().__init__()
        self["created"] = True
    def register(self, k, v):
        self[k] = v
        return self
r = Registry().register("a", 1).register("b", 2)
print(sorted(r.items()), len(r), "a" in r)
class MyErr(ValueError):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
try:
    raise MyErr(42)
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args)
p = Pair((4, 5))
print(p.first(), p, len(p), p + (6,))
class Num(int):
    def __init__(self, v):
        self.orig = v
n = Num("12")
print(n, n.orig, n + 1)
