import errno, heapq, binascii
print(errno.ENOENT, errno.EAGAIN, errno.EEXIST, errno.EINVAL, errno.ETIMEDOUT, errno.ECONNRESET)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EINVAL])
h = []
for x in [5, 1, 4, 2, 3, 1]:
    heapq.heappush(h, x)
print([heapq.heappop(h) for _ in range(6)])
l = [9, 3, 7, 1, 8, 2]
heapq.heapify(l)
print(l, heapq.heappop(l), l)
try:
    heapq.heappop([])
except IndexError:
    print('IndexError')
print(binascii.hexlify(b'\x01\xab\xff'), binascii.unhexlify('01abff'), binascii.unhexlify(b'0A0b'))
print(binascii.b2a_base64(b'hello'), binascii.b2a_base64(b'hi', newline=False), binascii.b2a_base64(b''))
print(binascii.a2b_base64(b'aGVsbG8='), binascii.a2b_base64('aGk='))
print(binascii.crc32(b'hello'), binascii.crc32(b' world', binascii.crc32(b'hello')))
for bad in ('a', 'zz'):
    try:
        binascii.unhexlify(bad)
    except ValueError:
        print('ValueError')
try:
    binascii.a2b_base64(b'aGVsbG8')
except ValueError:
    print('ValueError')
