# Walking builtin containers and slicing builtin sequences need no heap: for loops over
# bytes, bytearray, array, dict, set and frozenset, all/any/sum/min/max over them, and slice
# stores on builtin sequences all work with the heap locked.
import micropython
import array

data = (b"xyz", bytearray(b"\x01\x02"), array.array("h", (-5, 7)), {3: 4, 5: 6}, {8}, frozenset((9,)))
out = [0] * 60
n = 0
ok = None


def walk(c):
    global n
    micropython.heap_lock()
    for x in c:
        out[n] = x
        n += 1
    out[n] = sum(c)
    out[n + 1] = min(c)
    out[n + 2] = max(c)
    out[n + 3] = all(c)
    out[n + 4] = any(c)
    n += 5
    micropython.heap_unlock()


for c in data:
    walk(c)
print(out[:n])

b = bytearray(range(8))
m = memoryview(b)
micropython.heap_lock()
b[1:3] = b"ab"
m[4:6] = b"cd"
micropython.heap_unlock()
print(b)
# Nested and reentrant slicing still gives the right answers.
s = "abcdef"
l = [1, 2, 3, 4]
l[1:3] = l[2:4]
print(s[1:4], [1, 2, 3][-2:], bytes(b[2:5]), l)
