# Decoding bytes-like objects to str: strict decoding raises UnicodeError for invalid UTF-8 or
# non-ASCII, "replace" and "ignore" repair it, from any buffer (bytes, bytearray, memoryview, array).
import array

for src in (b"a\xffb\x80c", bytearray(b"x\xc3\x28y"), memoryview(b"ok\xe2\x82"), array.array("B", b"\xc3\xa9t\xe9")):
    for errors in ("replace", "ignore"):
        print(type(src).__name__, errors, repr(str(src, "utf-8", errors)))
    try:
        print(repr(str(src, "utf-8")))
    except UnicodeError:
        print(type(src).__name__, "UnicodeError")

print(repr(str(memoryview(b"caf\xc3\xa9"), "utf-8")), repr(str(b"plain", "ascii")))
for bad in (b"ni\xe5\xa5\xbd", b"\xff"):
    try:
        str(bad, "ascii")
    except UnicodeError:
        print("ascii UnicodeError")
try:
    str(b"abc", "latin-1")
except LookupError:
    print("LookupError")
print(repr(b"\xe2\x82".decode("utf-8", "ignore")), repr(bytearray(b"\xffA").decode("utf-8", "replace")))
try:
    bytes("\U0001F600", "ascii")
except UnicodeError:
    print("bytes ascii UnicodeError")
print(bytes("abc", "ascii"), bytes("\u00e9", "utf8"))
try:
    bytes("abc", "utf-16")
except LookupError:
    print("bytes LookupError")
