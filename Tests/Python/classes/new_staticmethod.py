# __new__ defined as a plain function is implicitly a staticmethod.
class A:
    def __new__(cls, *args):
        print('A.__new__', cls.__name__, args)
        return super().__new__(cls)
    def meth(self):
        return 'meth'
a = A()
print(a.meth(), A.__new__(A).meth(), a.__new__(A).meth())
class B:
    def __new__(cls, v):
        return v * 2
print(B(21))
print(type('T', (), {'__new__': lambda cls: 5})())
