import math
for x in (0.1, 1/3, 2/3, 1e-5, 123456789.123, 1.7976931348623157e308, 4.9e-324, 0.30000000000000004):
    print(x, x * 10, x / 10, -x, x + x)
print(math.pi, math.e, math.pi * 2, math.pi / 2)
print(math.sin(1), math.cos(1), math.tan(1), math.atan2(1, -1), math.atan(1) * 4)
print(math.pow(2, 0.5), math.hypot(3, 4) if hasattr(math, "hypot") else 5.0)
for n in range(1, 12):
    print(n, 1 / n, n / 7, n ** 0.5, 10.0 ** n, 10.0 ** -n)
