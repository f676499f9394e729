# str/bytes methods, %-formatting, format() and str/repr of numbers and containers as the unix
# build prints them.
cases = ["'abc'.find('c', -1)", "'abc'.rfind('')", "'a b  c'.split(' ')", "'a\\tb'.expandtabs() if hasattr('', 'expandtabs') else 'noexp'", "'abc'.strip('ac')", "'  x '.lstrip()", "'Ab1'.isalnum() if hasattr('', 'isalnum') else 'noalnum'",
 "'12'.zfill(5) if hasattr('', 'zfill') else 'nozfill'", "'abc'.ljust(5, '*') if hasattr('', 'ljust') else 'noljust'", "'a'.rjust(3)", "'x'.count('')", "'aaa'.count('aa')", "'abc'.index('c', 1, 2)", "'abc'.startswith(('x', 'a'))",
 "'a-b-c'.rsplit('-', 1)", "'a-b-c'.split('-', 1)", "'%s-%s' % ('a', 'b')", "'%-5s|' % 'ab'", "'%5.1s|' % 'abc'", "'%.2e' % 12345.678", "'%10.3f' % -1.5", "'%o' % -8", "'%X' % 3054", "'%i' % 3.9",
 "'{}{}'.format(*'ab')", "'{0[1]}'.format([5, 6])", "'{0.real}'.format(3)", "'{:>{w}}'.format('x', w=4)", "'{:*^7}'.format('ab')", "'{:08.3f}'.format(-3.14159)", "'{:.3g}'.format(0.0001234)", "'{:n}'.format(12)",
 "str(1.0)", "str(-0.0)", "str(1e-10)", "str(123456789012345678.0)", "str(0.1 + 0.7)", "repr(1e23)", "repr(float('nan'))", "str(3.0e-5)", "'%.15g' % 0.1", "'%r' % 1.5",
 "bytes('abc', 'utf8')", "b'a%db' % 5", "b'abc'.hex()", "bytes.fromhex('0a 0b')", "b'x' in b'axb'", "b'abc'.find(98)", "bytearray(b'abc').pop() if hasattr(bytearray, 'pop') else 'nopop'", "b'a,b'.split(b',')",
 "list(b'ab')", "b'%s' % b'x'", "b'ab'.decode('ascii')", "'é'.encode('latin-1') if 1 else 0", "str(b'\\xff', 'utf8')", "b'\\xff'.decode()", "chr(0xd800)", "ord(chr(0x10ffff))", "len('é')", "'é'[0]", "'aé'[-1:]",
 "sorted('bA_a')", "max('ab', 'b')", "'a' * 3 + 'b'", "'abc'[::-1]", "'abcdef'[1:5:2]", "'abc'[5:]", "'ab'.join('xyz')", "' '.join(map(str, range(3)))", "str(None)", "str(True)", "repr(...)", "str(...)",
 "int('١٢')", "float('١.٥')", "'٣'.isdigit()", "'ǅ'.isupper()", "'a'.upper() + 'ß'.upper()", "'ﬃ'.upper()", "'İ'.lower()", "str([1, 'a', 2.5, None])", "str({'a': (1,)})", "repr({1, 2})", "repr(set())", "repr(frozenset())"]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", repr(r))
    except Exception as e:
        print(c, "!!", type(e).__name__, e)
