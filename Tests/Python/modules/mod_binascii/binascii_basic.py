# binascii: what MicroPython shares with CPython (host profile).
import binascii

for data in (b"", b"\x00", b"\x01\xab\xff", bytes(range(20)), bytearray(b"xyz"), memoryview(b"mv")):
    print(binascii.hexlify(data), binascii.b2a_base64(data), binascii.b2a_base64(data, newline=False))
print(binascii.hexlify(b"\x01\x02\x03", "-"), binascii.hexlify(b"\x01\x02", b":"), binascii.hexlify(b"\x01", ":"))
print(binascii.unhexlify("00ff10"), binascii.unhexlify(b"ABcd"), binascii.unhexlify(""))
for text in (b"", b"YQ==", b"YWI=", b"YWJj", b"YW\nJj\n", b"Y W J j", b"YWJjZA==", "aGVsbG8="):
    print(binascii.a2b_base64(text))
for n in range(8):
    data = bytes(range(n))
    assert binascii.a2b_base64(binascii.b2a_base64(data)) == data
print(binascii.crc32(b""), binascii.crc32(b"hello world"), binascii.crc32(b"world", binascii.crc32(b"hello ")))
print(binascii.crc32(b"abc", 0xFFFFFFFF), binascii.crc32(bytearray(100)))
for bad in (b"YQ", b"YQ=", b"YWJjZ"):
    try:
        binascii.a2b_base64(bad)
    except ValueError:
        print("ValueError", bad)
for bad in ("0", "zz"):
    try:
        binascii.unhexlify(bad)
    except ValueError:
        print("ValueError", bad)
for bad in (1, None):
    try:
        binascii.hexlify(bad)
    except TypeError:
        print("TypeError", bad)
