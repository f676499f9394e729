cases = [("0x1F", 0), ("0o17", 0), ("0b101", 0), ("017", 0), ("0", 0), ("00", 0), ("10", 0), ("0x", 16), ("0x1f", 16), ("1f", 16), ("FF", 16), ("-ff", 16),
         ("z", 36), ("ZZ", 36), ("10", 2), ("102", 2), ("777", 8), ("0o777", 8), ("0b11", 2), ("0B11", 2), ("1_0", 2), ("0x_1", 16), ("0x_1", 0), ("  -0b1  ", 0),
         ("10", 1), ("10", 37), ("10", -1), ("zz", 35), ("123456789abcdef", 16), ("1" * 70, 2)]
for s, b in cases:
    try:
        print(repr(s), b, int(s, b))
    except Exception as e:
        print(repr(s), b, type(e).__name__, e)
try:
    print(int(10, 2))
except Exception as e:
    print(type(e).__name__, e)
print(int(b"12"), int(bytearray(b" -3 ")))
try:
    int(b"1x")
except Exception as e:
    print(type(e).__name__, e)
