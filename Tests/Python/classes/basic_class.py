class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims, type(p).__name__, type(p) is Point)
q = p.moved(1, dy=2)
print(q.x, q.y)
p.z = 9
print(p.z, hasattr(p, 'z'), hasattr(q, 'z'))
Point.dims = 3
print(p.dims, q.dims)
p.dims = 'own'
print(p.dims, q.dims, Point.dims)
m = p.norm2
print(m(), Point.norm2(q))
class Empty:
    pass
e = Empty()
print(type(e).__name__, isinstance(e, Empty), isinstance(e, object))
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total
cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.total)
print(Point.__name__, callable(Point), callable(p), callable(p.moved))
