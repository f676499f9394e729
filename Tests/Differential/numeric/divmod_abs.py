for a in (0, 5, -5, 10**25, -10**25, 2.5, -2.5, True, False):
    print(abs(a), type(abs(a)).__name__)
for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5), (17.5, 5), (-17.5, 5), (10**25, 7), (-10**25, 7), (True, 2), (7, True)]:
    print(divmod(a, b))
try:
    divmod(1, 0)
except Exception as e:
    print(type(e).__name__, e)
try:
    divmod(1.0, 0)
except Exception as e:
    print(type(e).__name__, e)
try:
    divmod("a", 1)
except Exception as e:
    print(type(e).__name__, e)
try:
    abs("x")
except Exception as e:
    print(type(e).__name__, e)
print(abs(-2**63), abs(-2**31), abs(-(2**62)))
