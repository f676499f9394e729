# unbounded recursion raises RuntimeError (CPython: RecursionError, a subclass)
def down(n):
    return down(n + 1) + 1
try:
    down(0)
except RuntimeError as e:
    print('caught', isinstance(e, RuntimeError), 'maximum recursion depth exceeded' in str(e))
def ok(n):
    return 0 if n == 0 else 1 + ok(n - 1)
print('recovered', ok(50))
class Loop:
    def __getattr__(self, name):
        return getattr(self, name + 'x')
try:
    Loop().a
except RuntimeError:
    print('caught in __getattr__ recursion')
