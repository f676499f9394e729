from collections import namedtuple, OrderedDict
P = namedtuple('P', ('x', 'y'))
p = P(1, y=2)
print(p, p.x, p[1], p == (1, 2), len(p), tuple(p))
x, y = p
print(x + y, isinstance(p, tuple))
od = OrderedDict()
od['z'] = 1
od['a'] = 2
od['m'] = 3
print(list(od.keys()), list(od.items()))
del od['a']
od['a'] = 4
print(list(od.items()))
