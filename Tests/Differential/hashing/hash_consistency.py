pairs = [(1, 1.0), (0, -0.0), (2**31, 2.0**31), (2**62, 2.0**62), (-7, -7.0), (True, 1), (False, 0)]
for a, b in pairs:
    print(repr(a), repr(b), a == b, hash(a) == hash(b))
print(hash(12345) == 12345, hash(-12345) == -12345, hash(-1))
print(hash("x") == hash("x"), hash((1, "x")) == hash((1, "x")))
print(len({hash(i) for i in range(1000)}))
print(len({hash(str(i)) for i in range(1000)}) > 990)
