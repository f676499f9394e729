class V:
    def __init__(self, *xs): self.xs = list(xs)
    def __len__(self): return len(self.xs)
    def __getitem__(self, i): return self.xs[i]
    def __setitem__(self, i, v): self.xs[i] = v
    def __contains__(self, v): return v in self.xs
    def __eq__(self, o): return isinstance(o, V) and self.xs == o.xs
    def __lt__(self, o): return self.xs < o.xs
    def __add__(self, o): return V(*(self.xs + o.xs))
    def __mul__(self, n): return V(*(self.xs * n))
    def __rmul__(self, n): return self * n
    def __neg__(self): return V(*[-x for x in self.xs])
    def __bool__(self): return bool(self.xs)
    def __repr__(self): return "V%r" % (tuple(self.xs),)
    def __hash__(self): return hash(tuple(self.xs))
    def __call__(self, k): return k * len(self)
    def __iter__(self): return iter(self.xs)
v = V(1, 2)
print(v, len(v), v[0], v[-1], 2 in v, 5 in v, v == V(1, 2), v != V(1), v < V(2), v + V(3), v * 2, 3 * v, -v, bool(V()), v(10), list(v), hash(v) == hash((1, 2)))
v[0] = 9
print(v, sorted([V(3), V(1), V(2)]), {v: 1}[V(9, 2)], v[1:])
class Cmp:
    def __init__(self, k): self.k = k
    def __lt__(self, o): return self.k < o.k
    def __repr__(self): return "C%d" % self.k
print(sorted([Cmp(3), Cmp(1), Cmp(2)]), min(Cmp(4), Cmp(2)))
for f in (lambda: max([Cmp(1), Cmp(5)]), lambda: Cmp(1) > Cmp(0), lambda: Cmp(1) > 5):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class E:
    def __eq__(self, o): return "yes"
print(E() == 1, E() != 1, [E()] == [1] if True else 0)
