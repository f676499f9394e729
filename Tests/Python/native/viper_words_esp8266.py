# args: -X profile=esp8266
# @micropython.viper integers: machine-word arithmetic with wraparound, signed and unsigned
# shifts and comparisons, casts, bool, conversions at the boundaries. Results are printed
# masked to 32 bits so that the host (64-bit) and ESP8266 (32-bit) words agree.
import micropython

M = 0xFFFFFFFF


@micropython.viper
def mul_wrap(x: int, n: int) -> int:
    r = 1
    for i in range(n):
        r = r * x
    return r


print(mul_wrap(3, 5), mul_wrap(7, 40) & M)


@micropython.viper
def mix(a: int, b: uint):
    return a + 1, b - 1, a ^ -1, b >> 1, a >> 1, a << 3


r = mix(-8, 0)
print(r[0], r[1] & M, r[2], (r[3] & M) >> 28 in (7, 15), r[4], r[5])


@micropython.viper
def cmp(a: uint, b: uint) -> bool:
    return a < b


print(cmp(1, 2), cmp(-1, 2), cmp(2, -1))


@micropython.viper
def casts(x) -> int:
    u = uint(x)
    i = int(u)
    b = bool(x)
    if b:
        return i + 1
    return i - 1


print(casts(5), casts(0), casts(True), casts(-2))


@micropython.viper
def divmod_int(a: int, b: int):
    return a // b, a % b


print(divmod_int(17, 5), divmod_int(-17, 5), divmod_int(17, -5), divmod_int(-17, -5))


@micropython.viper
def neg_inv(x: int):
    return -x, ~x, +x


print(neg_inv(5), neg_inv(-1))


@micropython.viper
def big_in(x: int) -> int:
    return x + 1


# a big int argument is truncated to the machine word
print(big_in(1 << 100), big_in(-(1 << 70)) & M, big_in((1 << 64) + 41))


@micropython.viper
def objects(x, y):
    # object operations stay Python operations
    return x + y, [x, y]


print(objects("ab", "c"), objects(10**20, 1))


@micropython.viper
def loop_sum(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        if i % 3 == 0:
            s += i
        i += 1
    return s


print(loop_sum(100))

try:
    big_in("x")
except TypeError as e:
    print("TypeError", e)
try:
    big_in(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    big_in(x=1)
except TypeError as e:
    print("TypeError", e)
print(big_in)
