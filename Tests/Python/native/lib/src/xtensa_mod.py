# Compiled by mpy-cross -march=xtensa into ../xtensa_mod.mpy (scripts/build-native-mpy.sh):
# machine code for the ESP8266's core, run by the VM's Xtensa interpreter.
import micropython

counter = 0


@micropython.viper
def mix(a: int, b: int) -> int:
    x = a * 3 - b
    x = (x << 4) | (x >> 2)
    return x ^ 0x55


@micropython.viper
def checksum(buf: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s = (s + buf[i] * (i + 1)) & 0xFFFF
    return s


@micropython.viper
def fill16(buf: ptr16, n: int, v: int):
    for i in range(n):
        buf[i] = v + i


@micropython.viper
def sum32(buf: ptr32, n: int) -> int:
    s = 0
    for i in range(n):
        s += buf[i]
    return s


@micropython.viper
def divmod_floor(a: int, b: int):
    return a // b, a % b


@micropython.viper
def as_uint(a: int) -> uint:
    return uint(a)


@micropython.native
def words(text, sep=" ", *, upper=False):
    out = []
    for w in text.split(sep):
        if w:
            out.append(w.upper() if upper else w)
    return out


@micropython.native
def bump(n):
    global counter
    for _ in range(n):
        counter += 1
    return counter


@micropython.native
def make_adder(k):
    def add(x):
        return x + k

    return add


@micropython.native
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        return "ZeroDivisionError: " + str(e)
    finally:
        print("finally", a, b)


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return t is KeyError


@micropython.native
def guarded(key):
    with Ctx():
        return {"a": 1}[key]


@micropython.native
def call_back(f, *args, **kw):
    return f(*args, **kw)


@micropython.native
def unpack(seq):
    a, *rest = seq
    b, c = rest[0], rest[-1]
    return a, b, c, len(rest), seq[1:3]


@micropython.native
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


@micropython.native
def gen(n):
    try:
        for i in range(n):
            x = yield i
            if x:
                print("sent", x)
    finally:
        print("gen done")
    return n


@micropython.native
def chain(n):
    r = yield from gen(n)
    yield "returned %d" % r
