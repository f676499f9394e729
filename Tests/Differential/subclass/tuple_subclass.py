class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self): return self[0]
    @property
    def y(self): return self[1]
    def __repr__(self): return "Point(%r, %r)" % self
p = Point(1, 2)
print(p, p.x, p.y, len(p), p + (3,), type(p + (3,)).__name__, p == (1, 2), hash(p) == hash((1, 2)), list(p), p[::-1], p * 2)
a, b = p
print(a, b, max(p), sorted([Point(2, 1), Point(1, 5)]), tuple(p), isinstance(p, tuple))
d = {p: "pt"}
print(d[(1, 2)], (1, 2) in d, p.count(1), p.index(2))
class T(tuple): pass
t = T([3, 4])
print(t, type(t).__name__, T(), repr(T("ab")))
try:
    Point(1)
except TypeError as e:
    print(type(e).__name__)
