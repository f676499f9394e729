class AppError(Exception):
    pass
class CodeError(AppError):
    def __init__(self, code, msg="failed"):
        super().__init__(code, msg)
        self.code = code
    def __str__(self):
        return "E%d: %s" % (self.code, self.args[1])
for exc in (AppError(), AppError("x"), AppError("x", 2), CodeError(5), CodeError(7, "bad")):
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, e, repr(e) if not isinstance(e, CodeError) else "-", e.args, isinstance(e, Exception))
try:
    raise CodeError(1)
except Exception as e:
    print(e.code, str(e), e.args)
class MyKey(KeyError): pass
try:
    raise MyKey("k")
except KeyError as e:
    print(type(e).__name__, e, repr(e))
class MyVal(ValueError):
    def __init__(self, v):
        self.v = v
try:
    raise MyVal(3)
except ValueError as e:
    print(type(e).__name__, e.v, e.args, str(e))
print(issubclass(CodeError, Exception), issubclass(MyKey, LookupError), MyKey.__mro__ if False else "mro")
try:
    try:
        raise AppError("inner")
    except AppError as e:
        raise CodeError(2) from e
except CodeError as e2:
    print(e2, type(e2.__cause__).__name__ if hasattr(e2, "__cause__") else "AppError")
