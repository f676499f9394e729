class Grid:
    def __init__(self, n):
        self.n = n
        self.data = {}
    def __getitem__(self, key):
        if isinstance(key, slice):
            return 'slice(%r, %r, %r)' % (key.start, key.stop, key.step)
        if isinstance(key, tuple):
            return self.data.get(key, 0)
        if not 0 <= key < self.n:
            raise IndexError(key)
        return key * 10
    def __setitem__(self, key, value):
        self.data[key] = value
    def __delitem__(self, key):
        del self.data[key]
    def __len__(self):
        return self.n
    def __contains__(self, item):
        return item in self.data
g = Grid(4)
g[1, 2] = 'v'
print(g[1, 2], g[0, 0], g[3], len(g), (1, 2) in g, (0, 0) in g, bool(g))
print(g[1:3], g[::2], g[:])
del g[1, 2]
print((1, 2) in g, list(g))
try:
    g[9]
except IndexError as e:
    print('IndexError', e.args)
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), 'empty' if not Empty() else 'full', len(Empty()))
class Seq:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
print(list(Seq('abc')), 'b' in Seq('abc'), sorted(Seq([3, 1, 2])), max(Seq([4, 8])))
