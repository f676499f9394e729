# A class that already has subclasses cannot be given a property, descriptor or __setattr__
# afterwards (AttributeError, as MicroPython); plain attributes and methods still can, and a
# class without subclasses takes them.
class A:
    pass


class B(A):
    pass


try:
    A.bar = property(lambda s: 1)
except AttributeError as e:
    print("AttributeError", e)
A.plain = 5
A.meth = lambda self: "meth"
print(B.plain, B().meth())


class C:
    pass


C.p = property(lambda s: "prop")
print(C().p)


class D(C):
    pass


C.q = property(lambda s: "more")
print(D().q)
