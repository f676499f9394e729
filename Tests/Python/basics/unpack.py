a, b = 1, 2
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'abcd'
print(init, last)
a, *mid, b = range(6)
print(a, mid, b)
a, *mid, b = [1, 2]
print(a, mid, b)
print(*[1, 2, 3], sep='-')
print([*range(3), *'ab'], (*[1], 2))
d1 = {'a': 1, 'b': 2}
d2 = {'b': 3, 'c': 4}
d3 = dict(d1)
d3.update(d2)
print(sorted(d3.items()))
print(sorted({*[1, 2], *(2, 3)}))
for i, (k, v) in enumerate([('x', 1), ('y', 2)]):
    print(i, k, v)
try:
    a, b = [1, 2, 3]
except ValueError:
    print('ValueError too many')
try:
    a, b, c = [1, 2]
except ValueError:
    print('ValueError too few')
[p, q] = 'pq'
print(p, q)
t = 1,
print(t, len(t))
