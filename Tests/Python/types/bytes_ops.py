b = b'hello world'
print(b, len(b), b[0], b[-1], b[1:5], b[2:])
print(b.find(b'o'), b.rfind(b'o'), b.count(b'l'), b.index(b'w'))
print(b.split(), b.split(b'o'), b.replace(b'l', b'L'), b.strip(b'hd'))
print(b.startswith(b'he'), b.endswith(b'xx'), b'lo' in b)
print(b + b'!', b * 2, b'-'.join([b'a', b'b']))
print(bytes([65, 66, 67]), bytes(3), bytes(range(5)), bytes('abc', 'utf-8'))
print(list(b'abc'), [x for x in b'AZ'], tuple(b'\x00\x01'))
print(b.decode(), str(b'abc', 'utf-8'), b'\xe2\x82\xac'.decode())
print(b'a' == b'a', b'a' < b'b', b'abc' == 'abc', hash(b'ab') == hash(b'ab'))
print(repr(b'\n\t\\\'"'), b'\x7f\x80')
try:
    b[0] = 1
except TypeError:
    print('TypeError immutable')
print(int.from_bytes(b'\x01\x02', 'big'), int.from_bytes(b'\x01\x02', 'little'))
print((258).to_bytes(2, 'big'), (258).to_bytes(4, 'little'))
print(int.from_bytes(b'\xff' * 12, 'big'))
