class A:
    x = 1
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v

class B(A):
    def __init__(self, v):
        super().__init__(v)
        self.w = super().get()
    @staticmethod
    def s():
        return 1
    @property
    def p(self):
        return self.w

class C(A, metaclass=type):
    pass

b = B(3)
print(b.get(), b.p, B.s())
