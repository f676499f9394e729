for v in (0, 1, 255, 256, 65535, 2**31, 2**63 - 1, 2**64 - 1, 2**100):
    print(v, v.to_bytes(16, 'big'), v.to_bytes(16, 'little'))
for b in (b'', b'\x00', b'\x01', b'\xff', b'\x01\x00', b'\xff\xff\xff\xff', b'\x80' + b'\x00' * 7, b'\x12\x34\x56\x78\x9a\xbc\xde\xf0\x11'):
    print(b, int.from_bytes(b, 'big'), int.from_bytes(b, 'little'))
print(int.from_bytes(b'\xff', 'big', True) if False else int.from_bytes(b'\xff\xfe', 'little'))
print((1024).to_bytes(2, 'big'), (1024).to_bytes(4, 'little'))
for v, n in [(256, 1), (-1, 2), (2**64, 8)]:
    try:
        print(v.to_bytes(n, 'big'))
    except Exception as e:
        print(type(e).__name__, e)
print(int.from_bytes(bytearray(b'\x01\x02'), 'big'))
