# Subclasses of builtin types: the native part is built by super().__init__(...), else after
# __init__ returns from the arguments the class was called with; __init__ is looked up in the
# Python classes only (a builtin base has none), in depth-first order.
class Base:
    def __init__(self, *args):
        print("Base.__init__", args)

class T1(Base, tuple):
    pass

class T2(tuple, Base):
    pass

print(len(T1()), len(T1([1, 2, 3])), len(T2("ab")), T2((1, 2)) == (1, 2))

class L(list):
    def __init__(self, a, b):
        super().__init__([a, b])
    def reinit(self):
        super().__init__(range(2))

x = L(5, 6)
print(x)
x.reinit()
print(x)

class D(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

print(D(), D([(1, 2)]), D([(1, 2)], a=3))

class S(str):
    def __init__(self, s):
        print("S.__init__", s)

print(S("abc").upper())

# A native method before the native part exists.
class L2(list):
    def __init__(self):
        try:
            self.append(1)
        except AttributeError as e:
            print("AttributeError", e)
        super().__init__([2])
        self.append(3)

print(L2())

# __init__ that never calls super().__init__ and takes other arguments than the base.
class B2(bytes):
    def __init__(self, n):
        pass

print(B2(3))

# map, filter, zip, enumerate and reversed are classes.
class M(map):
    pass

print(list(M(lambda x: x * 2, range(3))), isinstance(M(abs, []), map))

class E(enumerate):
    def __init__(self, it):
        print("E.__init__")

print(list(E("ab")))
print(map, zip, filter, enumerate, reversed)
print(type(map(abs, [])), type(zip()), type(filter(None, [])), type(enumerate([])), type(reversed([])))
print(map(abs, []), iter([]))
print(list(enumerate("xy", 5)), list(enumerate(iterable="xy", start=2)))
print(next(zip("a", "b")), map(abs, [-1]).__next__())

# next() on an instance of a subclass of a builtin iterator type.
m = M(abs, [-1, -2])
print(next(m), m.__next__())
try:
    next(m)
except StopIteration:
    print("StopIteration")
