def guarded():
    while True:
        try:
            yield 'ready'
        except ValueError as e:
            print('gen caught', e)
            yield 'recovered'
g = guarded()
print(next(g))
print(g.throw(ValueError('boom')))
print(next(g))
try:
    g.throw(KeyError('not handled'))
except KeyError as e:
    print('propagated', e.args)
try:
    next(g)
except StopIteration:
    print('gen is finished')
def cleanup():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
    finally:
        print('finally in gen')
c = cleanup()
print(next(c))
c.close()
c.close()
print('closed twice ok')
def bad_close():
    try:
        yield 1
    except GeneratorExit:
        yield 'refuse'
b = bad_close()
next(b)
try:
    b.close()
except RuntimeError:
    print('RuntimeError: generator ignored GeneratorExit')
def never_started():
    print('never printed')
    yield
n = never_started()
n.close()
print('closed unstarted')
