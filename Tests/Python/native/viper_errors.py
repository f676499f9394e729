# Compile-time errors of viper (and native) functions, with MicroPython's messages.


def check(src):
    try:
        exec(src)
        print("compiled")
    except (SyntaxError, ViperTypeError, NotImplementedError) as e:
        print(type(e).__name__, e)


V = "@micropython.viper\n"
N = "@micropython.native\n"
check(V + "def f(x: ptr8): return x[1.5]")
check(V + "def f(x: int) -> int:\n    return x\n")
check(V + "def f(x: int):\n    return x\n")
check(V + "def f(x: int) -> uint:\n    return x\n")
check(V + "def f(x: int):\n    y = x\n    y = 1.0\n")
check(V + "def f(x: int):\n    if x:\n        y = 1\n    return y\n")
check(V + "def f(x: ptr8):\n    return -x\n")
check(V + "def f(x: bool):\n    return ~x\n")
check(V + "def f(x: int, y: int) -> int:\n    return x ** y\n")
check(V + "def f(x: int, y: int) -> int:\n    return x / y\n")
check(V + "def f(x: int, y: bool) -> int:\n    return x + y\n")
check(V + "def f(x: ptr16, y: int):\n    x[y] = 1.5\n")
check(V + "def f(x: ptr, y: int) -> int:\n    return x[y]\n")
check(V + "def f(x: int) -> list:\n    pass\n")
check(V + "def f(x: int.y):\n    pass\n")
check(V + "def f():\n    print(ptr8(0))\n")
check(V + "def f():\n    yield 1\n")
check(V + "def f():\n    return uint(int)\n")
check(N + "def f():\n    raise\n")
check(N + "def f():\n    raise ValueError from None\n")
check(N + "def f():\n    yield 1\n")
check("@micropython.foo\ndef f():\n    pass\n")
# a viper local captured by a closure, and `except ... as e` (e = None at the end), as MicroPython
check(V + "def f():\n    k = 5\n    def g():\n        return k\n    return g\n")
check(V + "def f():\n    try:\n        pass\n    except ValueError as e:\n        pass\n")


# the line of a viper type error: the statement, or the def line for a one-statement body
def where(src):
    try:
        exec(src)
    except ViperTypeError as e:
        import sys

        sys.print_exception(e)


where(V + "def f(x: int):\n    y = 1\n    y = []\n    return None\n")
where(V + "def f(x: int):\n    return []\n")
where("\n\n" + V + "def f(x: int):\n    if x:\n        y = 1\n        y = x > 1\n        return x\n    return x\n")
