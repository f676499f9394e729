import struct
print(struct.pack("<I", 1), struct.pack(">h", -2), struct.pack("<q", -1), struct.pack("<f", 1.5), struct.pack("<d", 0.1))
print(struct.unpack("<I", b"\x01\x00\x00\x00"), struct.unpack(">h", b"\xff\xfe"), struct.unpack("<d", struct.pack("<d", 0.1)))
print(struct.calcsize("<IhB"), struct.calcsize("iHb"), struct.calcsize("<5s"), struct.pack("<3s", b"abcd"))
print(struct.unpack("<f", struct.pack("<f", 0.1)), struct.pack(">Q", 2**64 - 1), struct.unpack(">Q", b"\xff" * 8))
print(struct.unpack_from("<H", b"\x00\x01\x02", 1))
try:
    print(struct.pack("<?", True))
except ValueError as e:
    print("ValueError", e)
for fmt, v in [("<B", 256), ("<b", 128), ("<H", -1), ("<I", 2**32)]:
    try:
        print(fmt, struct.pack(fmt, v))
    except Exception as e:
        print(fmt, type(e).__name__, e)
try:
    struct.unpack("<I", b"\x00")
except Exception as e:
    print(type(e).__name__, e)
