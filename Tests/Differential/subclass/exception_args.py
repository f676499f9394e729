for cls in (Exception, ValueError, TypeError, KeyError, IndexError, OSError, StopIteration, RuntimeError, ZeroDivisionError, AttributeError, NameError, LookupError, ArithmeticError, OverflowError, AssertionError, NotImplementedError):
    e0 = cls()
    e1 = cls("msg")
    e2 = cls(1, "two")
    print(cls.__name__, repr(str(e0)), repr(str(e1)), repr(str(e2)), e0.args, e2.args, repr(e1))
print(StopIteration(5).value, StopIteration().value)
e = OSError(2, "No such")
print(e.errno, e.args, str(e))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
