# dict(x) and d.update(x) take pairs from anything but a dict itself (a dict subclass or a
# class with keys() is iterated too), each iterated for exactly two values, as in C.
class M:
    def keys(self): return ["ab", "cd"]
    def __getitem__(self, k): return k.upper()
    def __iter__(self): return iter(["xy", "zw"])
class D(dict): pass
for f in (lambda: dict(M()), lambda: dict(D(a=1)), lambda: dict(D(ab=1)), lambda: {}.update(D(xy=2)) or "none", lambda: (lambda d: (d.update(D(pq=3)), d)[1])({})):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
for arg in ([(1, 2), [3, 4], "ab"], [(1,)], [(1, 2, 3)], [1], ["abc"], [iter((5, 6))], [()]):
    try: print(dict(arg))
    except Exception as e: print(type(e).__name__, e)
d = {}
try: d.update([(1, 2), (3,)])
except Exception as e: print(type(e).__name__, e, d)
