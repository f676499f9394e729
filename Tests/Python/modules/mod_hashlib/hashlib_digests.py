# hashlib digests agree with CPython's (sha256, sha1, md5 on the host profile).
import hashlib

data = [b"", b"abc", b"a" * 55, b"a" * 56, b"a" * 64, bytes(range(256)) * 5]
for name in ("sha256", "sha1", "md5"):
    algo = getattr(hashlib, name)
    for d in data:
        print(name, len(d), algo(d).digest().hex())
    h = algo()
    for d in data:
        h.update(d)
    print(name, "chunks", h.digest().hex())
# any buffer: bytearray, memoryview, str is not one in CPython
h = hashlib.sha256(bytearray(b"xy"))
h.update(memoryview(b"z"))
print(h.digest() == hashlib.sha256(b"xyz").digest())
