class Count:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Count(4)), sum(Count(10)), [x * x for x in Count(3)], tuple(Count(2)), sorted(Count(3), reverse=True), max(Count(5)))
c = Count(3)
print(next(c), next(c), next(c), next(c, "done"))
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq(), 25 in Seq(), list(enumerate(Seq())), list(zip(Seq(), "ab")))
class Iterable:
    def __iter__(self):
        yield 1
        yield 2
print(list(Iterable()), dict(zip(Iterable(), "xy")), set(Iterable()), list(map(str, Iterable())))
class Bad:
    def __iter__(self): return 5
try:
    iter(Bad())
except TypeError as e:
    print(type(e).__name__, e)
try:
    for x in 5: pass
except TypeError as e:
    print(type(e).__name__, e)
a, b = Count(2)
print(a, b)
