x = [1, 2]
del x
def f(a):
    del a
    global q
    q = 1
def g():
    x = 1
    def h():
        return x
    x = 2
    return h
print(*[1, 2], sep='')
print(f(1), g()())
class K:
    def m(self):
        return __class__
y = 1 if True else 2
if 0:
    print("never")
elif 1:
    print("always")
z = x.a.b.c(1)(2)[3]
print(-1, ~5, +2, 2**10, 1 << 40, 7 // -2, 7 % -2, 1 / 4)
