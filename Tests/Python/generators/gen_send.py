def accumulator():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
    yield 'final %d' % total
a = accumulator()
print(a.send(None), a.send(5), a.send(10), a.send(None))
def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
    finally:
        print('echo closing with', received)
e = echo()
print(next(e), e.send('a'), e.send('b'))
e.close()
print('closed')
g = accumulator()
try:
    g.send(1)
except TypeError:
    print('TypeError: send non-None to just-started generator')
def averager():
    n = total = 0
    avg = None
    while True:
        v = yield avg
        n += 1
        total += v
        avg = total / n
av = averager()
next(av)
print([av.send(v) for v in (10, 20, 30, 40)])
