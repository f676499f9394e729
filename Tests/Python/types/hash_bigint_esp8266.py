# args: -X profile=esp8266
# As hash_bigint.py, on the 32-bit board: the low 32 bits, cut to 31.
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
