import struct
print(struct.pack('<hHi', -2, 3, 7), struct.unpack('<hHi', b'\xfe\xff\x03\x00\x07\x00\x00\x00'))
print(struct.calcsize('<bi'), struct.calcsize('>qQ'), struct.calcsize('<3s2x'))
print(struct.pack('>Q', 2**63 + 5), struct.unpack('>q', b'\xff' * 8), struct.unpack('<Q', b'\xff' * 8))
print(struct.pack('<3s2x', b'ab'), struct.unpack_from('<H', b'\x00\x01\x02', 1), struct.unpack_from('<B', b'\x01\x02', -1))
print(struct.pack('<fd', 1.5, -2.25), struct.unpack('<fd', struct.pack('<fd', 1.5, -2.25)))
print(struct.pack('!I', 0x01020304), struct.pack('>bB', -1, 255), struct.unpack('<l', struct.pack('<l', -123456)))
ba = bytearray(8)
struct.pack_into('<HI', ba, 1, 1, 2)
print(ba)
try:
    struct.unpack('<I', b'\x00')
except Exception:
    print('error')
