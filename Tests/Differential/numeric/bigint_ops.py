a = 2**200 + 12345
b = 3**100 - 7
print(a + b, a - b, b - a)
print(a * b)
print(a // b, a % b, -a // b, -a % b, a // -b, a % -b)
print(divmod(a, b), divmod(-a, -b))
print(a ** 2)
print(str(10**50)[:10], len(str(7**500)))
f = 1
for i in range(1, 40):
    f *= i
print(f)
print(f // (2**64), f % (2**64))
print(hex(f), oct(f)[:20], bin(f)[-20:])
print(abs(-a), -(-a) == a, a > b, a < -b, -a < b)
print(int(str(f)) == f, int(hex(f), 16) == f)
x = 1
for i in range(100):
    x = x * 3 + 1
print(x, x.bit_length() if hasattr(x, 'bit_length') else 0)
print((2**64 - 1) * (2**64 - 1))
print(-(2**63) // -1, (-(2**63)) * -1)
