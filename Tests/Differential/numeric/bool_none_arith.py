print(True + 1, True - True, True * 2.5, True / 2, True // 2, True % 2, True ** 3, True << 3, True >> 1)
print(True & False, True | False, True ^ True, ~False, -False)
print(type(True & True).__name__, type(True + True).__name__, type(True | False).__name__)
for a, b in [(None, 1), ("a", 1), ([], 1), (1, "a"), ({}, {})]:
    try:
        print(a + b)
    except Exception as e:
        print(type(e).__name__, e)
for a in [None, "s", [1]]:
    try:
        print(-a)
    except Exception as e:
        print(type(e).__name__, e)
try:
    print(1 < "a")
except Exception as e:
    print(type(e).__name__, e)
try:
    print([1] < (1,))
except Exception as e:
    print(type(e).__name__, e)
print("ab" * 3, 3 * [0], (1, 2) * 2, b"x" * 3, "a" * -1, [1] * 0)
print(sum([True, True, False]), max([False, True]), sorted([True, 0, -1, False]))
