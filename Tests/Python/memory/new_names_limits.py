# args: -X profile=esp8266 -X heapsize=38K
# Making a qstr can fail: MemoryError when the heap has no room for its chunk or pool entry,
# RuntimeError for a name over 255 bytes (as a 32-bit MicroPython).
import gc


class O:
    pass


o = O()
long_name = 'n' * 200
try:
    setattr(o, 'x' * 256, 1)
except RuntimeError as e:
    print('RuntimeError', e)
setattr(o, 'y' * 255, 2)
print(getattr(o, 'y' * 255))

bufs = []
try:
    while True:
        bufs.append(bytearray(100))
except MemoryError:
    pass
small = []
try:
    while True:
        small.append([])
except MemoryError:
    pass
try:
    getattr(o, long_name, None)
    print('made')
except MemoryError:
    print('MemoryError')
bufs = small = None
gc.collect()
print(getattr(o, long_name, 'made after freeing'))
