a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 5, 5 >> 10)
print(-5 & 0xff, -5 | 3, -5 ^ 3)
print(bin(a & b), hex(0xdead ^ 0xbeef))
x = 0xff
x &= 0x0f
x |= 0x100
x ^= 1
x <<= 2
x >>= 1
print(x)
print((1 << 40) >> 38, (1 << 62) | 1)
