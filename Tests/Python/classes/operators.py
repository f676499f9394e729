class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'V(%r, %r)' % (self.x, self.y)
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __radd__(self, o):
        return self if o == 0 else NotImplemented
    def __neg__(self):
        return V(-self.x, -self.y)
    def __eq__(self, o):
        return isinstance(o, V) and self.x == o.x and self.y == o.y
    def __ne__(self, o):
        return not self == o
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __le__(self, o):
        return (self.x, self.y) <= (o.x, o.y)
    def __gt__(self, o):
        return (self.x, self.y) > (o.x, o.y)
    def __ge__(self, o):
        return (self.x, self.y) >= (o.x, o.y)
    def __bool__(self):
        return bool(self.x or self.y)
    def __hash__(self):
        return hash((self.x, self.y))
a, b = V(1, 2), V(3, 4)
print(a + b, b - a, a * 3, 2 * a, -a)
print(a == V(1, 2), a != b, a == 5, a < b, b <= b)
print(sum([a, b, V(10, 10)]), bool(V(0, 0)), bool(a))
print(sorted([b, a, V(0, 9)]), max([a, b]), min(a, b))
c = a
c += b
print(c, a, c is a)
print(len({a, V(1, 2), b}), {a: 'x'}[V(1, 2)])
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
acc = Acc()
ref = acc
acc += 1
acc += 2
print(acc.items, acc is ref)
