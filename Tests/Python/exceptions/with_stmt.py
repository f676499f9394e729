class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, typ, val, tb):
        print('exit', self.name, typ.__name__ if typ else None, val.args if val else None)
        return self.suppress
with CM('a') as v:
    print('body', v)
with CM('outer') as o, CM('inner') as i:
    print('both', o, i)
with CM('quiet', suppress=True):
    raise ValueError('suppressed')
print('after suppressed')
try:
    with CM('loud'):
        raise KeyError('propagates')
except KeyError as e:
    print('caught', e.args)
def f():
    with CM('ret'):
        return 'returned'
print(f())
for n in range(3):
    with CM('loop%d' % n):
        if n == 1:
            continue
        if n == 2:
            break
        print('loop body')
with CM('nested1'):
    with CM('nested2', suppress=True):
        1 // 0
    print('between')
