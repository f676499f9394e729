# viper pointers over the program's own buffers: ptr8/ptr16/ptr32 loads and stores on
# bytearray, array and memoryview, reads from bytes, addresses passed around as ints.
import micropython
import array


@micropython.viper
def fill16(dest: ptr16, n: int, v: int):
    for i in range(n):
        dest[i] = v + i


@micropython.viper
def sum32(src: ptr32, n: int) -> uint:
    s = uint(0)
    for i in range(n):
        s += uint(src[i])
    return s


@micropython.viper
def addr(p: ptr) -> ptr:
    return p


@micropython.viper
def poke(p: ptr8, i: int, v: int):
    p[i] = v


@micropython.viper
def peek(p: ptr8, i: int) -> int:
    return p[i]


b = bytearray(8)
fill16(b, 4, 0x4140)
print(b)
a = array.array("I", [1, 2, 3, 0xFFFFFFFF])
print(sum32(a, 4) & 0xFFFFFFFF)
h = array.array("h", [0, 0, 0])
fill16(h, 3, -2)
print(list(h))

# an address is an int; arithmetic on it reaches the same buffer
base = addr(b)
print(type(base), addr(b) == base)
poke(base + 3, 0, 0x7A)
poke(base, 7, 0x21)
print(b, peek(base + 7, 0), peek(b, 3))

# a memoryview shares its object's bytes
m = memoryview(b)[2:6]
poke(m, 0, ord("x"))
print(b)

# bytes can be read
print(peek(b"\x05\x06\x07", 2))


@micropython.viper
def swap_halves(buf):
    p = ptr8(buf)
    n = int(len(buf)) >> 1
    for i in range(n):
        t = p[i]
        p[i] = p[i + n]
        p[i + n] = t


c = bytearray(b"abcdef")
swap_halves(c)
print(c)


@micropython.viper
def same(p: ptr8) -> bool:
    q = p
    return int(q) == int(p)


print(same(c))
