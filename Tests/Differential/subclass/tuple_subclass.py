def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class Point(tuple):
    @property
    def x(self): return self[0]
    @property
    def y(self): return self[1]
    def __repr__(self): return "Point(%r, %r)" % (self[0], self[1])
p = Point((1, 2))
print(p, p.x, p.y, len(p), p + (3,), type(p + (3,)).__name__, p == (1, 2), hash(p) == hash((1, 2)), list(p), p * 2)
for label, f in [("unpack", lambda: (lambda a, b: a + b)(*p)), ("max", lambda: max(p)), ("sorted", lambda: sorted([Point((2, 1)), Point((1, 5))])), ("tuple", lambda: tuple(p)),
                 ("dict", lambda: {p: "pt"}[(1, 2)]), ("count", lambda: p.count(1)), ("index", lambda: p.index(2)), ("slice", lambda: p[1:]), ("in", lambda: 2 in p),
                 ("str", lambda: str(p)), ("%", lambda: "%s" % (p,)), ("lt", lambda: p < (1, 3)), ("bool", lambda: bool(Point(()))), ("empty", lambda: Point())]:
    t(label, f)
class T(tuple): pass
tt = T([3, 4])
print(tt, type(tt).__name__, T(), repr(T("ab")), isinstance(tt, tuple))
