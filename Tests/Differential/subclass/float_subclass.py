def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class Celsius(float):
    def to_f(self): return self * 9 / 5 + 32
c = Celsius(21.5)
print(c, repr(c), str(c), c.to_f(), c + 1, type(c + 1).__name__, isinstance(c, float), c == 21.5, hash(c) == hash(21.5))
for label, f in [("str", lambda: Celsius("3.25")), ("int", lambda: Celsius(7)), ("float", lambda: float(c)), ("toint", lambda: int(c)), ("round", lambda: round(c)),
                 ("%", lambda: "%.2f" % c), ("fmt", lambda: "{:.3f}".format(c)), ("f", lambda: f"{c}"), ("neg", lambda: -c), ("abs", lambda: abs(Celsius(-2))),
                 ("sorted", lambda: sorted([Celsius(3), 1.0, Celsius(-2)])), ("max", lambda: max(Celsius(1), 0.5)), ("fdiv", lambda: c // 2), ("mod", lambda: c % 5),
                 ("pow", lambda: c ** 2), ("lt", lambda: c < 22), ("bool", lambda: bool(Celsius(0))), ("noarg", lambda: Celsius())]:
    t(label, f)
class Named(float):
    def __init__(self, v):
        self.name = "n%s" % v
n = Named(1.5)
print(n, n.name, n * 2)
