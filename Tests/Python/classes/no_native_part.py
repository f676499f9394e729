# Instances of plain classes have no native part: subscripts and int() must not read past them.
class A:
    pass
a = A()
for f in (lambda: a[1], lambda: a.__setitem__(1, 2), lambda: int(a)):
    try:
        f()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__)
try:
    a[1] = 2
except TypeError as e:
    print('TypeError')
try:
    del a[1]
except TypeError as e:
    print('TypeError')
class L(list):
    pass
l = L([1, 2])
l[0] = 5
del l[1]
print(l[0], len(l))
class I(int):
    pass
print(int(I(7)) + 1)
