class Range2:
    def __init__(self, n): self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i * 2
            i += 1
    def __len__(self): return self.n
    def __contains__(self, x): return x % 2 == 0 and 0 <= x < 2 * self.n
r = Range2(5)
print(list(r), len(r), 4 in r, 5 in r, sum(r), list(zip(r, "abc")), dict(enumerate(r)))
class Fib:
    def __init__(self): self.a, self.b = 0, 1
    def __iter__(self): return self
    def __next__(self):
        v = self.a
        self.a, self.b = self.b, self.a + self.b
        if v > 1000:
            raise StopIteration
        return v
print(list(Fib()), [x for x in Fib() if x % 2], max(Fib()))
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "end"))
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"
g = countdown(3)
print(list(g), list(g))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])), list(filter(None, [0, 1, "", "a", None])))
print(sorted(Range2(4), reverse=True), list(reversed([1, 2, 3])), any(Range2(0)), all(Range2(0)))
