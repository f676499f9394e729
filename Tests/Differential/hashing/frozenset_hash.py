fs = frozenset([3, 1, 2])
print(fs, len(fs), 2 in fs, fs | {9}, fs & {1, 5}, type(fs | {9}).__name__)
d = {fs: "v", frozenset(): "empty"}
print(d[frozenset([1, 2, 3])], d[frozenset()])
print({frozenset([1]), frozenset([1]), frozenset([2])} == {frozenset([1]), frozenset([2])})
print(frozenset("hello"), frozenset(range(10)))
try:
    fs.add(4)
except AttributeError as e:
    print(type(e).__name__)
print(fs == {1, 2, 3}, {1, 2, 3} == fs, frozenset() == set())
