class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        print('set', v)
        self._c = v
    @celsius.deleter
    def celsius(self):
        print('deleted')
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 // 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.fahrenheit = 5
except AttributeError:
    print('AttributeError read-only')
del t.celsius
print(t.celsius)
class K:
    count = 0
    def __init__(self, v):
        self.v = v
        K.count += 1
    @classmethod
    def make(cls, v):
        return cls(v * 10)
    @classmethod
    def how_many(cls):
        return cls.count
    @staticmethod
    def helper(a, b):
        return a + b
class SubK(K):
    pass
k = K.make(2)
s = SubK.make(3)
print(k.v, type(k).__name__, s.v, type(s).__name__, K.how_many(), k.how_many())
print(K.helper(1, 2), k.helper(3, 4))
