# str() of a native subclass without __str__ is the native value's (C finds the native print
# before the class's __repr__); repr() uses __repr__.
class MyInt(int):
    def __repr__(self):
        return 'MyInt(%d)' % int(self)
a = MyInt(5)
print(a, str(a), repr(a), [a], '%s|%r' % (a, a), '{}|{!r}'.format(a, a))
class E3(Exception):
    def __repr__(self):
        return 'E3-repr'
e = E3('m')
print(e, str(e), repr(e), [e])
class L(list):
    def __repr__(self):
        return 'L!'
print(L([1]), str(L([1])), repr(L([1])))
class P:
    def __repr__(self):
        return 'P!'
print(P(), str(P()))
class S(int):
    def __str__(self):
        return 'S-str'
print(S(2), repr(S(2)))
