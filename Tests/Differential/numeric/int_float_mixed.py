vals = [3, -3, 7.5, -0.5, 2**40, -2**70, 0, 1e-3]
for a in vals:
    row = []
    for b in (2, -2.5, 0.5, 3):
        row.append("%s" % (a * b))
        row.append("%s" % (a - b))
        row.append("%s" % (a / b))
    print(a, " ".join(row))
print(10 / 3, -10 / 3, 2**64 / 2**32, 1 / 3 * 3, 0.1 * 3 == 0.3, 7 // 2.0, -7 // 2.0, 7 % -2.0)
print(1e300 * 1e10, -1e300 * 1e10, 2**1000 * 1.0 if False else "skip")
try:
    print(2**10000 * 1.0)
except OverflowError as e:
    print("OverflowError", e)
try:
    print(float(2**2000))
except OverflowError as e:
    print("OverflowError", e)
print(2**100 / 3, 10**30 // 7.0, (2**100) % 7.5)
