def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, z=0))
print(f(*[1, 2, 3], **{'c': 0, 'd': 1, 'q': 2}))
def g(x, y):
    return x - y
print(g(y=1, x=10), g(10, y=3), g(*(5, 2)))
def kwonly(*, a, b=1):
    return a + b
print(kwonly(a=5), kwonly(b=2, a=2))
try:
    kwonly(1)
except TypeError:
    print('TypeError positional')
try:
    g(1)
except TypeError:
    print('TypeError missing')
def mutable(x, acc=[]):
    acc.append(x)
    return acc
print(mutable(1), mutable(2))
def noret():
    pass
print(noret())
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(25))
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
sq = lambda x, y=1: x * x + y
print(sq(3), sq(3, y=0), (lambda *a: len(a))(1, 2, 3))
def star(*a, **k):
    return a, sorted(k)
print(star(), star(1, *[2, 3], 4, **{'x': 1}, y=2))
print(f.__name__, fact.__name__)
def apply(fn, *args):
    return fn(*args)
print(apply(max, 3, 9, 2), apply(lambda: 'none'))
