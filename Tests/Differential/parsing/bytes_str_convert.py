for b in (b"", b"abc", b"\xc3\xa9t\xc3\xa9", b"\xe2\x82\xac", b"\x00\x01"):
    print(b, b.decode(), len(b), len(b.decode()), str(b, "utf-8"))
for s in ("", "abc", "été", "€", "\x00"):
    print(repr(s), s.encode(), bytes(s, "utf-8"), bytearray(s, "utf-8"))
for bad in (b"\xff", b"\xc3", b"a\x80b"):
    try:
        print(bad.decode())
    except Exception as e:
        print(type(e).__name__)
print(str(b"abc", "ascii") if True else 0, b"x".decode("ascii"))
try:
    print(bytes("abc"))
except TypeError as e:
    print("TypeError", e)
print(int.from_bytes(b"\x00\x10", "big"), list(bytes([1, 2, 3])), bytes(bytearray([65, 66])))
