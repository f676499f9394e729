a = 3**200
for b in (7, -7, 2**64 + 1, -(2**64 + 1), 10**50, 3**199):
    q, r = divmod(a, b)
    print(b, q % 10**12, r, q * b + r == a)
    q, r = divmod(-a, b)
    print(q % 10**12, r, q * b + r == -a)
print(a // 10**90, a % 10**10, -a // 10**90)
print((2**521 - 1) % 1000000007)
try:
    print(pow(3, 2**100, 2**127 - 1))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(a // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(a % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(a >> 300, a >> 10, -a >> 300, (-a) >> 1000)
