pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (StopIteration, Exception), (GeneratorExit, BaseException), (GeneratorExit, Exception),
    (KeyboardInterrupt, Exception), (SystemExit, Exception), (SystemExit, BaseException),
    (NotImplementedError, RuntimeError),
    (OSError, Exception), (UnicodeError, ValueError), (AssertionError, Exception),
    (NameError, Exception), (TypeError, ValueError), (ImportError, Exception),
    (AttributeError, Exception), (MemoryError, Exception), (Exception, BaseException),
]
for a, b in pairs:
    print(a.__name__, b.__name__, issubclass(a, b))
try:
    raise KeyError('k')
except LookupError:
    print('KeyError caught as LookupError')
try:
    [][1]
except Exception as e:
    print(type(e).__name__, isinstance(e, LookupError))
