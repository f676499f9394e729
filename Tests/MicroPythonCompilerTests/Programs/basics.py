x = 1
y = x + 2 * 3 - (4 // 2) % 3
z = -x ** 2
s = "short"
t = "a much longer string constant"
b = b"\x00ab"
f = 1.5
big = 12345678901234567890
h = 0xff_ff + 0o17 + 0b101
n = None; tt = True; ff = False
e = ...
tup = (1, 's', None)
lst = [1, 2, x]
d = {'a': 1, 'b': x}
st = {1, 2, x}
print(x, y, z, s, t, b, f, big, h, n, tt, ff, e, tup, lst, d, st)
a, b = b, a
a, b, c = 1, 2, 3
a, *rest = lst
x += 1
lst[0] += 2
lst[1:2] = [5]
print(lst[::2], lst[1:], lst[:-1])
del lst[0], a
print(1 < x < 10, x is not None, x not in lst, not x)
print(x if x else y, x and y or z)
