# args: -X profile=esp8266 -X heapsize=38K
# Heap cost of common objects on the ESP8266 profile, as the drop in gc.mem_free() after
# gc.collect(). The expected numbers are a 32-bit MicroPython's with the same 38 KiB heap.
import gc

# (The range is made before the measurement: once garbage, a stale native-stack word that the
# collector scans conservatively could keep its 16 bytes alive through the collect.)
r = range(1000)
gc.collect(); m0 = gc.mem_free()
ints = list(r)
gc.collect(); print('list of 1000 ints', m0 - gc.mem_free())
ints = r = None

gc.collect(); m0 = gc.mem_free()
d = {}
for i in range(100):
    d['k%d' % i] = i
gc.collect(); print('dict of 100 str keys', m0 - gc.mem_free())
# (d stays alive: dropped, it could be freed inside the next measurement instead of before it,
# whenever a stale pointer in native stack memory, which the collector scans conservatively,
# keeps it alive through the first collect.)

gc.collect(); m0 = gc.mem_free()
class C:
    def __init__(self, a, b):
        self.a = a
        self.b = b
objs = [C(i, i) for i in range(50)]
gc.collect(); print('class and 50 instances', m0 - gc.mem_free())
objs = None

gc.collect(); m0 = gc.mem_free()
objs = []
for i in range(50):
    objs.append(C(i, i))
gc.collect(); print('50 instances appended', m0 - gc.mem_free())
objs = None

class A: pass
class B: pass
gc.collect(); m0 = gc.mem_free()
class D(A): pass
gc.collect(); print('class, one base', m0 - gc.mem_free())
gc.collect(); m0 = gc.mem_free()
class E(A, B): pass
gc.collect(); print('class, two bases', m0 - gc.mem_free())
gc.collect(); m0 = gc.mem_free()
class F(list): pass
gc.collect(); print('class, native base', m0 - gc.mem_free())
gc.collect(); m0 = gc.mem_free()
class G(Exception): pass
gc.collect(); print('exception class', m0 - gc.mem_free())
print(A.__bases__, D.__bases__, E.__bases__, F.__bases__, D.__bases__ is D.__bases__)

gc.collect(); m0 = gc.mem_free()
t = (1, 2, 3)
s = 'x' * 40
b = bytearray(100)
f = 1.5e10
gc.collect(); print('tuple, str, bytearray, float', m0 - gc.mem_free())
t = s = b = f = None

d = None
bufs = []
try:
    while True:
        bufs.append(bytearray(100))
except MemoryError:
    pass
print('100-byte bytearrays', len(bufs))
bufs = None
