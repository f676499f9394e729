# How an instance of a subclass of each builtin type answers operators: it hands one to its
# native part only where the native type has that operator (MicroPython's type slots), and
# otherwise fails as itself, with its class named.
import re
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
import array, collections
cases = [(bytes, (b"",), (b"ab",)), (bytearray, (b"",), (b"ab",)), (str, ("",), ("ab",)), (tuple, ((),), ((1,2),)),
         (list, ([],), ([1],)), (dict, ({},), ({1:2},)), (set, (set(),), ({1},)), (frozenset, (frozenset(),), (frozenset({1}),)),
         (int, (0,), (5,)), (float, (0.0,), (1.5,)), (range, (0,), (3,)), (memoryview, (b"",), (b"ab",)),
         (array.array, ("b",), ("b", [1, 2])), (Exception, (), (1,)), (object, (), ()),
         (collections.OrderedDict, (), ({1: 2},)), (collections.deque, ((), 5), ((1,), 5))]
for base, e, f in cases:
    try:
        class C(base): pass
    except Exception as ex:
        print(base.__name__, "no subclass", type(ex).__name__); continue
    try:
        z, o = C(*e), C(*f)
    except Exception as ex:
        print(base.__name__, "no make", type(ex).__name__, ex); continue
    n = base.__name__
    t(n + " len", lambda: (len(z), len(o)))
    t(n + " bool", lambda: (bool(z), bool(o)))
    t(n + " hash==", lambda: hash(o) == hash(base(*f)))
    t(n + " neg", lambda: -o)
    t(n + " abs", lambda: abs(o))
    t(n + " inv", lambda: ~o)
    t(n + " int", lambda: int(o))
    t(n + " float", lambda: float(o))
    t(n + " iter", lambda: list(o)[:3])
    t(n + " eq", lambda: o == base(*f))
    t(n + " add", lambda: o + o)
    t(n + " lt", lambda: o < o)
    t(n + " in", lambda: 1 in o)
    t(n + " idx", lambda: o[0])
    t(n + " str", lambda: re.sub("at [0-9a-f]+", "at ADDR", str(o)))
