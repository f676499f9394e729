import math
for v in (0.0, -0.0, 0.1, -0.1, 1.5, -1.5, 2.5, 1e20, -1e20, 4503599627370495.5, 2**52 + 0.5):
    print(v, math.floor(v), math.ceil(v), math.trunc(v), int(v), v // 1, v % 1)
for v in (float('inf'), float('nan')):
    try:
        print(math.floor(v))
    except Exception as e:
        print(type(e).__name__, e)
    try:
        print(math.ceil(v))
    except Exception as e:
        print(type(e).__name__, e)
print(type(math.floor(2.5)).__name__, math.floor(7), math.ceil(-7))
