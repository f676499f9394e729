# s.intersection(s) is a copy of s, hash table and all, as C's set_intersect returns one: its
# items come out in s's order (an intersection with another set is built item by item, in the
# other's order). No tuples: C hashes a tuple from an address. Expected output from C builds.
v = {8, 3, 6, 100, -5, 2**40, "k", "key", 7.5}
print(v.intersection(v) == v, list(v.intersection(v)) == list(v.copy()))
print(v.intersection(v), v & v)
f = frozenset(v)
print(type(f.intersection(f)).__name__, list(f.intersection(f)) == list(f))
w = set(v)
print(w.intersection(v))
