class Dyn:
    def __init__(self):
        self.real = 'real'
    def __getattr__(self, name):
        if name.startswith('x_'):
            return name[2:].upper()
        raise AttributeError(name)
d = Dyn()
print(d.real, d.x_hello, getattr(d, 'x_abc'), getattr(d, 'nope', 'default'), hasattr(d, 'nope'))
try:
    d.missing
except AttributeError:
    print('AttributeError')
class Obj:
    pass
o = Obj()
setattr(o, 'a', 1)
print(getattr(o, 'a'), o.a, hasattr(o, 'a'))
delattr(o, 'a')
print(hasattr(o, 'a'), getattr(o, 'a', None))
names = ['alpha', 'beta']
for i, n in enumerate(names):
    setattr(o, n, i)
print([getattr(o, n) for n in names])
class WithClassAttr:
    shared = [1]
w = WithClassAttr()
print(getattr(w, 'shared'), getattr(WithClassAttr, 'shared') is w.shared)
print(getattr('s', 'upper')())
