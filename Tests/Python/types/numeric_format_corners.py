# Numeric corners, formatting and parsing as the unix build prints them.
cases = [
 "7 // -2", "-7 // 2", "7 % -2", "-7 % 2", "7.5 // -2", "-7.5 % 2", "2 ** -2", "(-2) ** 0.5", "0 ** 0", "0.0 ** -1", "10 ** 20", "-(2**63)", "2**64 // 3", "2**64 % -7", "-2**64 // 7",
 "divmod(-7, 2)", "divmod(7.5, -2)", "divmod(2**70, -3)", "round(2.5)", "round(3.5)", "round(-0.5)", "round(1.2345, 2)", "round(1234, -2)", "round(-1250, -2)", "round(2**70+1, -3)",
 "int(3.99)", "int(-3.99)", "int(1e20)", "int(-1e300)", "float('1e-400')", "float('-0')", "1/3", "2/3*3", "0.1+0.2", "1e16", "1e-5", "123456789.0", "1.5e300*1e10", "-1e-320",
 "float(2**70)", "float('inf') - float('inf')", "str(1e100)", "repr(0.1)", "repr(1/7)", "3.0 == 3", "hash(3.0) == hash(3)", "hash(0.5)", "hash(-1)", "hash(1e100)",
 "hash(True)", "hash(None) == hash(None)", "hash('abc')", "hash(b'abc')", "hash(1.5)", "hash(-0.0)", "hash(float('inf'))",
 "abs(-2**63)", "~2**70", "-2**70 >> 3", "2**70 & -2**65", "(-5) & 3", "(-5) | 3", "(-5) ^ 3", "1 << 70", "(2**70) >> 71", "-1 >> 100", "5 >> 0",
 "'%5.2f' % 3.14159", "'%e' % 1234.5", "'%g' % 0.00001234", "'%g' % 1e20", "'%x' % 255", "'%#o' % 8", "'%+d' % 5", "'%05d' % -42", "'%.3s' % 'abcdef'", "'%c' % 65", "'%r' % 'a'", "'%%'",
 "'{:>8}'.format('ab')", "'{:^9.3f}'.format(2.5)", "'{:+08.2f}'.format(-1.5)", "'{:,}'.format(1234567)", "'{:_}'.format(1234567)", "'{:b}'.format(10)", "'{:#x}'.format(255)", "'{:e}'.format(0.0)",
 "'{:g}'.format(123456789)", "'{:.0f}'.format(0.5)", "'{:.0f}'.format(1.5)", "'{:%}'.format(0.25)", "'{:10.4}'.format(3.14159)", "'{0!r:>6}'.format('x')", "'{:c}'.format(97)", "format(3.5)", "format(2**70, 'x')",
 "str(2**100)", "repr(-2**65)", "hex(-255)", "oct(2**40)", "bin(-5)", "int('-0b101', 0)", "int('  +7  ')", "float(' 1.5 ')", "float('1_0.5')", "float('.5')", "float('5.')", "float('1e5')", "float('nan')", "float('-inf')",
 "complex(1,2)" , "1 == 1.0", "(1,2) < (1,3)", "[1,2] == [1,2.0]", "'a' < 'b'", "None == 0", "True + True", "True * 3.5", "max(1, 2.5, key=None)", "sum([0.1]*10)", "sum([1, 2], 10)",
 "list(range(10, 0, -3))", "range(5)[-1]", "range(0, 10, 3)[1:]", "len(range(-5, 5, 2))", "list(reversed(range(4)))", "sorted({3: 1, 1: 2})", "list(zip('ab', [1,2,3]))", "list(enumerate('ab', 5))",
 "tuple(map(abs, [-1, 2]))", "any([])", "all([])", "min('bca')", "sorted('bca', reverse=True)", "bytes([65, 66])", "bytearray(3)", "b'ab' * 2", "'ab' * -1", "[1] * 0", "'x'.join(['a','b'])",
 "'a,b,,c'.split(',')", "'  a  b '.split()", "'abc'.replace('b', 'xx')", "'abcabc'.rfind('b')", "'Hello'.swapcase() if hasattr('', 'swapcase') else 'noswap'", "'abc'.title() if hasattr('', 'title') else 'notitle'",
 "'ß'.upper()", "'ǅ'.lower()", "'é'.encode()", "b'\\xc3\\xa9'.decode()", "'%s' % b'a'", "str(b'a')", "repr('a\\x00b')", "repr('\\u1234')", "ascii('é') if 'ascii' in dir(__builtins__) else 'noascii'",
 "int.from_bytes(b'\\x00\\x01', 'little')", "(1024).to_bytes(2, 'little')", "(-1).to_bytes(1, 'big', signed=True)", "round(0.5 + 1e-16)", "1e22", "1e21", "1e-7", "1.0000000000000002", "5e-324", "2.5e-5",
]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", repr(r))
    except Exception as e:
        print(c, "!!", type(e).__name__, e)
