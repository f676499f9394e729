# lots of short-lived garbage; results must survive collections
import gc
gc.collect()
print(gc.isenabled())
keep = []
for i in range(2000):
    tmp = [i] * 10
    s = 'item-%d' % i
    d = {'k': s, 'v': tmp}
    if i % 100 == 0:
        keep.append((s, d, tuple(tmp[:2])))
gc.collect()
print(len(keep), keep[3][0], keep[-1][1]['k'], keep[5][2])
total = 0
for i in range(300):
    total += len(str(2 ** (i + 50)))
print(total)
gc.disable()
print(gc.isenabled())
junk = [str(i) for i in range(500)]
gc.enable()
gc.collect()
print(gc.isenabled(), len(junk), junk[499])
class Node:
    def __init__(self, v, nxt):
        self.v, self.nxt = v, nxt
head = None
for i in range(1000):
    head = Node(i, head)
gc.collect()
n, s = 0, 0
while head:
    n += 1
    s += head.v
    head = head.nxt
print(n, s)
