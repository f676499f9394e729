# args: -X profile=esp8266
# Viper pointers are checked against the buffer they point into (a deliberate difference from
# MicroPython, where a bad address reads or writes whatever memory is there): an access outside
# the program's own buffers raises IndexError, a store into a read-only buffer TypeError, and
# nothing can crash the process or reach other objects' bytes.
import micropython
import gc


@micropython.viper
def peek(p: ptr8, i: int) -> int:
    return p[i]


@micropython.viper
def poke(p: ptr8, i: int, v: int):
    p[i] = v


@micropython.viper
def peek32(p: ptr32, i: int) -> int:
    return p[i]


@micropython.viper
def addr(p: ptr) -> ptr:
    return p


def attempt(f, *args):
    try:
        r = f(*args)
        print("ok", r)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)


b = bytearray(b"abcd")
attempt(peek, b, 3)
attempt(peek, b, 4)
attempt(peek, b, -1)
attempt(poke, b, 4, 0)
attempt(peek32, b, 0)
attempt(peek32, b, 1)
attempt(peek, 0, 0)
attempt(peek, 12345, 0)
attempt(poke, addr(b) + 4, 0, 1)
attempt(poke, addr(b) - 1, 0, 1)
attempt(poke, b"abcd", 0, 1)
attempt(poke, "abcd", 0, 1)
attempt(peek, "abcd", 1)
print(b)

# an address no buffer covers, anywhere in the word: never a crash
n = 0
for a in range(0, 1 << 32, 0x01000003):
    try:
        poke(a, 0, 0x55)
    except IndexError:
        n += 1
print("refused", n)

# a buffer that moved: its old address no longer reaches it (nor whatever replaced it)
c = bytearray(16)
old = addr(c)
c.extend(bytes(4000))
gc.collect()
try:
    poke(old, 0, 1)
    # grown in place: the same bytes, still inside the buffer
    print("consistent", addr(c) == old and c[0] == 1)
except IndexError:
    print("consistent", addr(c) != old)
