# dir() lists what C's probing of every qstr finds: __class__ on everything, __dict__ on
# modules, classes and instances, __name__/__bases__ on classes, __name__/__globals__ on
# functions and their bound methods, args/value/errno on every exception, a range's
# start/step/stop; in the qstr pool's order (static names first, then the program's in the
# order they were interned; C interns in source order, we in compile order, which puts
# function names first, as here). Everything listed can be fetched.
import math
class A:
    def meth(self): pass
    zeta = 1
    alpha = 2
class E2(ValueError):
    pass
def g(): pass
objs = (A, A(), A.meth, A().meth, g, print, E2('x'), OSError(2), StopIteration(5), range(3),
        object(), int, type, 1, True, None, [], (), 'a', b'b', 1.5)
for o in objs:
    d = dir(o)
    print(type(o).__name__, d if type(o) not in (list, str, bytes) else sorted(d))
    for n in d:
        getattr(o, n)
print('__class__' in dir(math), '__dict__' in dir(math), 'sqrt' in dir(math))
