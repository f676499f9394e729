for v in (0, 1, -1, 255, -256, 2**31, 2**64, -(2**100)):
    print(v, v.bit_length() if hasattr(v, "bit_length") else "-", hex(v), oct(v), bin(v))
print(int(True), int(False), int(3.99), int(-3.99), int(1e20), int(-1e20), int(2.5e15))
print(True + True, True * 10, False - 1, -True, ~True)
print(int(123), int(-0), float(7), float(-2**70), float(10**20))
print((7).__add__(3) if hasattr(7, "__add__") else 10)
print(int.__name__, type(1 << 100).__name__, isinstance(1 << 100, int), isinstance(True, int))
print(float(2**1023) * 2, float(10**308))
try:
    float(10**400)
except Exception as e:
    print(type(e).__name__, e)
try:
    int(float('nan'))
except Exception as e:
    print(type(e).__name__, e)
