print(pow(3, 4, 5), pow(2, 100, 1000007), pow(-3, 3, 7), pow(3, 3, -7), pow(2, 10**20, 97))
print(pow(123456789, 987654321, 10**9 + 7))
print(pow(2**100, 3, 2**61 - 1))
for args in [(2, -1, 5), (2, 3, 0), (2.0, 3, 5), (2, 3.0, 5)]:
    try:
        print(pow(*args))
    except Exception as e:
        print(type(e).__name__, e)
print(pow(0, 0, 5), pow(5, 0, 1), pow(7, 1, 1))
for m in (2, 3, 10, 97, 1000, 2**31 - 1):
    print(m, [pow(b, 13, m) for b in range(-3, 5)])
