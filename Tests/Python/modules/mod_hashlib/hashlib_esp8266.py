# args: -X profile=esp8266
# hashlib on the ESP8266: sha256 and sha1 (axTLS), no md5.
import hashlib

print(sorted(n for n in dir(hashlib) if not n.startswith("_")))
print(hashlib.sha256(b"abc").digest().hex())
print(hashlib.sha1(b"abc").digest().hex())
h = hashlib.sha1()
h.digest()
try:
    h.update(b"x")
except ValueError as e:
    print("ValueError", e)
