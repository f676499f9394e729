specs = ["", "s", "5", "<5", ">5", "^5", "^6", "*^7", ".2", "8.3", ">8.3", "-^9", "0>4"]
for v in ("", "a", "abc", "abcdefgh", "é€"):
    print(repr(v), "|".join(("{:" + s + "}").format(v) for s in specs))
print("{}-{}".format(1, "a"), "{0}{1}{0}".format("x", "y"), "{a}/{b}".format(a=1, b=2), "{:>{w}}|".format("r", w=6))
print("{!r}|{!s}".format("q", "q"), "{{}}".format(), "{:{}{}}".format(3, ">", 4))
for fmt, args in [("{", ()), ("}", ()), ("{0}{}", (1, 2)), ("{}{0}", (1, 2)), ("{2}", (1,)), ("{:d}", ("s",)), ("{:s}", (1,)), ("{!x}", (1,)), ("{:x}", (1.5,)), ("{a}", ())]:
    try:
        print(repr(fmt.format(*args)))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
try:
    print("{0.real}".format(5))
except Exception as e:
    print(type(e).__name__, e)
for fmt, arg in (("{0[1]}", [5, 6]), ("{0[k]}", {"k": 3}), ("{0.x}", 1)):
    try:
        print(fmt.format(arg))
    except Exception as e:
        print(fmt, type(e).__name__, e)
