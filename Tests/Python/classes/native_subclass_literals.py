# Subclasses of native types, literals and syntax errors as the unix build answers them.
class I(int): pass
class F(float): pass
class S(str): pass
class L(list): pass
class T(tuple): pass
class D(dict): pass
class B(bytes): pass
class E(Exception): pass
class Ex(ValueError):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
cases = ["I(5) + 1", "type(I(5) + 1)", "I(5) == 5", "repr(I(7))", "I('12')", "isinstance(I(1), int)", "F(1.5) * 2", "repr(F(2.5))", "S('ab') + 'c'", "type(S('ab') + 'c')", "S('abc').upper()", "len(S('abc'))",
 "L([1,2]) + [3]", "type(L([1]) + [3])", "L('ab')", "repr(L([1]))", "T((1,2))", "T([1,2])[1]", "len(T('abc'))", "D(a=1)", "D({1:2})[1]", "repr(D())", "B(b'ab')", "B(b'ab')[0]", "bytes(B(b'x'))",
 "repr(E(1, 2))", "str(E('x'))", "E().args", "repr(Ex(1, 2))", "Ex(1, 2).args", "Ex(1, 2).b", "str(Ex('m', 2))", "I(3).__class__.__name__", "hash(I(3))", "hash(S('a')) == hash('a')",
 "int.__add__(I(1), 2)", "str.__len__(S('ab'))" , "sorted(L([3,1,2]))", "sum(T((1,2)))", "list(D(x=1).items())", "I.__mro__ if hasattr(I, '__mro__') else 'nomro'", "I.__bases__", "issubclass(I, int)",
 "0x_1", "1_000_000", "0b1010", "0o17", "1e3", "1E-3", ".5e1", "1j if 0 else 0", "'\\x41\\101\\u0041'", "b'\\x41'", "r'\\n'", "'a' 'b'", "f'{1+1}'", "f'{\"x\"!r}'", "f'{3.14159:.2f}'", "f'{10:>4}'"]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", repr(r))
    except Exception as e:
        print(c, "!!", type(e).__name__, e)
for src in ["1 +", "x = (1,", "def f(:", "a = 1 = 2", "return 5", "break", "f(x for x in y, 1)", "nonlocal x", "del 1", "1 = x", "x += 1, 2 = 3", "'abc", "0777", "1__0", "lambda: (yield)", "class", "import", "from . import", "x = yield", "def f(a, a): pass", "def f(*, **k): pass", "f(**k, *a)", "f(a=1, 2)", "None = 1", "a.b = c = ", "if 1:\npass", "  x = 1"]:
    try:
        exec(src)
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), "SyntaxError", e)
    except Exception as e:
        print(repr(src), type(e).__name__, e)
