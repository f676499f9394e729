# Surrogate code points can be made with chr() and come back from ord(); repr escapes them
# (\uXXXX), as it does code points past U+10FFFF that lenient decoding lets through (\UXXXXXXXX).
for c in (0xD800, 0xDABC, 0xDFFF, 0xD7FF, 0xE000, 0x10FFFF):
    s = chr(c)
    print(hex(c), repr(s), len(s), hex(ord(s)), len(s.encode()))
print(repr("a" + chr(0xD800) + "b"))
print(repr(b"\xf4\x90\x80\x80".decode()), repr(b"\xf5\x80\x80\x80".decode()))
print(repr("\u00e9\u20ac\U0001F600"), ord("\U0001F600"))
try:
    chr(0x110000)
except ValueError:
    print("ValueError")
