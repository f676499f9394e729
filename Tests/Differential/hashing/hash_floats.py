for v in (0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 1.5, -2.5, 100.0, 1e10, 2.0**31, 2.0**40, 2.0**62, 2.0**63, 2.0**64, 1e30, 0.1):
    print(v, hash(v), hash(v) == hash(int(v)) if v == int(v) else "-")
print(hash(1.0) == hash(1), hash(0.0) == hash(-0.0), hash(2**40 + 0.0) == hash(2**40))
for v in (float('inf'), float('-inf'), float('nan')):
    try:
        print(hash(v))
    except Exception as e:
        print(type(e).__name__, e)
