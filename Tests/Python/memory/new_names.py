# args: -X profile=esp8266 -X heapsize=38K
# Heap cost of new names (qstrs) on the ESP8266 profile: their bytes go into 128-byte chunks and
# their entries into pools of 20, 40, 80... entries, on the heap. The expected numbers are a
# 32-bit MicroPython's with the same heap, run with MICROPYPATH= from the root directory (the
# unix port interns sys.path entries and the script's directory; the ESP8266 port does not).
import gc


class O:
    pass


o = O()
gc.collect(); m0 = gc.mem_free()
for i in range(60):
    setattr(o, 'a%d' % i, i)
# 32-bit MicroPython's figure is 1760; the last temporary name string may stay reachable from a
# stale stack word on one implementation and not the other (two blocks), so within 5%.
gc.collect(); used = m0 - gc.mem_free()
print('60 new attribute names', abs(used - 1760) * 20 <= 1760)

gc.collect(); m0 = gc.mem_free()
for i in range(60):
    setattr(o, 'a%d' % i, -i)
gc.collect(); print('the same names again', m0 - gc.mem_free())

gc.collect(); m0 = gc.mem_free()
for i in range(60):
    exec('v%d = %d' % (i, i))
# Compiling allocates on the C heap and not on ours, so where the next chunk lands differs
# with the layout: 32-bit MicroPython's figure (688) is matched within 5%.
gc.collect(); used = m0 - gc.mem_free()
print('60 new globals through exec', abs(used - 688) * 20 <= 688)
print(v0 + v59, getattr(o, 'a59'))

# A name made at run time is the same qstr the compiler made for the identifier.
gc.collect(); m0 = gc.mem_free()
for i in range(60):
    getattr(o, 'a%d' % i)
gc.collect(); print('looking names up', m0 - gc.mem_free())

# getattr interns its name even when the attribute is missing.
gc.collect(); m0 = gc.mem_free()
for i in range(100):
    getattr(o, 'missing_%d' % i, None)
gc.collect(); print('100 missing names', m0 - gc.mem_free())
