class MyInt(int):
    def __repr__(self): return "MyInt(%d)" % int(self)
    def double(self): return MyInt(self * 2)
a = MyInt(5)
print(a, repr(a), a + 1, type(a + 1).__name__, a.double(), type(a.double()).__name__, isinstance(a, int), a == 5, hash(a) == hash(5))
print(int(a), str(a), "%d" % a, "{}".format(a), f"{a:03}", a * 2.5, -a, abs(MyInt(-3)), a // 2, a % 3, a ** 2, a << 2, a & 1)
class Pos(int):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative")
        return super().__new__(cls, v)
print(Pos(3), type(Pos(3)).__name__)
try:
    Pos(-1)
except ValueError as e:
    print(type(e).__name__, e)
b = MyInt("ff", 16)
print(b, MyInt(2**70), MyInt(3.9), [1, 2, 3][MyInt(1)], range(MyInt(3)))
d = {MyInt(1): "x"}
print(d[1], d[True], sorted([MyInt(3), 1, MyInt(2)]))
class Flags(int):
    pass
f = Flags(6)
f.attr = "ok"
print(f.attr, f | 1, type(f | 1).__name__, bool(Flags(0)))
