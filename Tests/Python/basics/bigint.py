# arbitrary precision integers
x = 2 ** 100
print(x, type(x).__name__)
print(x + 1, x - 1, x * x, -x)
print(x // 3, x % 3, -x // 3, -x % 3, x // -7, x % -7)
print(divmod(10 ** 30, 7 ** 20))
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f // (2 ** 26), f % 1000003)
print(x >> 50, x << 20, (x - 1) & 0xffff, x | 1, x ^ (x - 1))
print(-x >> 3, -x & 0xfff, ~x)
print(hex(x), oct(x), bin(2 ** 70))
print(int("123456789012345678901234567890") * 2)
print(int("-ffffffffffffffffffff", 16))
print(x == 2 ** 100, x > 2 ** 99, x < -x, 2 ** 64 == 18446744073709551616)
print(abs(-x), pow(3, 100), pow(3, 100, 10 ** 9 + 7))
print(str(10 ** 40)[:5], len(str(10 ** 40)))
print((10 ** 20) // (10 ** 18), 10 ** 20 / 10 ** 18)
a = 1 << 63
print(a - 1, a, a + a, -a - 1)
