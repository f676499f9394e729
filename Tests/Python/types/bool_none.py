print(True, False, None, type(True).__name__, type(None).__name__)
print(True + 1, True * 10, False - 1, True == 1, False == 0, True is True)
print(isinstance(True, int), issubclass(bool, int), bool is type(False))
print(True and False, True or False, not True, None is None, None == None)
x = None
print(x is None, x is not None, bool(x), str(x), repr(x))
print(hash(True) == hash(1), {True: 'a', 1: 'b'}[True], [True, False].count(1))
print(True & False, True | False, True ^ True, ~True)
def f():
    pass
print(f() is None, [None] * 2)
