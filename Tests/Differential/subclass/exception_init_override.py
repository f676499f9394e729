class E1(Exception):
    def __init__(self):
        super().__init__("fixed message")
class E2(Exception):
    def __init__(self, a, b):
        self.a, self.b = a, b
class E3(Exception):
    def __repr__(self): return "E3-repr"
class E4(ValueError):
    def __str__(self): return "E4-str"
for make in (lambda: E1(), lambda: E2(1, 2), lambda: E3("m"), lambda: E4("ignored"), lambda: E4()):
    try:
        raise make()
    except Exception as e:
        print(type(e).__name__, e, e.args, repr(e), str(e))
class WithNew(Exception):
    def __new__(cls, *a):
        o = super().__new__(cls)
        o.extra = len(a)
        return o
try:
    raise WithNew(1, 2, 3)
except Exception as e:
    print(type(e).__name__, e)
e = E2(1, 2)
print(e.a, e.b, e.args)
