# Bound methods compare and hash by (function, self).
class A:
    def f(self):
        return 0
    def g(self):
        return 1
a, b = A(), A()
print(a.f == a.f, a.f != a.f, a.f == b.f, a.f == a.g, a.f == None, None != a.f)
print(hash(a.f) == hash(a.f), a.f in [b.f, a.f], {a.f: 1}[a.f])
l = []
print(l.append == l.append, l.append == [].append)
