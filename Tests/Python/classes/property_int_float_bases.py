# A property without a setter or deleter: "'T' object has no attribute 'x'"; hex/oct take a
# class's __int__, round() its __float__; native bases are counted over all bases (the same
# one twice conflicts too).
class RO:
    @property
    def x(self):
        return 1
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
def setx():
    RO().x = 5
def delx():
    del RO().x
t('set', setx)
t('del', delx)
class T:
    def __int__(self):
        return 255
    def __float__(self):
        return 2.5
class X:
    def __index__(self):
        return 3
t('hex', lambda: hex(T()))
t('oct', lambda: oct(T()))
t('bin', lambda: bin(T()))
t('hexX', lambda: hex(X()))
t('round', lambda: round(T()))
t('round1', lambda: round(T(), 1))
t('roundX', lambda: round(X()))
class A(Exception):
    pass
class B(A):
    pass
class C(A):
    pass
for bases in ((A, Exception), (B, C), (A, object), (A, ValueError), (int, A)):
    t([b.__name__ for b in bases], lambda: type('D', bases, {}).__name__)
