# An exception subclass without __init__ passes its arguments to the exception's constructor,
# which takes no keywords; with an __init__ keywords reach it.
class F(Exception): pass
class G(ValueError):
    def __init__(self, a, b=2):
        super().__init__(a, b)
for f in (lambda: Exception(x=1), lambda: ValueError("a", k=2), lambda: F(x=1), lambda: G(1, b=5).args, lambda: KeyError(x=1), lambda: OSError(1, x=2), lambda: StopIteration(v=1)):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
