def p3(*a):
    try:
        return pow(*a)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)
print(p3(3, 4, 5), p3(2, 100, 1000007), p3(-3, 3, 7), p3(3, 3, -7), p3(2, 10**20, 97))
print(p3(123456789, 987654321, 10**9 + 7))
print(p3(2**100, 3, 2**61 - 1))
for args in [(2, -1, 5), (2, 3, 0), (2.0, 3, 5), (2, 3.0, 5)]:
    print(p3(*args))
print(p3(0, 0, 5), p3(5, 0, 1), p3(7, 1, 1))
for m in (2, 3, 10, 97, 1000, 2**31 - 1):
    print(m, [p3(b, 13, m) for b in range(-3, 5)])
print(pow(2, 10), pow(2, -1), pow(-2, 0.5) if False else 0)
