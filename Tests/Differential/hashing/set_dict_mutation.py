s = set(range(10))
for i in range(0, 10, 2):
    s.remove(i)
s.update({100, 50, 25})
print(s, len(s))
d = {k: k for k in range(10)}
for k in list(d):
    if k % 3 == 0:
        del d[k]
d[99] = 99
d[3] = 3
print(d)
try:
    for k in d:
        d[k + 1000] = 0
except RuntimeError as e:
    print("RuntimeError", e)
f = frozenset({3, 1, 2})
print(f | {0}, f & {1, 5}, f - {1}, f ^ {9})
print(set("hello") == set("olleh"), {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2} > {1})
