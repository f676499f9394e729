# An exception subclass instance whose __init__ raises it before calling the base __init__ is
# not an exception yet: raising it is a TypeError. After super().__init__ it raises normally.
class Early(Exception):
    def __init__(self):
        raise self


class Late(Exception):
    def __init__(self, x):
        super().__init__(x)
        raise self


class Plain(ValueError):
    def __init__(self):
        pass


for cls in (Early,):
    try:
        cls()
    except TypeError as e:
        print("TypeError", e)
try:
    Late(5)
except Late as e:
    print("Late", e.args)
try:
    raise Plain()
except ValueError as e:
    print("Plain", type(e).__name__, e.args)
