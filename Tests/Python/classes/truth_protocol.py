# Truth of instances as MicroPython decides it (mp_obj_is_true): only True returned by
# __bool__ is true (other values are not checked, nor taken for their own truth); a
# native base's truth comes before a __len__; a __len__ result is true unless it is 0.
class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
for v in (True, False, 1, 0, -2**30, "x", None, [1]):
    print(repr(v), bool(B(v)), not B(v), 'yes' if B(v) else 'no')
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
for n in (0, 1, -1, 5):
    print(n, bool(L(n)))
class MyList(list):
    def __len__(self): return 0
print(bool(MyList([1])), bool(MyList()))
class MyInt(int):
    pass
print(bool(MyInt(0)), bool(MyInt(7)))
class Both:
    def __bool__(self): return False
    def __len__(self): return 3
print(bool(Both()))
