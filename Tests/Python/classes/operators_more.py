class N:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'N(%d)' % self.v
    def __truediv__(self, o):
        return 'truediv %d %d' % (self.v, o)
    def __floordiv__(self, o):
        return N(self.v // o)
    def __mod__(self, o):
        return N(self.v % o)
    def __pow__(self, o):
        return N(self.v ** o)
    def __and__(self, o):
        return N(self.v & o)
    def __or__(self, o):
        return N(self.v | o)
    def __xor__(self, o):
        return N(self.v ^ o)
    def __lshift__(self, o):
        return N(self.v << o)
    def __rshift__(self, o):
        return N(self.v >> o)
    def __rsub__(self, o):
        return N(o - self.v)
    def __invert__(self):
        return N(~self.v)
    def __pos__(self):
        return N(+self.v)
    def __abs__(self):
        return N(abs(self.v))
    def __gt__(self, o):
        return self.v > o
    def __ge__(self, o):
        return self.v >= o
n = N(13)
print(n / 2, n // 2, n % 5, n ** 2, n & 6, n | 16, n ^ 1, n << 2, n >> 1)
print(100 - n, ~n, +n, abs(N(-4)), n > 5, n >= 14)
