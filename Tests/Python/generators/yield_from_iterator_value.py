# yield from a Python iterator gives the value of the StopIteration that ends it (how an
# asyncio Task returns the awaited value).
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 2: raise StopIteration(self.n * 10)
        return self.n
def g():
    r = yield from It()
    print("result", r)
    r = yield from iter([1])
    print("result", r)
print(list(g()))
