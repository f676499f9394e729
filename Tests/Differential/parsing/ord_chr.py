print(ord("a"), ord("é"), ord("€"), ord("\U0001F600"), chr(65), chr(233), chr(8364), chr(0x1F600), repr(chr(0)), repr(chr(127)))
for v in [-1, 0x110000]:
    try:
        chr(v)
    except Exception as e:
        print(type(e).__name__, e)
for s in ["", "ab"]:
    try:
        ord(s)
    except Exception as e:
        print(type(e).__name__, e)
print(ord(b"A"), [ord(c) for c in "hé€"], "".join(chr(c) for c in range(97, 103)))
print(repr("\x7f\x80\xa0\u2028"), repr("é€😀"))
