b = bytearray(b'abcdef')
m = memoryview(b)
print(len(m), m[0], bytes(m[1:3]))
m[0] = 65
print(b)
m2 = m[2:5]
m2[0] = 67
print(b, bytes(m2), len(m2))
print(bytes(memoryview(b'xyz')), list(memoryview(b'\x01\x02')))
