for b in (2, -2, 3, -3, 0, 1, -1, 10):
    for e in (0, 1, 2, 3, 10, 31, 63, 64, 100):
        print(b, e, b ** e)
for b, e in [(2, -1), (-2, -2), (10, -3), (2.0, 0.5), (4, 0.5), (-8, 1/3), (0.0, 0), (0, 0.0)]:
    try:
        print(b, e, b ** e)
    except Exception as e2:
        print(type(e2).__name__, e2)
for b, e in [(0, -1), (0.0, -1), (0, -1.5)]:
    try:
        print(b ** e)
    except Exception as x:
        print(type(x).__name__, x)
print(pow(2, 10), pow(-2, 3), pow(2.5, 2))
