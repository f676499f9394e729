d = {1: "int", 2.0: "float", 2**65: "big"}
print(d[1.0], d[True], d[2], d[float(2**65)])
print(1 in d, 2 in d, 3.0 in d, (2**65 + 1) in d)
d[0] = "zero"
print(d[-0.0], d[False])
k = {}
for v in (1, 1.0, True, 2, 2.0, 10**20, 1e20, float(10**20)):
    k[v] = k.get(v, 0) + 1
print(k)
s = set([1, 1.0, 2**64, float(2**64), -1, -1.0])
print(sorted(s))
print({0: 1}.get(0.0), {(1, 2): 3}.get((1.0, 2.0)), {"a": 1}.get("b", "def"))
try:
    {}[1.5]
except KeyError as e:
    print(type(e).__name__, e)
try:
    {}[(1, "x")]
except KeyError as e:
    print(type(e).__name__, e, repr(e))
