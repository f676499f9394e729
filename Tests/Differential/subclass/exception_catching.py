class Base(Exception): pass
class Mid(Base): pass
class Leaf(Mid): pass
try:
    class Both(Mid, ValueError):
        pass
except TypeError as e:
    print("TypeError", e)
def raiser(e):
    raise e
for exc in (Base("b"), Mid("m"), Leaf("l"), ValueError("v"), KeyError("k")):
    try:
        raiser(exc)
    except Leaf as e:
        print("Leaf", e)
    except Mid as e:
        print("Mid", e)
    except (Base, KeyError) as e:
        print("Base/KeyError", type(e).__name__, e)
    except Exception as e:
        print("other", type(e).__name__, e)
try:
    try:
        raise Mid("inner")
    except Base:
        raise
except Exception as e:
    print("reraised", type(e).__name__, e.args)
try:
    try:
        1 / 0
    finally:
        print("finally runs")
except ZeroDivisionError as e:
    print("caught", e)
def gen():
    try:
        yield 1
    except GeneratorExit:
        print("gen exit")
        raise
g = gen()
next(g)
g.close()
print(issubclass(Leaf, ValueError), issubclass(Leaf, Base), isinstance(Leaf(), Exception))
