# Operations that use no heap in MicroPython work with the heap locked: min/max of several
# arguments, and bytes + bytes with an empty side (asyncio relies on both).
import micropython

empty, data = b"", b"xy"
a = b = c = d = e = None
micropython.heap_lock()
try:
    a = max(3, 1, 2)
    b = min(3, 1, 2)
    c = empty + data
    d = data + empty
    e = "no heap used"
except MemoryError:
    e = "MemoryError"
micropython.heap_unlock()
print(a, b, c is data, d is data, e)
