def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
class Tag(str):
    def wrap(self): return "<%s>" % self
tg = Tag("b")
print(tg, repr(tg), tg.wrap(), len(tg), tg + "x", type(tg + "x").__name__, tg == "b", "b" == tg, hash(tg) == hash("b"), isinstance(tg, str))
for label, f in [("upper", lambda: tg.upper()), ("mul", lambda: tg * 3), ("%", lambda: "%s|%r" % (tg, tg)), ("fmt", lambda: "{}".format(tg)), ("f", lambda: f"{tg:>4}"),
                 ("str", lambda: str(tg)), ("in", lambda: tg in "abc"), ("radd", lambda: "a" + tg), ("idx", lambda: tg[0]), ("list", lambda: list(Tag("xy"))),
                 ("join", lambda: "-".join([tg, tg])), ("split", lambda: Tag("a,b").split(",")), ("int", lambda: int(Tag("12"))), ("float", lambda: float(Tag("1.5"))),
                 ("encode", lambda: Tag("é").encode()), ("startswith", lambda: Tag("abc").startswith("ab")), ("find", lambda: Tag("abc").find("c")),
                 ("fmtself", lambda: Tag("{}!").format(1)), ("%self", lambda: Tag("%d!") % 5), ("dict", lambda: {Tag("k"): 1}["k"]), ("cmp", lambda: sorted([Tag("b"), "a"]))]:
    t(label, f)
class S(str):
    def __str__(self): return "custom"
    def __repr__(self): return "S!"
s = S("real")
print(s, str(s), repr(s), [s], "%s" % s, "{}".format(s), s + "", len(s), s.upper())
class Plain(str): pass
p = Plain("abc")
p.meta = 1
print(p, p.meta, type(p).__name__)
