# Error texts of builtins as the unix build words them (numbers, parsing, formatting, containers,
# argument checks).
def f(a, b): pass
def g(a, *, k): pass
class C:
    def m(self, x): pass
from collections import namedtuple
T = namedtuple("T", "a b")
cases = [
 "f(1)", "f(1,2,3)", "f()", "g(1)", "g(1, 2)", "C().m()", "C().m(1,2)", "(lambda: 0)(0)", "T(1)", "T(1,2,3)",
 "int('abc')", "int('12', 2)", "int('', 16)", "float('x')", "'{!x}'.format(1)", "'{!'.format(1)", "'{'.format(1)", "'}'.format(1)", "'{0}{}'.format(1,2)", "'{a}'.format(1)", "'{}'.format()",
 "chr(-1)", "chr(0x110000)", "[].pop()", "[1][5]", "(1,)[5]", "'a'[5]", "b'a'[5]", "{}.pop(1)", "{}[1]", "set().pop()",
 "min([])", "max([])", "1 < 'a'", "'a' + 1", "1 + 'a'", "[] + ()", "None()", "1()", "len(1)", "iter(1)", "next(iter([]))",
 "pow(2, 3, 0)", "1/0", "1//0", "1%0", "1.0/0", "divmod(1, 0)", "(2).to_bytes(1, 'little', True)", "(256).to_bytes(1, 'little')",
 "int.from_bytes(1, 'little')", "bytes(-1)", "bytearray('a')", "'a'.encode('x')", "'%d' % 'a'", "'%s %s' % (1,)", "'%' % ()",
 "[1,2].index(3)", "'abc'.index('d')", "(1,2).index(3)", "list(1)", "tuple(1)", "dict(1)", "dict([1])", "set(1)",
 "abs('a')", "-'a'", "~1.5", "hash([])", "hash({})", "sorted([1,'a'])", "round('a')", "sum(['a'])", "getattr(1, 'x')", "C.x", "C().x", "int.x",
 "__import__('nonexistent')", "object().x", "setattr(1, 'x', 2)", "delattr(C(), 'zz')", "1 .real = 2", "isinstance(1, 1)", "issubclass(1, int)",
 "ord('ab')", "ord('')", "range(1, 2, 0)", "[][::0]", "'a' * 'b'", "[1] * 'a'", "divmod('a', 1)", "int(1.5e400)", "int(float('nan'))", "int(float('inf'))",
 "float('1e')", "complex('x')", "'a'.join([1])", "'a'.split('')", "'abc'.startswith(1)", "b'a' + 'a'", "str(b'a', 'x')", "bytes('a')",
 "{}.fromkeys(1)", "zip(1)", "map(1)", "enumerate(1)", "filter(1, 2)", "reversed(1)", "slice(1)[0]", "memoryview(1)", "bytearray(1)[5]",
 "(1).__add__('a')", "object.__init__(1, 2)", "type('a')", "type(1, 2, 3)", "super()", "staticmethod()", "property(1).__get__(1)",
 "exec(1)", "eval(1)", "compile(1, 1, 1)", "print(sep=1)", "print(end=1)", "print(x=1)", "open(1, 2)", "divmod(2**100, 0)", "(2**100)//0", "2**-1 % 0",
 "1 << -1", "1 >> -1", "(2**100) << -1", "'%c' % -1", "'%c' % 'ab'", "'%(a)s' % 1", "'{:d}'.format('a')", "'{:s}'.format(1)", "'{:x}'.format(1.5)",
 "format(1, 'z')", "format('a', 'd')", "'{:=s}'.format('a')", "'{:,s}'.format('a')", "int('0x', 16)", "int('1_')", "int(' ')", "float('')", "float('inf1')",
 "sorted([3,1], key=1)", "[].sort(1)", "list.sort(1)", "str.upper(1)", "int.__add__('a', 1)", "dict.get(1, 2)", "tuple.index([], 1)",
]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", repr(r)[:60])
    except Exception as e:
        print(c, "!!", type(e).__name__, e)
