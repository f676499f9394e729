vals = [0, 1, -1, 255, -256, 2**31, -2**31, 2**64 + 3, -(2**64) - 3, 0x5555555555555555555, -0x123456789abcdef0123]
for a in vals:
    for b in vals[::3]:
        print(a & b, a | b, a ^ b)
for a in vals:
    print(~a, -a, +a)
