# cmath as the unix build has it: e, pi and the functions of py/modcmath.c with its formulas.
import cmath

print(sorted(n for n in dir(cmath) if not n.startswith('_')))
print(cmath.__name__, cmath.e, cmath.pi, type(cmath.pi))
values = [0, 1, -1, 2.5, -0.0, 1j, -1j, 1 + 1j, -2 + 3j, 3 - 4j, 1e-300 + 1e-300j, 1e300 + 1e300j,
          complex(float('inf'), 1), complex(1, float('nan')), True, 2**70]
for name in ['phase', 'polar', 'exp', 'log', 'log10', 'sqrt', 'cos', 'sin']:
    f = getattr(cmath, name)
    for v in values:
        try:
            print(name, v, f(v))
        except Exception as e:
            print(name, v, type(e).__name__, e)
for r, phi in [(1, 0), (2, cmath.pi / 2), (1.5, -1), (0, 3), (-1, 0.5), (float('inf'), 0), (True, False)]:
    print('rect', r, phi, cmath.rect(r, phi))

class F:
    def __float__(self):
        return 0.5
class C:
    def __complex__(self):
        return 2j
print(cmath.sqrt(F()), cmath.exp(C()), cmath.rect(F(), F()), cmath.phase(C()))
for bad in ['cmath.sqrt("1")', 'cmath.exp(None)', 'cmath.rect(1j, 0)', 'cmath.rect(1, 1j)', 'cmath.log(1, 10)',
            'cmath.polar()', 'cmath.tan(1)', 'cmath.isnan(1)']:
    try:
        print(bad, eval(bad))
    except Exception as e:
        print(bad, type(e).__name__, e)
