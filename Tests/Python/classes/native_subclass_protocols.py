# An iterable native base iterates, and a native base answers bool(), before a class's own
# __getitem__ and __len__ are consulted; super() finds no __repr__/__str__ in object.
class L2(list):
    def __getitem__(self, i):
        return 'item%s' % (i,)
    def __len__(self):
        return 42
x = L2([1, 2, 3])
print(x[0], x[5], len(x), bool(L2()), bool(x), list(x), [v for v in x], sorted(x))
class D(dict):
    def __len__(self):
        return 0
print(bool(D(a=1)), len(D(a=1)), list(D(a=1)))
class Seq:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i * 10
print(list(Seq()))
class IntSeq(int):
    def __getitem__(self, i):
        if i > 1:
            raise IndexError
        return i
print(list(IntSeq(5)))
class R(list):
    def __repr__(self):
        return 'R' + super().__repr__()
class P:
    def __str__(self):
        return 'P' + super().__str__()
for f in (lambda: repr(R([1])), lambda: str(P())):
    try:
        print(f())
    except AttributeError as e:
        print('AttributeError', e)
