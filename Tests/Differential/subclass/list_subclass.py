def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
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
    def append(self, v):
        print("append", v)
        super().append(v)
l = Logged([0])
l.append(5)
l += [6]
print(l, len(l), type(l).__name__)
class L2(list):
    def __getitem__(self, i): return "item%s" % (i,)
    def __len__(self): return 42
x = L2([1, 2, 3])
for label, f in [("get", lambda: x[0]), ("get5", lambda: x[5]), ("len", lambda: len(x)), ("bool", lambda: bool(L2())), ("list", lambda: list(x)), ("iter", lambda: [v for v in x])]:
    t(label, f)
class L3(list):
    def __repr__(self): return "L3" + super().__repr__()
for label, f in [("repr", lambda: repr(L3([1, 2]))), ("inlist", lambda: [L3()]), ("str", lambda: str(L3([3])))]:
    t(label, f)
