class Pause:
    def __init__(self, value):
        self.value = value
    def __await__(self):
        got = yield self.value
        return 'resumed with %s' % got
    __iter__ = __await__
async def add(a, b):
    return a + b
async def task(name):
    total = await add(1, 2)
    print(name, 'sum', total)
    r = await Pause(name + ' paused')
    print(name, r)
    return name + ' finished'
coro = task('t1')
print(coro.send(None))
try:
    coro.send('x')
except StopIteration as e:
    print('result', e.value)
async def plain():
    return 42
c = plain()
try:
    c.send(None)
except StopIteration as e:
    print('plain', e.value)
def run_all(coros):
    pending = list(coros)
    results = []
    while pending:
        c = pending.pop(0)
        try:
            v = c.send(None)
            print('yielded', v)
            pending.append(c)
        except StopIteration as e:
            results.append(e.value)
    return results
async def worker(n):
    for i in range(n):
        await Pause('w%d step %d' % (n, i))
    return n * 100
print(run_all([worker(2), worker(1), worker(3)]))
