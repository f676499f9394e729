# complex: repr/str of every kind of part (MicroPython's text: no "-0" real part, float repr
# digits without a forced ".0", nan/inf), the constructor's forms, complex(str)'s rules,
# formatting, attributes, literals.
def show(expr):
    try:
        print(expr, '->', repr(eval(expr)))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)

nan = float('nan')
inf = float('inf')
for re in [0.0, -0.0, 1.0, -2.5, 1e16, 1.5e-5, 123456789012345678, 0.1, nan, -nan, inf, -inf]:
    for im in [0.0, -0.0, 1.0, -1.0, 1e-10, 2.5e20, nan, inf, -inf, 1 / 3]:
        z = complex(re, im)
        print(z, repr(z), str(z))

for e in ['1j', '-1j', '-0-1j', '0-1j', '1.5e3J', '1e400j', '2.5j', '0j', '-0j', '1_000j', '.5j', '5.j',
          '1e-400j', '3 + 4j', '1 - 0j', '(1 + 2j).real', '(1 + 2j).imag', 'type((1j).real)',
          'complex()', 'complex(1)', 'complex(1.5)', 'complex(True)', 'complex(2**70)', 'complex(2, 3)',
          'complex(1j)', 'complex(1j, 1j)', 'complex(1+2j, 3+4j)', 'complex(1, 2.5)', 'complex(False, True)',
          'complex([])', 'complex(None)', 'complex(b"1")', 'complex(1, "2")', 'complex("1", 2)',
          'complex(1, 2, 3)', 'complex(real=1)', 'complex(1j) is complex(1j)',
          'type(1j)', 'complex', 'type(1j).__name__', 'isinstance(1j, complex)', 'complex.__name__',
          '(1j).conjugate()', '(1).real', '(1.5).imag', '(1j).real_', 'setattr(1j, "real", 2)',
          '"{}".format(1 + 2j)', '"{!r:>8}|".format(1j)', '"{:10}".format(1j)', '"{:s}".format(1j)',
          '"{:f}".format(1j)', '"{:g}".format(1j)', '"{:e}".format(1j)', '"{:d}".format(1j)',
          '"%s|%r|%8s|%-6r|" % (1j, 2j, 3j, 4j)', '"%.2s" % (1j,)', '"%d" % 1j', '"%x" % 1j',
          '"%f" % 1j', '"%g" % 1j', '"%c" % 1j', 'str([1j, -1j, 1+1j])', 'f"{1+1j}"']:
    show(e)

for s in ['1+2j', 'j', '-j', '+j', '1+j', '1-j', ' 1.5e3-2.5j ', 'inf+nanj', 'nanj', '-infj', '1J', '1.j',
          '.5j', '1', '  -2.5  ', '1e5', 'infinity', '-nan', 'infinityj', '1e+2+1e-2j', '0x1', '1_0',
          'a', '', ' ', '1+', '1+2', '2j+1', '1e', '1ej', '(1+2j)', '1 + 2j', '1 +2j', '1+ 2j', '1+-2j',
          '1++2j', 'jj', '1jj', 'j1', '1+2j ', '\t1+2j\n', '1+2j+3', '+-1j', '--1', 'nan', '-inf-infj']:
    try:
        print(repr(s), '->', complex(s))
    except Exception as e:
        print(repr(s), '->', type(e).__name__, e)

# literals in compiled code (complex constants are not folded)
def f():
    return 2j, -3.5j, 1 + 2j, 2 * 1j, 1j ** 2, (0j or 5), (1j and 6), not 0j
print(f())
print(eval('1j'), eval('1.5j * 2'), eval('-0j'))
for src in ['1jj', '1j5', '1.5xj', '0x1j', '0b1j', '1e5j', '1_5j', '1.e5J']:
    try:
        print(src, '->', eval(src))
    except SyntaxError as e:
        print(src, '->', 'SyntaxError', e)
