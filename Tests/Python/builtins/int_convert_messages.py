# Messages and limits of int(), bin/oct/hex and list.remove as the C builds give them.
for f in (lambda: int(10, 2), lambda: int(1.5, 10), lambda: int(None, 16), lambda: bin(1.5), lambda: bin('a'),
          lambda: oct(1.5), lambda: hex(None), lambda: [1].remove(3), lambda: (1,).index(3)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class M(int):
    pass
class X:
    def __index__(self):
        return 3
for f in (bin, oct, hex):
    for v in (M(5), X(), True):
        try:
            print(f(v))
        except Exception as e:
            print(type(e).__name__, e)
# Past the small-int range C reads the digits again without skipping '_'.
for s in ('1_000', '1_000_000_000', '1_000_000_000_000_000_000_000', '123456789012345678901_2', '0x_ffff_ffff_ffff_ffff_f', '1' * 25, '12_34_56_78_90_12'):
    try:
        print(int(s, 0))
    except ValueError as e:
        print('ValueError', e)
