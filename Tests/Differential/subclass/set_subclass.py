def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class Tags(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)
tg = Tags([3])
tg.add_all(1, 2)
print(sorted(tg), len(tg), 2 in tg, isinstance(tg, set), type(tg).__name__, tg == {1, 2, 3}, sorted(tg | {9}), type(tg | {9}).__name__)
for label, f in [("union", lambda: sorted(tg.union([7]))), ("inter", lambda: tg & {1, 5}), ("sub", lambda: tg - {1}), ("copy", lambda: type(tg.copy()).__name__),
                 ("issub", lambda: tg.issubset({1, 2, 3, 4})), ("pop", lambda: Tags([5]).pop()), ("discard", lambda: tg.discard(3)), ("after", lambda: sorted(tg))]:
    t(label, f)
class FS(frozenset):
    def __repr__(self): return "FS" + repr(sorted(self))
f = FS([2, 1])
print(f, repr(f), hash(f) == hash(frozenset([1, 2])), {f: 1}[frozenset([1, 2])], len(f))
class S2(set):
    def __init__(self, it):
        super().__init__(x * 2 for x in it)
print(sorted(S2([1, 2, 3])))
