import math
xs = []
v = 1.0
for i in range(30):
    xs.append(v)
    v = v * 3.7 + 0.1
for x in xs:
    print(x, -x / 1000, float(str(x)) == x)
print(math.pi * 1e10, math.e * 1e-10, 1 / 7 * 1e5)
