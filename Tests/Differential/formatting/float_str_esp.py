vals = [1.1, 2.2, 3.3, 0.1 + 0.2, 1 / 3, 100.0 / 7, 123456.7, 1234567.8, 12345678.9, 0.000123, 1e-7, 3.4e38, 1.5e-39, 16777216.0, 16777217.0, 8388607.5]
for v in vals:
    print(v, repr(v), str(v), "%.3f" % v, "{:g}".format(v), "{}".format(v * 10))
print([x / 10 for x in range(12)])
print([2 ** -k for k in range(0, 30, 3)])
