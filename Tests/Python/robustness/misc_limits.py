# More sizes and counts from user values: struct counts, range bounds, round digits, int
# powers and shifts, deque maxlen, BytesIO positions, json of self-containing data.
import struct, io, json
try:
    import collections
except ImportError:
    collections = None

def attempt(label, f):
    try:
        r = f()
        print(label, r if len(str(r)) < 70 else len(str(r)))
    except Exception as e:
        print(label, type(e).__name__)

attempt('calcsize huge', lambda: struct.calcsize('999999999999999999999i') > 0)
attempt('calcsize big', lambda: struct.calcsize('1000000000i'))
attempt('pack huge', lambda: struct.pack('99999999999x'))
attempt('pack s huge', lambda: struct.pack('2147483647s', b'a'))
attempt('unpack huge', lambda: struct.unpack('1000000000i', b'abcd'))
attempt('unpack_from far', lambda: struct.unpack_from('i', b'abcdabcd', 2**62))
attempt('unpack_from neg', lambda: struct.unpack_from('i', b'abcdabcd', -2**62))
attempt('pack_into far', lambda: struct.pack_into('i', bytearray(4), 2**62, 1))
attempt('range len', lambda: len(range(2**40)))
attempt('range index', lambda: range(0, 2**62, 3)[2**55])
attempt('range neg index', lambda: range(2**62)[-1])
attempt('range repr', lambda: range(-2**40, 2**40, 7))
attempt('range slice', lambda: range(10)[2**62:])
attempt('range in', lambda: (2**61 in range(2**62), -1 in range(2**62)))
attempt('round int', lambda: (round(12345, -2), round(12345, -30), round(12345, -2**62)))
attempt('round float', lambda: (round(1.5, 2**62), round(1234.5, -2**62)))
attempt('pow huge', lambda: 7 ** (2**24 - 1))
attempt('pow big', lambda: 10 ** 10 ** 7)
attempt('pow ok', lambda: 3 ** 200 % 1000)
attempt('shift huge', lambda: 1 << 2**40)
attempt('shift big', lambda: 1 << 2**24)
attempt('shift ok', lambda: (1 << 200) >> 198)
attempt('to_bytes huge', lambda: (1).to_bytes(2**62, 'little'))
attempt('to_bytes big', lambda: (1).to_bytes(2**30, 'little'))
attempt('to_bytes ok', lambda: (258).to_bytes(2, 'little'))
if collections:
    attempt('deque maxlen', lambda: collections.deque((), 2**62))
    attempt('deque neg', lambda: collections.deque((), -1))
def seek_write(pos):
    b = io.BytesIO()
    b.seek(pos)
    b.write(b'a')
    return b.tell()
attempt('bytesio far', lambda: seek_write(2**62))
attempt('bytesio near', lambda: seek_write(10))
attempt('bytesio read', lambda: io.BytesIO(b'abc').read(2**62))
l = [1]
l.append(l)
attempt('json self', lambda: json.dumps(l))
d = {}
d['a'] = d
attempt('json self dict', lambda: json.dumps(d))

# Big dicts and sets grow by half past the size table (as map.c): filling the heap ends in a
# MemoryError at once, not after a rehash per insert.
def fill_dict():
    d = {}
    for i in range(10**6):
        d[i] = None
    return len(d)
attempt('fill dict', fill_dict)
attempt('fill set', lambda: len(set(range(10**6))))
attempt('fromkeys', lambda: len(dict.fromkeys(range(10**9))))
print('done')
