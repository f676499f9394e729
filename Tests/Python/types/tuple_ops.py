t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:3], t.index(2), t.count(2))
print(t + (4,), t * 2, (1,) * 0, 2 in t, tuple(), tuple([5, 6]))
print((1,), (), ((1, 2), (3,)))
print((1, 2) < (1, 3), (1, 2) == (1, 2), (1, 2) < (1, 2, 3))
print(hash((1, 2)) == hash((1, 2)), {(1, 2): 'a'}[(1, 2)])
a, b, c, d = t
print(a + b + c + d)
try:
    t[0] = 5
except TypeError:
    print('TypeError')
x = 1, 'two', 3.0
print(x, type(x).__name__)
print(tuple(i * i for i in range(4)), sorted((3, 1, 2)))
print(max((1, 'b'), (1, 'a')), min([(2, 0), (1, 9)]))
