# Methods of a native base that change it (set.add, bytearray.append...) change the native
# part of a subclass's instance; its own attributes stay as they were.
class S(set):
    pass
s = S([3])
s.tag = 'kept'
for i in range(12):
    s.add(i * 5)
s.discard(5)
s.update([100])
s.remove(100)
print(s.tag, len(s), sorted(s), type(s.copy()).__name__, sorted(s.union({-1})))
s.clear()
print(len(s), s.tag)
class F(frozenset):
    pass
f = F([1, 2])
f.name = 'f'
print(f.name, sorted(f), sorted(f.union([7])), f.issubset({1, 2, 3}), 2 in f)
class B(bytearray):
    pass
b = B(b'x')
b.meta = 1
b.append(65)
b.extend(b'yz')
print(b, len(b), b.meta)
class Tags(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)
t = Tags()
t.add_all(3, 1, 2)
print(sorted(t), len(t))
