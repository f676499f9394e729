for v in (0, 1, -1, 10, -10, 255, 4096, -4096, 2**40, -(2**40), 2**70 + 1):
    print(hex(v), oct(v), bin(v))
print(0x10, 0o17, 0b101, 0XFF, 0O7, 0B11, 1_000_000, 0x_ff, 0b_1010_1010)
for f in (hex, oct, bin):
    try:
        print(f(1.5))
    except Exception as e:
        print(type(e).__name__, e)
print(int('0x1f', 16), int('0o17', 8), int('0b11', 2), int('1f', 16))
