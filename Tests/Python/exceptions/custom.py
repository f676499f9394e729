class MyError(Exception):
    pass
class DetailError(MyError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
class PlainError(Exception):
    def __init__(self, value):
        self.value = value
    def __str__(self):
        return 'PlainError(%r)' % self.value
try:
    raise MyError('simple', 2)
except MyError as e:
    print(type(e).__name__, e.args, len(e.args))
try:
    raise DetailError(404, 'not found')
except MyError as e:
    print(type(e).__name__, e.code, e.args, str(e))
try:
    raise PlainError(7)
except Exception as e:
    print(str(e), e.value)
print(issubclass(DetailError, MyError), issubclass(MyError, Exception), issubclass(MyError, BaseException))
print(isinstance(DetailError(1, 'x'), Exception), issubclass(MyError, ValueError))
print(str(MyError('a')), str(MyError()), str(MyError('a', 'b')), MyError(1, 2).args)
def raiser(kind):
    if kind == 1:
        raise MyError('one')
    if kind == 2:
        raise DetailError(2, 'two')
    return 'ok'
for kind in (0, 1, 2):
    try:
        print(raiser(kind))
    except DetailError as e:
        print('detail', e.code)
    except MyError as e:
        print('my', e)
