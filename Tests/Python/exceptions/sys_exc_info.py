# sys.exc_info(): the exception an except clause is handling, seen from called functions too
import sys


def f():
    t, v, tb = sys.exc_info()
    print(t.__name__, v.args, tb)


print(sys.exc_info())
try:
    raise ValueError('v', 1)
except ValueError:
    f()
    try:
        raise KeyError(2)
    except KeyError:
        f()
print(sys.exc_info())
