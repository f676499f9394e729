class L(list):
    def __len__(self): return 100
    def __iter__(self): return iter([7, 8])
    def __contains__(self, x): return x == "magic"
l = L([1, 2, 3])
print(len(l), list(l), "magic" in l, 1 in l, l[0], sum(l), sorted(l), str(l), bool(l))
class D(dict):
    def __iter__(self): return iter(["fake"])
    def keys(self): return ["k1"]
d = D(a=1)
print(list(d), d.get("a"), len(d), dict(d) if False else "skip", "a" in d)
class S(str):
    def __eq__(self, o): return True
    def __hash__(self): return 0
    def __len__(self): return 0
s = S("abc")
print(s == "zzz", len(s), hash(s), s + "d", s.upper(), str(s) == "abc")
class I(int):
    def __add__(self, o): return "added"
    def __eq__(self, o): return o == 999
    __hash__ = int.__hash__
i = I(1)
print(i + 1, 1 + i, i == 999, i == 1, i * 3, hash(i))
