print(bytes(3), bytes([1, 2, 255]), bytes("abc", "utf-8"), bytes(b"x"), bytearray(2), bytes(range(5)))
for arg in [[256], [-1], "abc", 3.5]:
    try:
        print(bytes(arg))
    except Exception as e:
        print(type(e).__name__, e)
print(b"abc".decode(), b"\xc3\xa9".decode("utf-8"), "é".encode(), len("é".encode()), len("é"))
print(bytes.fromhex("0102ff"), bytes.fromhex("01 02"), b"\x01\xab".hex())
for h in ["0", "zz", "0g"]:
    try:
        print(bytes.fromhex(h))
    except Exception as e:
        print(type(e).__name__, e)
print(b"a,b".split(b","), b" x ".strip(), b"abc".find(b"c"), b"abc"[1], b"abc"[1:], list(b"hi"))
print(b"abc" + bytearray(b"d"), bytearray(b"x") + b"y", b"abc" == bytearray(b"abc"), b"a" < b"b")
try:
    b"\xff".decode()
except Exception as e:
    print(type(e).__name__)
print(str(b"abc"), repr(bytearray(b"a\x00'\"")), repr(b"'"), repr(b'"'), repr(b"'\""))
