# args: -X profile=esp8266
# binascii on the ESP8266: no crc32.
import binascii

print(sorted(n for n in dir(binascii) if not n.startswith("_")))
print(binascii.hexlify(b"\x12\x34", " "), binascii.unhexlify("1234"))
print(binascii.b2a_base64(b"esp"), binascii.a2b_base64(b"ZXNw"))
import ubinascii
print(ubinascii is binascii)
