# uctypes over buffers the program owns: scalars in every layout, bitfields, nested structs,
# arrays of scalars and of structs, pointers, floats, sizeof, struct as a buffer,
# bytes_at/bytearray_at, and the errors of bad descriptors. (Addresses are never printed.)
import uctypes

print(uctypes.NATIVE, uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN)
print(uctypes.UINT8, uctypes.INT8, uctypes.UINT16, uctypes.INT16, uctypes.UINT32, uctypes.INT32)
print(uctypes.UINT64, uctypes.INT64, uctypes.FLOAT32, uctypes.FLOAT64, uctypes.VOID)
print(uctypes.BFUINT8, uctypes.BFINT8, uctypes.BFUINT16, uctypes.BFINT16, uctypes.BFUINT32, uctypes.BFINT32)
print(uctypes.BF_POS, uctypes.BF_LEN, uctypes.PTR, uctypes.ARRAY)
print(uctypes.SHORT, uctypes.USHORT, uctypes.INT, uctypes.UINT, uctypes.LONGLONG, uctypes.ULONGLONG)

HDR = {
    "magic": uctypes.UINT16 | 0,
    "version": uctypes.UINT8 | 2,
    "flags": uctypes.UINT8 | 3,
    "length": uctypes.UINT32 | 4,
    "neg": uctypes.INT16 | 8,
    "small": uctypes.INT8 | 10,
    "big": uctypes.UINT64 | 12,
    "sbig": uctypes.INT64 | 12,
    "lo4": uctypes.BFUINT8 | 3 | 0 << uctypes.BF_POS | 4 << uctypes.BF_LEN,
    "hi4": uctypes.BFUINT8 | 3 | 4 << uctypes.BF_POS | 4 << uctypes.BF_LEN,
    "mid": uctypes.BFUINT32 | 4 | 8 << uctypes.BF_POS | 12 << uctypes.BF_LEN,
}
for layout in (uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN, uctypes.NATIVE):
    buf = bytearray(20)
    s = uctypes.struct(uctypes.addressof(buf), HDR, layout)
    s.magic = 0xCAFE
    s.version = 3
    s.flags = 0xA5
    s.length = 0x12345678
    s.neg = -2
    s.small = -100
    s.big = 0x0102030405060708
    print(layout, buf)
    print(hex(s.magic), s.version, hex(s.flags), hex(s.length), s.neg, s.small, hex(s.big), s.sbig)
    print(s.lo4, s.hi4, hex(s.mid))
    s.lo4 = 0xF
    s.hi4 = 0x13  # truncated to 4 bits
    s.mid = 0xABC
    print(hex(s.flags), hex(s.length), s.lo4, s.hi4, hex(s.mid))
    s.sbig = -1
    print(s.big == 0xFFFFFFFFFFFFFFFF, s.sbig)
    s.length = -1  # stored truncated
    print(hex(s.length))
    print(uctypes.sizeof(HDR, layout), uctypes.sizeof(s))

# nested structs and arrays
POINT = {"x": uctypes.INT16 | 0, "y": uctypes.INT16 | 2}
SHAPE = {
    "kind": uctypes.UINT8 | 0,
    "origin": (4, POINT),
    "points": (uctypes.ARRAY | 8, 3, POINT),
    "name": (uctypes.ARRAY | 20, uctypes.UINT8 | 6),
    "ids": (uctypes.ARRAY | 26, uctypes.UINT16 | 3),
    "weights": (uctypes.ARRAY | 32, uctypes.FLOAT32 | 2),
    "scale": uctypes.FLOAT64 | 40,
}
print(uctypes.sizeof(SHAPE), uctypes.sizeof(SHAPE, uctypes.LITTLE_ENDIAN), uctypes.sizeof(POINT))
mem = bytearray(uctypes.sizeof(SHAPE))
sh = uctypes.struct(uctypes.addressof(mem), SHAPE)
sh.kind = 7
sh.origin.x = -5
sh.origin.y = 300
for i in range(3):
    sh.points[i].x = i * 10
    sh.points[i].y = -i
sh.name[0:5] = b"shape"
print(type(sh.name), sh.name, len(sh.name))
sh.ids[0] = 1
sh.ids[2] = 0xFFFF
sh.weights[0] = 0.5
sh.weights[1] = -2.25
sh.scale = 1.0 / 3
print(sh.kind, sh.origin.x, sh.origin.y, [(p.x, p.y) for p in (sh.points[0], sh.points[1], sh.points[2])])
print([sh.ids[i] for i in range(3)], sh.weights[0], sh.weights[1], "%.6f" % sh.scale)
print(mem)
print(uctypes.sizeof(sh.points), uctypes.sizeof(sh.origin), uctypes.sizeof(sh.ids))
try:
    sh.points[3]
except IndexError as e:
    print("IndexError", e)
try:
    sh.ids[3] = 1
except IndexError as e:
    print("IndexError", e)
try:
    sh.points[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    sh.origin = 1
except TypeError as e:
    print("TypeError", e)
try:
    sh.nothing
except KeyError as e:
    print("KeyError", e)
try:
    sh[0]
except TypeError as e:
    print("TypeError", e)
try:
    sh.origin.x = "a"
except TypeError as e:
    print("TypeError", e)
try:
    sh.weights[0] = "a"
except TypeError as e:
    print("TypeError", e)

# the struct as a buffer
print(bytes(sh.origin), bytearray(sh.points[1]), len(memoryview(sh)))
print(bytes(uctypes.struct(uctypes.addressof(mem), POINT, uctypes.BIG_ENDIAN)))

# pointers: a buffer holding the address of another one
target = bytearray(b"\x01\x02\x03\x04\x05\x06\x07\x08")
PSIZE = uctypes.sizeof({"p": (uctypes.PTR | 0, uctypes.UINT8)})
holder = bytearray(uctypes.addressof(target).to_bytes(PSIZE, "little"))
P = {
    "p8": (uctypes.PTR | 0, uctypes.UINT8),
    "p16": (uctypes.PTR | 0, uctypes.UINT16),
    "ps": (uctypes.PTR | 0, POINT),
}
ps = uctypes.struct(uctypes.addressof(holder), P, uctypes.LITTLE_ENDIAN)
print(int(ps.p8) == uctypes.addressof(target), ps.p8[0], ps.p8[7], hex(ps.p16[1]))
print(ps.ps[0].x, ps.ps[1].y)
ps.ps[1].y = -1
print(target)
try:
    int(sh.origin)  # not a pointer: parsed as text, as any buffer
except ValueError:
    print("ValueError")

# bytes_at / bytearray_at
data = bytearray(b"0123456789")
a = uctypes.addressof(data)
print(uctypes.bytes_at(a, 4), uctypes.bytes_at(a + 6, 4), uctypes.bytes_at(a, 0))
view = uctypes.bytearray_at(a + 2, 5)
print(view, len(view), uctypes.sizeof(view))
view[0] = ord("X")
view[1:3] = b"YZ"
print(data, view)
print(uctypes.addressof(view) == a + 2)
print(uctypes.addressof(b"abc") > 0, uctypes.bytes_at(uctypes.addressof(b"abc"), 3))
ab = bytes(range(8))
print(uctypes.bytes_at(uctypes.addressof(ab) + 4, 4))
import array
arr = array.array("H", [1, 2, 3])
s = uctypes.struct(uctypes.addressof(arr), {"a": (uctypes.ARRAY | 0, uctypes.UINT16 | 3)})
s.a[1] = 513
print(arr, uctypes.bytes_at(uctypes.addressof(memoryview(data)[3:]), 2))

# descriptors and sizeof errors
for bad in ([], (), ("x",), (uctypes.PTR | 0,), (uctypes.ARRAY | 0,), (0, {}, 1), (uctypes.ARRAY | 0, 1, {}, 2), {"a": []}, 5):
    try:
        print(uctypes.sizeof(bad))
    except TypeError as e:
        print("TypeError", e)
try:
    uctypes.sizeof(sh, uctypes.NATIVE)
except TypeError:
    print("TypeError")
print(uctypes.sizeof({}), uctypes.sizeof(bytearray(5)))
for args in ((), (1,), ("a", {}), (1, {}, 2, 3)):
    try:
        uctypes.struct(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    uctypes.addressof(5)
except TypeError as e:
    print("TypeError", e)
s = uctypes.struct(a, [])
try:
    s.x
except TypeError as e:
    print("TypeError", e)
s = uctypes.struct(a, {"x": "bad"})
try:
    s.x
except TypeError as e:
    print("TypeError", e)
try:
    hash(s)
except TypeError as e:
    print("TypeError", e)
try:
    del sh.ids[0]
except TypeError as e:
    print("TypeError", e)
print(type(uctypes.struct), uctypes.struct.__name__)
