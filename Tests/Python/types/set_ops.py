s = {3, 1, 2}
s.add(4)
s.add(1)
print(sorted(s), len(s), 2 in s, 9 in s)
s.discard(9)
s.discard(4)
s.remove(3)
print(sorted(s))
try:
    s.remove(42)
except KeyError:
    print('KeyError')
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2}.issubset(a), a.issuperset({1}), a.isdisjoint({9}), {1} <= a, a >= a, {1} < {1})
c = set('hello')
print(sorted(c), len(set()), set(), sorted(set([3, 3, 1])))
c.update('xyz')
c -= {'h'}
c |= {'q'}
c &= set('lloxq')
print(sorted(c))
x = a.copy()
print(x.pop() in a, len(x))
x.clear()
print(x, len(x))
print(sorted({i % 5 for i in range(30)}), {1, 2} == {2, 1}, {1} != {2})
f = frozenset([1, 2, 3])
print(sorted(f), 2 in f, f == {1, 2, 3}, sorted(f | {9}))
d = {f: 'frozen', frozenset(): 'empty'}
print(d[frozenset([3, 2, 1])], d[frozenset()])
try:
    {[1]}
except TypeError:
    print('TypeError unhashable')
print(sorted({(1, 2), (1, 2), (2, 1)}), len({1, 1.0, True}))
