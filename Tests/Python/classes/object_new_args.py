# object.__new__ takes only the class: super().__new__(cls, value) in a subclass raises.
for base in (int, float, str, tuple, list, set, object):
    class C(base):
        def __new__(cls, *a):
            return super().__new__(cls, *a)
    try:
        C(1)
        print(base.__name__, 'made')
    except TypeError as e:
        print(base.__name__, 'TypeError', e)
class A:
    def __new__(cls, x):
        return object.__new__(cls)
    def __init__(self, x):
        self.x = x
print(A(3).x)
try:
    object.__new__(A, x=1)
except TypeError as e:
    print('TypeError', e)
