# A class made by calling a metaclass; class X(metaclass=M) is a TypeError, as MicroPython's
# __build_class__ takes no keywords (it takes the metaclass from the first base's type).
class M(type):
    def __init__(cls, name, bases, ns):
        print('M.__init__', name, len(bases))
    def hello(cls):
        return 'hello ' + cls.__name__
X = M('X', (), {'v': 1})
print(type(X).__name__, X.v, X.hello())
x = X()
print(type(x).__name__, x.v, isinstance(X, M))
class Plain(object):
    pass
print(type(Plain).__name__)
try:
    class W(metaclass=M):
        pass
    print('made', W)
except TypeError as e:
    print('TypeError', e)
