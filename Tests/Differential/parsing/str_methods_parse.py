s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), s.split(","), s.split(), "a,b,,c".split(","), "a b  c".split(" "))
print("a,b,c".split(",", 1), "a,b,c".rsplit(",", 1), "x".split("x"), "".split(), "".split(","))
print("1 2 3".split(None, 1), "  a  b  ".split(None, 1))
for s in ["123", "12.3", "", "abc", "ABC", "aBc", " ", "\t\n", "a1", "Ab Cd"]:
    print(repr(s), s.isdigit(), s.isalpha(), s.isspace(), s.isupper(), s.islower())
print("abc".find("c"), "abc".find("z"), "abcabc".rfind("b"), "abc".index("b"), "abcabc".count("bc"), "aaa".count("a", 1))
try:
    "abc".index("z")
except Exception as e:
    print(type(e).__name__, e)
print("hello".replace("l", "L"), "hello".replace("l", "L", 1), "abc".startswith(("x", "a")), "abc".endswith("bc", 1))
print("a-b-c".join("xyz"), "-".join(["1", "2"]), "AbC".upper(), "AbC".lower(), "x".join([]))
try:
    "-".join([1, 2])
except Exception as e:
    print(type(e).__name__, e)
