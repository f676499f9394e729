# MicroPython's hash of a big int (the low machine word, cut to a small int's width) and
# the dict and set order that follows from it; __hash__ results are cut the same way.
vals = [1 << 30, -(1 << 30), 1 << 31, (1 << 32) + 5, -(1 << 32) - 5, 1 << 62, (1 << 63) - 1, 1 << 63, -(1 << 63), 1 << 64, (1 << 64) + 7, 3 ** 50, -(3 ** 50), 2**40 + 2**35]
for v in vals:
    print(hash(v))
print({v: 1 for v in vals})
print(set(vals))
class F:
    def __init__(self, h): self.h = h
    def __hash__(self): return self.h
for v in vals + [True, 5]:
    print(hash(F(v)))
try:
    hash(F(1.5))
except TypeError as e:
    print('TypeError', e)
