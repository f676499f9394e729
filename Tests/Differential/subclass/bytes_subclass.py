class B(bytes):
    def show(self): return "B" + str(len(self))
b = B(b"abc")
print(b, repr(b), b.show(), b + b"d", type(b + b"d").__name__, b == b"abc", b[0], b[1:], type(b[1:]).__name__, isinstance(b, bytes), hash(b) == hash(b"abc"))
print(B([65, 66]), B(3), B("xy", "utf-8"), list(B(b"\x01\x02")), b.decode(), bytes(b), b.hex())
class BA(bytearray):
    pass
ba = BA(b"xy")
ba.append(122)
print(ba, len(ba), ba[2], ba + b"!", type(ba).__name__)
