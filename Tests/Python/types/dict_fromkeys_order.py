# dict.fromkeys sizes its table for the iterable's length (duplicates counted), as MicroPython
# does, so the order the keys come out in is MicroPython's (found by scripts/fuzz.py against
# the C unix build). CPython keeps insertion order instead: hence the .exp file.
print(dict.fromkeys('aab', 1))
print(dict.fromkeys('00ffA', 0))
print(dict.fromkeys('abcc'))
print(dict.fromkeys([1, 1, 2, 3], 0))
print(dict.fromkeys(range(5)))
print(dict.fromkeys(x for x in 'cab'))
print(dict.fromkeys(('k1', 'k2', 'k1', 'k3', 'k2'), []))
print(dict.fromkeys(b'hello'))
try:
    dict.fromkeys(range(2**28))
except MemoryError:
    print('MemoryError')
