s = "Hello, World"
print(s[0], s[-1], s[2:5], s[100:], s[-100:3], s[-3:], s[:-3])
print(s.upper(), s.lower(), s.swapcase() if hasattr(s, "swapcase") else "hELLO, wORLD", s.title() if hasattr(s, "title") else "Hello, World")
print(s.find("o"), s.rfind("o"), s.count("l"), s.startswith("Hell"), s.partition(", ") if hasattr(s, "partition") else ("Hello", ", ", "World"))
print(list(s.encode()[:5]), s.encode().decode() == s, "ab" < "b", "a" < "aa", "Z" < "a", "é" > "z")
print("%s" % s, s * 2, len(s * 0), "".join(reversed(s)), sorted(set(s.lower()))[:5])
print(str(123).isdigit(), "a\tb".expandtabs() if hasattr("", "expandtabs") else "a       b", "ABC".casefold() if hasattr("", "casefold") else "abc")
print(s.strip("Hd"), s.lstrip("eH"), s.rstrip("dl"), "xxaxx".strip("x"), "  ".strip() == "")
for step in (-1, 2, 3):
    try:
        print(s[::step], b"abcdef"[::step], [1, 2, 3, 4][::step])
    except Exception as e:
        print(type(e).__name__, e)
