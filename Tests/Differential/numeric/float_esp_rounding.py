vals = [0.1, 0.7, 1.1, 2.675, 1e8 + 0.5, 16777217.0, 0.3 * 3, 1 / 3, 2 / 3, 100 / 3, 1e10 / 3, 3.14159265358979, 2.718281828459045, 1e-5 / 3]
for v in vals:
    print(v, v * 3, v + 1e-7, round(v, 3), int(v * 1000), v == float(str(v)))
acc = 0.0
for i in range(100):
    acc += 0.1
print(acc, acc == 10.0, round(acc, 4))
x = 1.0
for i in range(30):
    x /= 3
print(x, x * 3**30)
print(sum([1e8, 1.0, -1e8]), 1e8 + 1.0 - 1e8, (0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3))
print(float(123456789), float(2**24 + 1), int(float(2**24 + 1)), float(10**15), 1e15 + 1)
