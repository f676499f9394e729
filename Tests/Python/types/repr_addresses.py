# How objects without a repr of their own print: an instance's and a generator's address
# is bare hex, a function's has 0x, object() has no address at all.
import re


def shape(o):
    return re.sub("[0-9a-f][0-9a-f][0-9a-f]+", "ADDR", repr(o))


class C:
    def m(self):
        pass


def f():
    pass


def g():
    yield


print(shape(C()))
print(shape(f))
print(shape(g()))
print(shape(object()), repr(object()))
print(shape(C.m))
print(shape(C().m) in ("<bound_method>", "<bound_method ADDR <C object at ADDR>.<function m at 0xADDR>>"))
# A builtin type without a print of its own prints its name only.
import collections, select

print(collections.deque((), 2), select.poll())
