class Stack(list):
    def push(self, v): self.append(v)
    def peek(self): return self[-1]
s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), s.pop(), s, type(s).__name__, s + [9], type(s + [9]).__name__, isinstance(s, list), s == [1, 2])
s.extend("ab")
s.insert(0, "z")
s.sort(key=str)
print(s, s[1:3], type(s[1:3]).__name__, s.index("a"), s.count(1), list(reversed(s)))
class Logged(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.log = []
    def append(self, v):
        self.log.append(v)
        super().append(v)
l = Logged([0])
l.append(5)
l += [6]
print(l, l.log, len(l))
class L2(list):
    def __getitem__(self, i): return "item%s" % (i,)
    def __len__(self): return 42
x = L2([1, 2, 3])
print(x[0], x[5], len(x), list(x) if False else "skip", bool(L2()))
class L3(list):
    def __repr__(self): return "L3" + super().__repr__()
print(L3([1, 2]), [L3()], str(L3([3])))
