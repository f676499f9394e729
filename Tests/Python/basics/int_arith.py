# small-int arithmetic
a, b = 17, 5
print(a + b, a - b, a * b, a // b, a % b, a ** 2)
print(-a, +a, -(-a))
print(a / b, 10 / 4, 9 / 3)
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3)
print(1 + 2 * 3 - 4, (1 + 2) * (3 - 4), 2 ** 3 ** 2)
print(7 - -3, 10 - 20 - 30)
x = 0
for i in range(100):
    x += i * i
print(x)
print(1_000_000 + 1, 0x10, 0o17, 0b1011)
print(1 == 1.0, 3 * True, True + True)
