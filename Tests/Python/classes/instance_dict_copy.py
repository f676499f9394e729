# An instance's __dict__ is a read-only copy of its attributes (changing it is a bare
# TypeError), in the instance's own order, as C gives it.
class A:
    def __init__(self): self.x = 1
a = A()
d = a.__dict__
print(d, type(d).__name__, d["x"], len(d), "x" in d, list(d.keys()))
for f in (lambda: d.__setitem__("y", 2), lambda: d.update(z=3), lambda: d.pop("x"), lambda: d.clear(), lambda: d.setdefault("w", 0), lambda: d.popitem(), lambda: exec("d['q'] = 1", {"d": d}), lambda: exec("del d['x']", {"d": d})):
    try: print(f(), d)
    except Exception as e: print(type(e).__name__, repr(str(e)), d)
a.k = 5
print(a.__dict__, d)

class Many:
    def __init__(self):
        for i in range(20):
            setattr(self, "attr%d" % i, i)
m = Many()
print(m.__dict__)
print(list(m.__dict__) == [k for k in m.__dict__])
