def inner(n):
    for i in range(n):
        got = yield i
        if got:
            print('inner got', got)
    return 'inner done %d' % n
def outer():
    r1 = yield from inner(2)
    print(r1)
    r2 = yield from inner(1)
    print(r2)
    yield from [10, 20]
    yield from 'ab'
    return 'outer done'
print(list(outer()))
o = outer()
print(next(o), o.send('hello'), next(o))
def deleg():
    try:
        yield from inner(5)
    except ValueError as e:
        yield 'outer caught %s' % e
d = deleg()
print(next(d), d.throw(ValueError('v')))
def closer():
    try:
        yield 1
        yield 2
    finally:
        print('inner finally')
def wrap():
    yield from closer()
w = wrap()
next(w)
w.close()
def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def ret_gen():
    return (yield from inner(0))
try:
    next(ret_gen())
except StopIteration as e:
    print('StopIteration value', e.value)
