print(int('42'), int('-17'), int('  8  '), int('ff', 16), int('0x1F', 16), int('777', 8))
print(int('101', 2), int('0b101', 0), int('0o17', 0), int('z', 36), int(True), int(-0.5))
print(int(3.7), int(-3.7), int(1e10))
for bad in ('', 'abc', '1.5', '12x'):
    try:
        int(bad)
    except ValueError:
        print('ValueError', repr(bad))
print(float('1.5'), float(' -2 '), float(3), float('1e3'), float('inf'), float('-inf'))
try:
    float('x1')
except ValueError:
    print('ValueError float')
print(str(12), str(-3), str(1.5), str('s'), str(b'b'), str([1]), str((1,)), str(None))
print(repr(1), repr('x'), repr([None, True]), repr(1.5))
print(bool(0), bool(1), bool(''), bool('0'), bool([]), bool([0]), bool(None), bool(0.0), bool({}))
print(list('abc'), tuple([1, 2]), set('aa'), dict([('k', 1)]))
print(chr(65), ord('A'), chr(0x20ac), ord('\u20ac'), ord('\n'))
print(hex(255), hex(-1), hex(0), oct(8), oct(-8), bin(10), bin(-3), bin(0))
print(int(hex(12345), 16), int(bin(99), 2), int(oct(64), 8))
print(type(int('5')).__name__, type(float('5')).__name__, type(str(5)).__name__)
print(int('-0'), int('+5'), float('.5'), float('5.'))
