def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(5)), sum(count(101)), type(count(1)).__name__)
g = count(2)
print(next(g), next(g), next(g, 'end'))
try:
    next(g)
except StopIteration:
    print('StopIteration')
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
def with_return():
    yield 1
    return 'result'
g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('returned', e.value, e.args)
def lazy():
    print('started')
    yield 'a'
    print('resumed')
    yield 'b'
    print('finishing')
l = lazy()
print('created')
for v in l:
    print('got', v)
def pipeline():
    evens = (x for x in range(20) if x % 2 == 0)
    squares = (x * x for x in evens)
    return [s for s in squares if s > 50]
print(pipeline())
print(list(zip(count(3), 'abc')), list(enumerate(count(2), 1)))
gen = (c.upper() for c in 'xyz')
print(next(gen), list(gen))
def empty():
    return
    yield
print(list(empty()))
