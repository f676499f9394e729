# Builtins stored in a class don't bind; special methods as staticmethod/classmethod;
# __dir__; from-import-* of non-modules; subclassing type; layout conflicts; __set_name__.
import sys


class C:
    f = abs
    g = len

    @staticmethod
    def __getitem__(i):
        return ('static', i)

    @classmethod
    def __add__(cls, other):
        return (cls.__name__, other)

    def __dir__(self):
        return ['x', 'y']


c = C()
print(c.f(-3), c.g('abcd'), c[5], c + 1, dir(c), 'x' in dir(C))


class M:
    __all__ = ('b',)
    a = 1
    b = 2


sys.modules['fake_mod'] = M
from fake_mod import *
print(b)
sys.modules['fake_mod'] = 7
try:
    from fake_mod import *
except (AttributeError, ImportError):
    print('no __dict__')
del sys.modules['fake_mod']


class D(type):
    pass


d = D('made', (), {})
print(not d, d.__name__, type(d()).__name__)
try:
    class E(type, tuple):
        pass
except TypeError as e:
    print('TypeError', e)


class S:
    def __init__(self, other, value):
        self.other, self.value = other, value

    def __set_name__(self, owner, name):
        setattr(owner, self.other, self.value)


class T:
    a = S('b', 1)
    b = S('a', 2)


print(T.a, T.b)


def gen():
    yield from range(2)


g = gen()
next(g)
try:
    g.throw(StopIteration)
except RuntimeError:
    print('RuntimeError')

import errno
try:
    errno.errorcode[1] = 'x'
except TypeError:
    print('fixed dict')
for args in (('ab',), (b'ab', 'utf8'), ([1], 1)):
    try:
        print(bytes(*args))
    except TypeError as e:
        print('TypeError', e)
try:
    compile('1', 'f', 'bad')
except ValueError as e:
    print('ValueError', e)
