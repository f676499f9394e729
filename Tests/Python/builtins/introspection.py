class A:
    pass
class B(A):
    pass
a, b = A(), B()
print(type(a) is A, type(b) is B, type(b) is A, isinstance(b, A), isinstance(a, B))
print(isinstance(1, (str, float)), isinstance('s', (str, float)), issubclass(B, (A,)), issubclass(A, A))
print(type(1), type('s'), type([]), type(()), type({}), type(set()), type(None), type(1.0), type(b''))
print(type(A), type(A()).__name__)
print(id(a) == id(a), id(a) == id(b), a is a, [] is [], type(id(a)).__name__)
x = [1]
y = x
print(id(x) == id(y), x is y)
print(hasattr(a, '__class__'), a.__class__ is A, b.__class__.__name__)
print(callable(len), callable(A), callable(a), callable(lambda: 0), callable(3))
print(len('abc'), len([1]), len({1: 2}), len(range(4)), len(b'xy'), len(set('abca')))
g = globals()
print('A' in g, 'nonexistent' in g, type(g).__name__)
def f():
    local = 1
    return local
print(f())
print(isinstance(print, object), isinstance(A, type), isinstance(int, type))
