def f(a, b=2, *args, c, d=4, **kw):
    return a + b + c + d + len(args) + len(kw)

def g(*, k=1):
    return k

def outer(n):
    def inner(m):
        return n + m
    return inner

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

G = 0
def setg():
    global G
    G = 5

lam = lambda x, y=3: x * y
print(f(1, c=3), g(k=2), outer(1)(2), counter()(), lam(2))
print(f(*[1, 2], c=1, **{'d': 5}))
def gen(n):
    for i in range(n):
        yield i
    yield from range(3)
    x = yield
    return x

def deco(fn):
    return fn

@deco
def decorated():
    pass

def walrus(xs):
    if (n := len(xs)) > 2:
        return n
    return [y for x in xs if (y := x * 2)]
