# hashlib as MicroPython has it: no hexdigest; digest() makes the object final; the heap
# cost of a hash object is that of MicroPython's 32-bit build.
import hashlib, gc

for name in ("sha256", "sha1", "md5"):
    algo = getattr(hashlib, name)
    h = algo(b"123")
    print(name, hasattr(h, "hexdigest"), len(h.digest()))
    for op in (lambda: h.digest(), lambda: h.update(b"4")):
        try:
            op()
        except ValueError as e:
            print("ValueError", e)
try:
    hashlib.sha256(123)
except TypeError as e:
    print("TypeError", e)
try:
    hashlib.sha256(b"a", b"b")
except TypeError:
    print("TypeError (args)")
try:
    hashlib.sha256.update(1, b"x")
except TypeError as e:
    print("TypeError", e)
print(hashlib.sha256(b"abc").digest() == hashlib.sha256("abc").digest())

h = a = d = None
for name in ("sha256", "sha1", "md5"):
    algo = getattr(hashlib, name)
    h = None
    gc.collect()
    a = gc.mem_alloc()
    h = algo()
    d = gc.mem_alloc() - a
    print(name, d)
import uhashlib
print(uhashlib is hashlib)
