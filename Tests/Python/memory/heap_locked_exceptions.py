# With the heap locked (or full) a new builtin exception is MicroPython's emergency exception
# object (its args in the one emergency buffer, so a later one overwrites them), instead of a
# MemoryError: raising and catching still work, and so do a
# generator's end (its StopIteration) and lookups failing with KeyError or NameError.
import micropython


def gen():
    yield 1
    return 7


g = gen()
next(g)
d = {}
a = b = c = n = v = None
micropython.heap_lock()
try:
    try:
        raise ValueError
    except ValueError as e:
        a = type(e)
    try:
        next(g)
    except StopIteration as e:
        b = e.args  # no room for the value
    try:
        d[1]
    except KeyError as e:
        c = type(e)
    try:
        undefined_name
    except NameError as e:
        n = type(e)
    try:
        raise TypeError("message")
    except TypeError as e:
        v = e.args
except MemoryError:
    a = "MemoryError"
micropython.heap_unlock()
print(a, b, c, n, v)
try:
    raise ValueError("heap unlocked", 1)
except ValueError as e:
    print(e.args)
