a, *b, c = range(6)
print(a, b, c)
(x, y), z = "ab", 3
print(x, y, z)
for s in ["1,2,3", "4,5", "6"]:
    try:
        p, q, r = s.split(",")
        print(p, q, r)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    a, b = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
print([int(t, 16) for t in "ff 10 a0".split()])
print(dict(kv.split(":") for kv in "a:1 b:2".split()))
print(list(map(float, ["1", "2.5", "-inf"])))
