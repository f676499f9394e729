d = {}
for k in [10, 3, 27, 100, -4, 65, 8, 2**31, 2**40, 1000000, -100000, 0]:
    d[k] = k % 7
print(d)
print(list(d.items())[:4], sorted(d))
e = {i * i: i for i in range(-8, 9)}
print(e)
f = dict.fromkeys(range(40, 0, -7))
print(f)
g = {}
for i in range(16):
    g[i * 16] = i
    if i % 4 == 0:
        del g[i * 16]
print(g)
s = set()
for i in (64, 32, 16, 8, 4, 2, 1, 0, -1, 128, 256):
    s.add(i)
print(s)
