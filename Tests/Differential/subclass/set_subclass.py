class Tags(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)
t = Tags([3])
t.add_all(1, 2)
print(sorted(t), len(t), 2 in t, isinstance(t, set), type(t).__name__, t == {1, 2, 3}, sorted(t | {9}), type(t | {9}).__name__)
class FS(frozenset):
    def __repr__(self): return "FS" + repr(sorted(self))
f = FS([2, 1])
print(f, hash(f) == hash(frozenset([1, 2])), {f: 1}[frozenset([1, 2])], len(f))
class S2(set):
    def __init__(self, it):
        super().__init__(x * 2 for x in it)
print(sorted(S2([1, 2, 3])))
