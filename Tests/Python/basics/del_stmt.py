x = 5
del x
try:
    x
except NameError:
    print('NameError')
d = {'a': 1, 'b': 2}
del d['a']
print(d)
l = [1, 2, 3]
del l[0], l[-1]
print(l)
class C:
    pass
o = C()
o.attr = 1
print(hasattr(o, 'attr'))
del o.attr
print(hasattr(o, 'attr'))
def f():
    y = 1
    del y
    try:
        return y
    except NameError:
        return 'local NameError'
print(f())
