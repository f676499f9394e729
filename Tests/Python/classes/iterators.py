class Countdown:
    def __init__(self, start):
        self.cur = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur <= 0:
            raise StopIteration
        self.cur -= 1
        return self.cur + 1
print(list(Countdown(5)))
c = Countdown(3)
print(next(c), next(c), next(c), next(c, 'done'))
for x in Countdown(2):
    print('for', x)
class Repeat:
    def __init__(self, v, n):
        self.v, self.n = v, n
    def __iter__(self):
        for _ in range(self.n):
            yield self.v
print(list(Repeat('x', 3)), sum(Repeat(2, 5)), list(zip(Repeat(1, 2), Countdown(9))))
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
print(list(enumerate(Countdown(3))), dict(zip(Countdown(2), 'ab')) == {2: 'a', 1: 'b'})
a, b, c = Countdown(3)
print(a, b, c)
