a = 1
b = [a, 1, 2]
t = (a, b)
s = {b, a}
d = {'k': a, 'j': [1, 2]}
print(a < b[0] <= 3 != 4, a in b, a not in b, a is b, a is not b)
print(a if a > 0 else -a, not a, a and b, a or b, a and b or t)
print(b[1:], b[:2], b[::3], b[1:2:3], b[a:])
c = a.real.imag
e = [x for x in b if x if not x]
f = lambda *args, **kw: (args, kw)
print(f(1, 2, x=3), f(*b, **d), f(1, *b, 2, *t, y=3, **d))
g = 0x7fffffff
h = -1073741824
i = 1073741823
j = 1073741824
k = 1.0e-5 + 2.5 * 3
l = 7 // 2, 7 % 3, -7 // 2, 2 ** -1
m = ~0, -(-3), +4, 1 / 3
print(g, h, i, j, k, l, m)
x = y = z = 0
x, (y, z) = 1, (2, 3)
[p, q] = 1, 2
a.b, b[0] = 1, 2
a.x += 1
b[0] -= 2
b[0:1] = []
del a.x
