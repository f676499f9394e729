# args: -X heapsize=64K
# Far more garbage than the heap holds: only works if the GC reclaims it.
total = 0
for i in range(3000):
    s = 'x' * 100 + str(i)
    l = [i] * 20
    total += len(s) + len(l)
print(total)
d = {}
for i in range(5000):
    d[i % 50] = str(i) * 3
print(len(d), d[49])
print(len(str(3 ** 2000)))
