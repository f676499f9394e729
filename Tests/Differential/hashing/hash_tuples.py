for t in ((), (1,), (1, 2), (2, 1), ("a", 1), (1.0, 2), ((1, 2), 3), (None,), (True, False), (10**20, -1)):
    print(repr(t), hash(t) == hash(tuple(list(t))), hash(t) == hash(t + ()))
print(hash((1, 2)) == hash((1.0, 2.0)), hash((1,)) == hash((True,)))
for u in ([1], {1: 2}, {1}, bytearray(b"x"), ([1],)):
    try:
        print(hash(u))
    except TypeError as e:
        print(type(e).__name__, e)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
