print("%s" % "x", "%s" % ("x",), "%s %s" % ("a", "b"), "%r" % ((1, 2),), "%s" % [(1, 2)])
print("%(name)s is %(age)d" % {"name": "Ann", "age": 7}, "%(x)s%(x)s" % {"x": "!"})
print("%5.1f%%" % 99.44, "%-6s|" % "ab", "%06.2f" % -1.5, "%+.0f" % 0.5, "%+.0f" % 1.5, "%.0f" % 2.5)
print("%d items" % 3, "%i" % -0, "%x" % 3735928559, "%X" % 48879, "%o" % 511, "%e" % 0, "%g" % 0)
for fmt, args in [("%s %s", ("a",)), ("%s", ("a", "b")), ("%(a)s", {"b": 1}), ("%d", "1"), ("%f", "x"), ("%c", ""), ("%c", "ab"), ("%.2z", 1)]:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(fmt, type(e).__name__, e)
