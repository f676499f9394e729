class P:
    def __init__(self, x): self.x = x
    def __str__(self): return "P(%s)" % self.x
    def __repr__(self): return "<P %r>" % self.x
    def __format__(self, spec): return "fmt[" + spec + "]"
p = P(3)
print(str(p), repr(p), "%s|%r" % (p, p), "{}".format(p), f"{p!r}", f"{p!s}", [p])
for spec in (">8", "abc", "s", ">10s"):
    try:
        print(repr(("{:" + spec + "}").format(p)))
    except Exception as e:
        print(type(e).__name__, e)
class Q:
    def __repr__(self): return "Q!"
q = Q()
print(str(q), "{}".format(q), "%s" % q, [q, q], (q,), {1: q})
try:
    print("{:>5}".format(q))
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(format(3), format("x", ">3"))
except Exception as e:
    print(type(e).__name__, e)
for spec in ("", ">3", "d", "s"):
    try:
        print(repr(("{:" + spec + "}").format([1])))
    except Exception as e:
        print(type(e).__name__, e)
