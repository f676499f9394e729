print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0 == True, 0 == False == 0.0, -0.0 == 0 < 1)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), [] < [0], () == (), [1] == [1.0])
print("a" < "b" < "c", "abc" < "abd", "Z" < "a", "" < "a", "a" * 3 == "aaa")
print(b"a" < b"b", b"abc" == b"abc", bytearray(b"a") < b"b")
print(None is None, None == None, None != 0, not None)
for a, b in [(1, "1"), ([1], (1,)), ({1: 2}, {1: 2}), ({1}, {1.0}), (float("nan"), float("nan"))]:
    print(repr(a), repr(b), a == b, a != b)
for a, b in [(1, "1"), ([1], (1,)), (None, 1), ({}, {})]:
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError", e)
print(max(3, 1e0, 2**70, key=lambda v: -v), min("b", "a", "c"))
