s = "Hello World"
print(s.upper(), s.lower(), s.replace("o", "0"), s.split("o"), s.rsplit(" ", 1), s.find("World"), s.count("l"))
print(s.startswith("He"), s.endswith(("x", "ld")), s.strip("Hd"), s.isalpha(), "abc123".isalnum() if hasattr("", "isalnum") else True)
print("{}-{}".format(*"ab"), "{a}{b}".format(**{"a": 1, "b": 2}), "{0}{0}{1}".format("x", "y"))
print("a\tb\nc".split(), "  x  y  ".split(" "), "x".join("abc"), ",".join(map(str, range(5))))
print("%s" % s.encode(), s.encode().upper(), b"a b".split(), b"abc".replace(b"b", b"B"))
print(s.index("W"), s[::1], s[-5:], s[:-6], s[3:1], len(s[100:]))
for m in ("title", "capitalize", "swapcase", "center", "zfill", "ljust", "rjust", "partition", "rpartition", "splitlines", "expandtabs", "casefold", "isalnum", "isidentifier"):
    print(m, hasattr(s, m))
