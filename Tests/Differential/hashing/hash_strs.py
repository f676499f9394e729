for s in ("", "a", "b", "ab", "ba", "hello", "Hello", "é", "€", "a" * 100, "key1", "key2", "__init__"):
    print(repr(s), hash(s))
for b in (b"", b"a", b"ab", b"hello", b"\x00", b"\xff" * 10):
    print(repr(b), hash(b))
print(hash("abc") == hash(b"abc"), hash("a") == hash("a"[:]), hash(bytes(b"xy")) == hash(b"xy"))
