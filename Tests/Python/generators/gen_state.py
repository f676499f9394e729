def gen_local_state():
    x = []
    for i in range(3):
        x.append(i)
        yield list(x)
print(list(gen_local_state()))
gens = [(i * j for j in range(3)) for i in range(3)]
print([list(g) for g in gens])
def take(n, it):
    for _ in range(n):
        yield next(it)
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(take(5, naturals())))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
p = primes()
print([next(p) for _ in range(15)])
g1 = naturals()
g2 = naturals()
print(next(g1), next(g1), next(g2))
def gen_in_gen():
    for a in (x * 2 for x in range(3)):
        yield a + 1
print(list(gen_in_gen()), any(x > 3 for x in naturals()), all(x < 3 for x in naturals()))
def rec(n):
    if n > 0:
        yield n
        yield from rec(n - 1)
print(list(rec(6)))
