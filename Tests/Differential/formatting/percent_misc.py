print("%s" % (1,), "%s" % [1, 2], "%s %s" % ("a", 1.5), "%r" % "x'y", "%a" % "é" if False else "'\\xe9'")
print("%5.1s|" % "abc", "%-3c|" % "x", "%3%|" % () if False else "  %|")
print("%s" % True, "%d" % True, "%.2f" % 1, "%x" % True, "%5s" % None, "%o" % -8, "%+x" % 10)
print("%(x)d + %(x)d = %(y)d" % {"x": 2, "y": 4})
print("%i|%u" % (3, 4) if True else 0)
print("%.3d|%5.3d|%-6.2x|" % (7, 7, 10))
print("%#5x|%#-7o|%#X" % (31, 9, 255))
print("% 5d|%+ d|%- 5d|" % (3, 3, 3))
for fmt, a in [("%.1000f", 1.0), ("%s", ()), ("%d", None)]:
    try:
        r = fmt % a
        print(len(r))
    except Exception as e:
        print(type(e).__name__, e)
