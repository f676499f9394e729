# Which operators each builtin type has: hash, len, bool, unary and binary operators,
# iteration and subscripts, as MicroPython's type slots answer them.
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
import array, collections
t("range eq", lambda: range(3) == range(3))
for o in [range(3), memoryview(b"a"), array.array("b"), collections.deque((), 3), b"ab", bytearray(b"a"), Exception(), ValueError(1), [1], {1:2}, {1}, frozenset([1]), (1,), "s", 1.5, 2**70, collections.OrderedDict(), iter([]), print, object(), type, None, Ellipsis]:
    n = type(o).__name__
    t(n + " hash", lambda: hash(o) == hash(o))
    t(n + " len", lambda: len(o))
    t(n + " bool", lambda: bool(o))
    t(n + " neg", lambda: -o)
    t(n + " abs", lambda: abs(o))
    t(n + " iter", lambda: iter(o) is not None)
    t(n + " idx", lambda: o[0])
    t(n + " lt", lambda: o < o)
    t(n + " add", lambda: o + o)
