class Tag(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
    def wrap(self): return "<" + self + ">"
t = Tag("b")
print(t, repr(t), t.wrap(), len(t), t + "x", type(t + "x").__name__, t == "B", "B" == t, hash(t) == hash("B"), isinstance(t, str))
print(t.lower(), type(t.lower()).__name__, t * 3, "%s|%r" % (t, t), "{}".format(t), f"{t:>4}", str(t), type(str(t)).__name__)
d = {Tag("k"): 1}
print(d["K"], "K" in d, t in "ABC", "a" + t, t[0], list(Tag("xy")), "-".join([t, t]))
class S(str):
    def __str__(self): return "custom"
    def __repr__(self): return "S!"
s = S("real")
print(s, str(s), repr(s), [s], "%s" % s, "{}".format(s), s + "", len(s), s.upper())
class Plain(str): pass
p = Plain("abc")
p.meta = 1
print(p, p.meta, p.split("b"), p.startswith("a"), sorted([Plain("b"), "a"]))
