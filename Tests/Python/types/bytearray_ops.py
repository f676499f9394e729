ba = bytearray(b'abc')
print(ba, len(ba), ba[0])
ba.append(100)
ba.extend(b'ef')
print(ba)
ba[0] = 65
print(ba, ba[1:3], bytes(ba))
ba[1:3] = b'XY'
print(ba)
ba += b'!'
print(ba)
print(bytearray(4), bytearray([1, 2, 255]), bytearray('hi', 'utf-8'))
print(ba.decode(), list(bytearray(b'\x01\x02')), ba == bytearray(b'AXYdef!'))
print(ba + b'?', len(ba))
c = bytearray(3)
for i in range(3):
    c[i] = i * 100
print(c, sum(c))
