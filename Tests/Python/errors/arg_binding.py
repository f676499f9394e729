# Argument-binding errors checked in the order MicroPython's mp_setup_code_state checks them, with
# the unix build's detailed texts ("f() takes ..."; closures count their cells).
def f(a, b): pass
def fd(a, b=1): pass
def g(a, *, k): pass
def gd(a, *, k=1, j): pass
def h(a, *args): pass
def outer():
    x = 1
    def inner(a):
        return x + a
    return inner
class C:
    def m(self, x): pass
    @staticmethod
    def s(x): pass
    @classmethod
    def c(cls, x): pass
cases = ["f(1)", "f()", "f(b=1)", "f(1, c=2)", "f(1, a=2)", "fd()", "fd(1,2,3)", "fd(b=2)", "g(1)", "g(1, j=2)", "gd(1)", "gd(1, k=2)", "gd(1, j=2)",
 "h()", "outer()()", "outer()(1, 2)", "C().m()", "C.m(1)", "C().s()", "C.c()", "C.c(1, 2)", "f(*[1,2,3])", "f(**{'a':1})", "f(1, **{'a':1})", "(lambda a, b: 0)(1)",
 "(lambda *, a: 0)()", "f(1, 2, **{'c': 3})", "f(1, 2, b=3)", "h(1, a=2)", "type.__call__()"]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", repr(r)[:60])
    except Exception as e:
        print(c, "!!", type(e).__name__, e)
