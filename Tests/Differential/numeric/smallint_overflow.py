big = [2**30 - 1, 2**30, 2**31 - 1, 2**31, 2**32, 2**62 - 1, 2**62, 2**63 - 1, 2**63, 2**64]
for v in big:
    print(v, -v, v + 1, v - 1, v * 2, v * -2, -v - 1, v * v)
for v in big:
    print(v // 3, v % 3, (-v) // 3, (-v) % 3)
x = 1
for i in range(70):
    x += x
print(x)
y = -1
for i in range(70):
    y *= 2
print(y)
