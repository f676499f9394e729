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
