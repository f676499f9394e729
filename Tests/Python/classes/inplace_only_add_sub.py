# MicroPython builds without MICROPY_PY_ALL_INPLACE_SPECIAL_METHODS (the unix and ESP8266 ones)
# call only __iadd__ and __isub__; every other augmented assignment uses the plain operator.
# namedtuple has no _asdict there either.
class A:
    def __iadd__(self, o):
        print("__iadd__"); return self
    def __isub__(self, o):
        print("__isub__"); return self
    def __imul__(self, o):
        print("__imul__"); return self
    def __ior__(self, o):
        print("__ior__"); return self
    def __mul__(self, o):
        print("__mul__"); return self
    def __or__(self, o):
        print("__or__"); return self


a = A()
a += 1
a -= 1
a *= 2
a |= 3
try:
    a //= 4
except TypeError as e:
    print("TypeError")

from collections import namedtuple
T = namedtuple("T", "x y")
print(hasattr(T(1, 2), "_asdict"), T(1, 2))
