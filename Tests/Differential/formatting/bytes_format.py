print(b"%d-%s" % (5, b"x") if True else 0)
print(b"abc" + b"d", bytes(5), repr(b"\x00\x10\x7f"), b"%x" % 255, b"%5d|" % 3, b"%-4s|" % b"ab", b"%c" % 65, b"%%")
print("{}".format(b"a"), f"{b'abc'!r}", "%s" % b"z", "%r" % bytearray(b"q"))
print(b"abc".hex(), bytes([0, 15, 255]).hex())
try:
    print(b"%s" % "str")
except Exception as e:
    print(type(e).__name__, e)
print(str(b"\xff\x00"), str(bytearray(b"x")))
try:
    print(bytearray(b"%d") % 7)
except Exception as e:
    print(type(e).__name__, e)
