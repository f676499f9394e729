for v in (0, 1, -1, 42, -42, 255, 2**40, -(2**70)):
    print("%d|%i|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o|%08X|%-8x|" % (v, v, v, v, v, v, v, v, v, v, v, v, v, v))
print("%c%c" % (65, "z"), "%%", "%s %r" % ("s", "s"), "%5s|%-5s|%.2s" % ("ab", "ab", "abcdef"))
print("%d" % 3.7, "%x" % 255, "%s" % None, "%r" % [1, 'a'], "%(a)s-%(b)d" % {"a": "A", "b": 2})
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
for fmt, args in [("%d", "x"), ("%d %d", (1,)), ("%d", (1, 2)), ("%z", 1), ("%(a)s", 1), ("%c", 1234567), ("%x", 1.5)]:
    try:
        print(fmt % args)
    except Exception as e:
        print(fmt, type(e).__name__, e)
