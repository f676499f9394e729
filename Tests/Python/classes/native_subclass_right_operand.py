# C's native operators take no instance on their right: an int/float/str/list subclass there
# raises TypeError unless its class has the reflected method (tuple and bytes take one).
class I(int): pass
class F(float): pass
class S(str): pass
class L(list): pass
class T(tuple): pass
class R(int):
    def __radd__(self, o):
        return 'radd'
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
t('1+I', lambda: 1 + I(2))
t('1.5*I', lambda: 1.5 * I(2))
t('True+I', lambda: True + I(2))
t('big+I', lambda: 2**70 + I(2))
t('1+F', lambda: 1 + F(2.5))
t('2.0/F', lambda: 2.0 / F(4.0))
t('I+I', lambda: I(1) + I(2))
t('I+1', lambda: I(1) + 1)
t('1<I', lambda: 1 < I(2))
t('I<I', lambda: I(1) < I(2))
t('1==I', lambda: 1 == I(1))
t('x+S', lambda: 'x' + S('y'))
t('S+x', lambda: S('y') + 'x')
t('[1]+L', lambda: [1] + L([2]))
t('[1]*I', lambda: [1] * I(2))
t('x*I', lambda: 'x' * I(3))
t('(1,)+T', lambda: (1,) + T((2,)))
t('(1,)<T', lambda: (1,) < T((2,)))
t('1+R', lambda: 1 + R(5))
t('divmod', lambda: divmod(I(7), 2))
t('1 in I', lambda: 1 in I(2))
def iadd():
    x = 1
    x += I(2)
    return x
t('x+=I', iadd)
# Membership: str wants a str, bytes take a small int, a str or a buffer (anything else is
# not in them), bytearray looks for no numbers.
t('1 in str', lambda: 1 in 'abc')
t('b in str', lambda: b'a' in 'abc')
t('S in str', lambda: S('a') in 'abc')
t('str in bytes', lambda: 'a' in b'abc')
t('97 in bytes', lambda: 97 in b'abc')
t('big in bytes', lambda: 2**70 in b'abc')
t('list in bytes', lambda: [1] in b'ab')
t('97 in bytearray', lambda: 97 in bytearray(b'abc'))
t('str in bytearray', lambda: 'b' in bytearray(b'abc'))
t('1 in 5', lambda: 1 in 5)
# An __eq__'s answer counts by its truth inside containers.
class E:
    def __eq__(self, o):
        return 'yes'
t('E==1', lambda: E() == 1)
t('[E]==[1]', lambda: [E()] == [1])
t('1 in [E]', lambda: 1 in [E()])
