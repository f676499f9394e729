# complex arithmetic with int, bool, float, big int and complex operands, as MicroPython
# computes it (objcomplex.c's formulas); the unsupported operators and their error texts.
def show(expr):
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)

operands = ['(1+2j)', '(3-4j)', '2', '1.5', '2**70', 'True', 'False', '0j', '"a"', '[1]', 'None']
for op in ['+', '-', '*', '/', '//', '%', '**', '&', '|', '^', '<<', '>>', '@']:
    for a in operands:
        for b in operands:
            if 'j' in a or 'j' in b:
                show(a + ' ' + op + ' ' + b)

for op in ['<', '>', '<=', '>=', '==', '!=']:
    for a in ['1j', '1', '1.0', '2**70', 'True', '(1+0j)', '"a"']:
        for b in ['1j', '(1+0j)', 'False']:
            show(a + ' ' + op + ' ' + b)

for e in ['-1j', '-(1-2j)', '+(1+2j)', '~1j', 'not 1j', 'not 0j', 'not -0j', '-0j', '0j * -1',
          'abs(-3-4j)', 'abs(1e200+1e200j)', 'abs(complex(float("nan"), 1))', 'abs(1j) == 1',
          'hash(1j)', 'hash(-1.5-2.5j)', 'hash(2+0j) == hash(2)', 'hash(complex(1e30, 2))',
          'hash(complex(float("nan"), float("inf")))',
          'bool(0j)', 'bool(1j)', 'bool(complex(0, -0.0))', 'bool(complex(float("nan"), 0))',
          'int(1j)', 'float(1j)', 'round(1j)', 'divmod(1j, 1)', 'divmod(1, 1j)', 'divmod(1.0, 1j)',
          'divmod(True, 1j)', 'pow(1j, 2)', 'pow(1j, 2, 3)', 'pow(2, 1j)', 'pow(2.0, 1+1j)',
          '(-1) ** 0.5', '(-8.0) ** (1/3)', '(-2) ** 1.5', '(-2.5) ** -0.5', '(-1.0) ** float("inf")',
          '0j ** 0', '0j ** 1j', '0j ** -1', '0 ** 1j', '0.0 ** (1+0j)', '(-0.0-0j) ** 2', '0j ** 2.5',
          '1j / 0', '1j / 0j', '1 / 0j', '1.0 / 0j', '(1+2j) / 1j', '(1+2j) / 2', '(1+2j) / (3+4j)',
          '1j ** 1j', '(1+1j) ** 3', '2 ** (1+1j)', '(1+2j) ** 0.5', '(1+2j) ** -2',
          'sum([1j, 2, 3.5])', 'sum([0.5j] * 3, 1j)', 'max(1j, 2j)', 'min([1j, 2])', 'sorted([1j])',
          '[1j] == [1j]', '1j in [1j]', '(1+0j) in [1]', '{1j: 2}[1j]', '{1j, 1j}', '{2: "x"}[2+0j]',
          'x == x', 'x != x', '[x] == [x]', 'x in [x]', 'y == y', 'y != y']:
    x = complex(float('nan'), 0)
    y = complex(1, 2)
    show(e)

# augmented assignment
z = 1j
z += 1
print(z)
z *= 2
print(z)
z -= 0.5
print(z)
z /= 1j
print(z)
z **= 2
print(z)
for b in ['2', 'False', '1.5', '1j']:
    for op in ['%=', '//=', '&=']:
        try:
            z = 1j
            exec('z ' + op + ' ' + b)
            print(z)
        except Exception as e:
            print('1j', op, b, type(e).__name__, e)
for a in ['2', 'True', '2**70', '1.5']:
    try:
        w = eval(a)
        w %= 1j
    except Exception as e:
        print(a, '%= 1j', type(e).__name__, e)

# instances: __float__ and __complex__ make operands; reflected methods of classes
class F:
    def __float__(self):
        return 2.5
class C:
    def __complex__(self):
        return 1 - 1j
class R:
    def __radd__(self, other):
        return 'radd', other
    def __rmul__(self, other):
        return 'rmul', other
for e in ['1j + F()', '1j + C()', '1j * R()', '1j + R()', 'F() + 1j', 'complex(F())', 'complex(C())',
          'complex(F(), F())', 'complex(1, C())', 'complex(R())', '1j == F()', '1j == R()']:
    show(e)

# subclasses of complex
class K(complex):
    pass
k = K(1, 2)
print(k, type(k).__name__, k + 1, k * 2, k.real, k.imag, abs(k), -k, k == 1+2j, isinstance(k, complex))
