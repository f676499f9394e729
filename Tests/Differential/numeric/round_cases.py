for v in (0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.49999, 2.675, 1.005, 0.125, 0.375, -0.0, 1e20, 123456.789):
    print(v, round(v), round(v, 1), round(v, 2), round(v, 0), round(v, -1))
for v in (5, 15, 25, -25, 1234567, -1234567, 10**20 + 5):
    print(v, round(v), round(v, -1), round(v, -2), round(v, 2))
print(type(round(2.5)), type(round(2.5, 0)), type(round(7, 1)))
try:
    print(round(float('inf')))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(round(float('nan')))
except Exception as e:
    print(type(e).__name__, e)
print(round(float('inf'), 2), round(float('nan'), 1))
