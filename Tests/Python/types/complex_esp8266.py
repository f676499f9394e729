# args: -X profile=esp8266
# The ESP8266 build has no complex numbers: no complex builtin, no cmath, imaginary literals
# are a SyntaxError, a negative float to a fractional power a ValueError.
import builtins
try:
    complex
except NameError as e:
    print('NameError', e)
try:
    complex(1, 2)
except NameError as e:
    print('NameError', e)
print(hasattr(builtins, 'complex'))
try:
    import cmath
except ImportError as e:
    print('ImportError', e)
for src in ['1j', '2.5J', '1e3j', '.5j', '1_0j', '1jj', '1j5', '1.5xj', '0x1j', '1e', '1.5']:
    try:
        exec('x = ' + src)
        print(src, x)
    except SyntaxError as e:
        print(src, 'SyntaxError', e)
for e in ['(-1.0) ** 0.5', '(-8) ** (1 / 3)', 'pow(-2.5, 0.5)', 'float("1j")', 'float("j")', '(1).real', '(1.5).imag']:
    try:
        print(e, eval(e))
    except Exception as ex:
        print(e, type(ex).__name__, ex)
