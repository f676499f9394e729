d = {}
for k in (5, "x", 2.5, None, -3, "abc", True, b"k", 10**20):
    d[k] = repr(k)
print(d)
print(list(d.keys()), list(d.values())[:3])
del d["x"]
d["x"] = 1
d[5] = "again"
print(d)
e = dict(zip("hello", range(5)))
print(e, {v: k for k, v in e.items()})
print(dict.fromkeys([3, 1, 2]), dict.fromkeys("ab", 0))
print({1: "a", 1.0: "b", True: "c"})
m = {}
for i in range(30):
    m[i * 7 % 31] = i
print(m)
for i in range(0, 30, 3):
    del m[i * 7 % 31]
print(m)
