# binascii where MicroPython differs from CPython: the hexlify separator is the first byte of
# any str/bytes (NUL when empty), newline may be positional, padding is read leniently.
import binascii

print(binascii.hexlify(b"\x01\x02", "::"), binascii.hexlify(b"\x01\x02", ""), binascii.hexlify(b"", "-"))
try:
    binascii.hexlify(b"\x01", None)
except TypeError as e:
    print("TypeError", e)
print(binascii.b2a_base64(b"ab", False), binascii.b2a_base64(b"ab", 0))
try:
    binascii.b2a_base64(b"ab", True, newline=False)
except TypeError as e:
    print("TypeError", e)
try:
    binascii.b2a_base64(b"ab", nl=False)
except TypeError as e:
    print("TypeError", e)
print(binascii.a2b_base64(b"YQ==YWI="), binascii.a2b_base64(b"Y!Q=*="), binascii.a2b_base64(b"YQ===="))
try:
    binascii.a2b_base64(b"Y")
except ValueError as e:
    print("ValueError", e)
print(binascii.crc32(b"a", -1), binascii.crc32(b"a", 2**40 + 5))
