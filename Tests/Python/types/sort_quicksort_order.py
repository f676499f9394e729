# list.sort/sorted as MicroPython's quicksort: the same unstable order of equal keys, the key
# function called per comparison, __lt__ called with the same operands.
import random
random.seed(3)
calls = 0
def k(x):
    global calls
    calls += 1
    return x[0]
for n in (2, 3, 5, 10, 37):
    l = [(random.getrandbits(2), i) for i in range(n)]
    calls = 0
    print(sorted(l, key=k), calls)
    print(sorted(l, key=k, reverse=True))
    m = [x[0] for x in l]
    m.sort(reverse=True); print(m)
class A:
    def __init__(s, v): s.v = v
    def __lt__(s, o): print("lt", s.v, o.v); return s.v < o.v
print([a.v for a in sorted([A(3), A(1), A(2), A(1)])])
print(sorted(["b", "a", "c"], key=len))
print(sorted([3, 1.5, 2, -1, 2**70, 0.5]))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print(e)
