class Vec:
    __slots__ = ()
class Temp:
    def __init__(self, c): self.c = c
    def __lt__(self, o): return self.c < o.c
    def __le__(self, o): return self.c <= o.c
    def __gt__(self, o): return self.c > o.c
    def __ge__(self, o): return self.c >= o.c
    def __eq__(self, o): return isinstance(o, Temp) and self.c == o.c
    def __hash__(self): return hash(self.c)
    def __repr__(self): return "T(%s)" % self.c
    def __float__(self): return float(self.c)
    def __int__(self): return int(self.c)
    def __index__(self): return int(self.c)
ts = [Temp(30), Temp(-5), Temp(12.5), Temp(12.5)]
print(sorted(ts), max(ts), min(ts), ts[0] > ts[1], ts[2] == ts[3], len(set(ts)))
for f in (lambda: float(Temp(2)), lambda: int(Temp(3.7)), lambda: [0, 1, 2, 3][Temp(2)], lambda: range(Temp(3)), lambda: hex(Temp(255)), lambda: "%d" % Temp(4), lambda: round(Temp(2.5))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None, v)
        return True
with Ctx() as c:
    raise ValueError("suppressed")
print("after with")
class Callable:
    def __call__(self, *a, **k): return (a, sorted(k.items()))
print(Callable()(1, 2, x=3), callable(Callable()), callable(Callable))
