for s in ["'", '"', "'\"", "\\", "\n\r\t", "\x00\x01\x1f", "\x7f", "a\tb", "é", "\u200b", "\ud7ff" if False else "x"]:
    print(repr(s), len(s))
print(repr("it's"), repr('say "hi"'), str("plain"))
print([repr(c) for c in "a\b\f\v"])
print(repr(b"\n\r\t\x00\x7f\x80\xff\\"))
