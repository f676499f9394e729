# generators, generator expressions and yield from
def naturals(n):
    i = 0
    while i < n:
        yield i
        i += 1
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def chained(n):
    yield from naturals(n)
    yield from naturals(n // 2)
def run(n):
    a = sum(evens(naturals(n)))
    b = sum(x * x for x in chained(n) if x % 3)
    return a, b
print(run(900000))
