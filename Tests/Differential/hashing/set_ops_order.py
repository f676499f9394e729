a = set(range(0, 40, 3))
b = set(range(0, 40, 5))
print(a | b)
print(a & b, a - b, b - a)
print(a ^ b)
print(a.union([100, 200]), a.intersection(range(10)), a.issubset(range(50)), b.issuperset({5, 10}), a.isdisjoint({1, 2}))
c = {"x", "y"}
c.update("zw", [1])
print(sorted(map(str, c)))
l = list({7: 0, 3: 0, 11: 0, -1: 0})
print(l)
p = {1, 2, 3}
print(p.pop(), p)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
try:
    {1}.remove(5)
except KeyError as e:
    print(type(e).__name__, e)
