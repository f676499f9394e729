def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class B(bytes):
    def show(self): return "B"
b = B(b"abc")
for label, f in [("print", lambda: b), ("repr", lambda: repr(b)), ("show", lambda: b.show()), ("add", lambda: b + b"d"), ("eq", lambda: b == b"abc"), ("idx", lambda: b[0]),
                 ("slice", lambda: b[1:]), ("isinst", lambda: isinstance(b, bytes)), ("hash", lambda: hash(b) == hash(b"abc")), ("list", lambda: B([65, 66])), ("n", lambda: B(3)),
                 ("str", lambda: B("xy", "utf-8")), ("iter", lambda: list(B(b"\x01\x02"))), ("decode", lambda: b.decode()), ("bytes", lambda: bytes(b)), ("hex", lambda: b.hex()),
                 ("len", lambda: len(b)), ("in", lambda: b"b" in b), ("find", lambda: b.find(b"c")), ("upper", lambda: b.upper())]:
    t(label, f)
class BA(bytearray):
    pass
ba = BA(b"xy")
ba.append(122)
print(ba, len(ba), ba[2], ba + b"!", type(ba).__name__)
