a = {5, 3, 9, 1, 7}
b = {2, 3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([100, 0]), a.intersection(range(4)), a.difference(b, {9}), a.symmetric_difference([5, 50]))
try:
    print(a.union(b, {100}))
except TypeError as e:
    print("TypeError", e)
c = set()
for x in "mississippi banana":
    c.add(x)
print(c)
print({x % 10 for x in range(100, 0, -7)}, {-x for x in range(8)})
print(frozenset(["b", "a"]) | {"c"}, set(range(32, 0, -4)))
print(sorted({3.5, 1, 2.25, -1}), {True, 2, 3.0})
