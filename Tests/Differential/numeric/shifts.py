for a in (1, -1, 5, -5, 2**40, -2**40, 0):
    for s in (0, 1, 3, 30, 31, 32, 33, 62, 63, 64, 65, 100):
        print(a, s, a << s, a >> s)
for s in (1000, 10000):
    print((1 << s).bit_length() if hasattr(1, "bit_length") else s + 1, (-1) >> s, 1 >> s, (5 << s) >> s)
for a, s in [(1, -1), (-1, -3), (2**100, -1)]:
    try:
        print(a << s)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        print(a >> s)
    except Exception as e:
        print(type(e).__name__, e)
print(0 << 10**6, 0 >> 10**9, (-7) >> 10**9, 7 >> 10**9)
