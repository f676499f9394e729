class Celsius(float):
    def __repr__(self): return "%.1fC" % self
    def to_f(self): return self * 9 / 5 + 32
c = Celsius(21.5)
print(c, repr(c), str(c), c.to_f(), c + 1, type(c + 1).__name__, isinstance(c, float), c == 21.5, hash(c) == hash(21.5))
print(Celsius("3.25"), Celsius(7), float(c), int(c), round(c), "%.2f" % c, "{:.3f}".format(c), f"{c}")
class Pos(float):
    def __new__(cls, v=0.0):
        return super().__new__(cls, abs(v))
print(Pos(-2.5), Pos(), type(Pos(-1)).__name__)
class Named(float):
    def __init__(self, v):
        self.name = "n%s" % v
n = Named(1.5)
print(n, n.name, n * 2)
print(sorted([Celsius(3), 1.0, Celsius(-2)]), max(Celsius(1), 0.5))
