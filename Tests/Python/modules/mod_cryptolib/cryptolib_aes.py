# cryptolib.aes: ECB, CBC and CTR (host profile) against known vectors, chaining across
# calls, output buffers and MicroPython's errors.
from cryptolib import aes
import cryptolib

print(sorted(n for n in dir(cryptolib) if not n.startswith("_")))
print(cryptolib.MODE_ECB, cryptolib.MODE_CBC, cryptolib.MODE_CTR)

# FIPS-197 appendix C vectors
key128 = bytes(range(16))
key256 = bytes(range(32))
plain = bytes.fromhex("00112233445566778899aabbccddeeff")
print(aes(key128, 1).encrypt(plain).hex())
print(aes(key256, 1).encrypt(plain).hex())
print(aes(key128, 1).decrypt(bytes.fromhex("69c4e0d86a7b0430d8cdb78070b4c55a")) == plain)

# CBC: one call or several give the same stream; decrypt undoes it
iv = b"\x0f" * 16
msg = bytes(range(64))
whole = aes(key128, 2, iv).encrypt(msg)
c = aes(key128, 2, iv)
parts = c.encrypt(msg[:16]) + c.encrypt(msg[16:48]) + c.encrypt(msg[48:])
print(whole.hex())
print(whole == parts, aes(key256, 2, iv).decrypt(aes(key256, 2, iv).encrypt(msg)) == msg)
print(aes(key128, 2, iv).decrypt(whole) == msg)

# CTR: any length, resumed mid-block across calls
ctr = bytes(15) + b"\xfe"
c = aes(key128, 6, ctr)
s = c.encrypt(b"a") + c.encrypt(b"b" * 20) + c.encrypt(b"c" * 30)
print(s.hex())
print(aes(key128, 6, ctr).decrypt(s))

# output buffers: in place, larger buffers, the buffer is returned
buf = bytearray(plain)
c = aes(key128, 1)
r = c.encrypt(buf, buf)
print(r is buf, buf.hex())
out = bytearray(20)
print(aes(key128, 1).decrypt(bytes(buf), out) is out, out.hex())

# errors
for args in ((b"k" * 15, 1), (b"k" * 24, 1), (key128, 3), (key128, 2), (key128, 2, b"x" * 15),
             (key128, 6), (key128, 1, b"x" * 8), (123, 1)):
    try:
        aes(*args)
        print("ok")
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
c = aes(key128, 1)
for f in (lambda: c.encrypt(b"x" * 15), lambda: c.encrypt(b"x" * 16, bytearray(8)),
          lambda: c.encrypt(b"x" * 16, b"y" * 16)):
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
c.encrypt(bytes(16))
try:
    c.decrypt(bytes(16))
except ValueError as e:
    print("ValueError", e)
c = aes(key128, 6, ctr)
c.decrypt(b"x")
try:
    c.encrypt(b"x")
except ValueError as e:
    print("ValueError", e)
