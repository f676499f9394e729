def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class MyInt(int):
    def __repr__(self): return "MyInt(%d)" % int(self)
    def double(self): return MyInt(self * 2)
a = MyInt(5)
print(a, repr(a), a + 1, type(a + 1).__name__, a.double(), type(a.double()).__name__, isinstance(a, int), a == 5, hash(a) == hash(5))
for label, f in [("int", lambda: int(a)), ("str", lambda: str(a)), ("%d", lambda: "%d" % a), ("fmt", lambda: "{}".format(a)), ("f03", lambda: f"{a:03}"),
                 ("mulf", lambda: a * 2.5), ("neg", lambda: -a), ("abs", lambda: abs(MyInt(-3))), ("fdiv", lambda: a // 2), ("mod", lambda: a % 3), ("pow", lambda: a ** 2),
                 ("shl", lambda: a << 2), ("and", lambda: a & 1), ("hex", lambda: hex(a)), ("bool", lambda: bool(MyInt(0))), ("idx", lambda: [1, 2, 3][MyInt(1)]),
                 ("range", lambda: list(range(MyInt(3)))), ("base", lambda: MyInt("ff", 16)), ("big", lambda: MyInt(2**70)), ("fromf", lambda: MyInt(3.9)),
                 ("cmp", lambda: sorted([MyInt(3), 1, MyInt(2)])), ("eq", lambda: MyInt(2) == 2.0), ("divmod", lambda: divmod(a, 2)), ("truediv", lambda: a / 2)]:
    t(label, f)
class Pos(int):
    def check(self): return self >= 0
print(Pos(3).check(), Pos(-1).check(), type(Pos(3)).__name__)
d = {MyInt(1): "x"}
print(d[1], d[True], 1 in d)
class Flags(int):
    pass
f = Flags(6)
f.attr = "ok"
print(f.attr, f | 1, type(f | 1).__name__, bool(Flags(0)), Flags(), Flags("12"))
