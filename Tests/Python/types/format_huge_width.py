# Widths, precisions and field numbers are C ints in MicroPython's formatting: too many
# digits wrap them. A negative width is none, except the most negative, whose pad wraps
# positive and runs out of memory; a wrapped field number is out of range.
big = "1000000000000000000000"
for n in ["4294967295", "2147483648", "2147483647", big, "99999999999", "4294967296"]:
    for spec in ["{:%s}", "{:.%s}", "{:%s.%s}", "{%s}", "{:>%s}", "{:0%s}", "{:,%s}"]:
        for v in [1, 1.5, "s", 2**70]:
            try:
                f = spec.replace("%s", n)
                r = f.format(v)
                print(f, len(r), r[:10])
            except Exception as e:
                print(f, type(e).__name__, str(e)[:40] if type(e) is not MemoryError else "")
    for spec in ["%%%sd", "%%.%sf", "%%%ss", "%%.%ss", "%%%s.%sf", "%%-%sd"]:
        f = spec.replace("%s", n)
        for v in [1, 1.5, "s"]:
            try:
                r = f % v
                print(f, len(r), r[:10])
            except Exception as e:
                print(f, type(e).__name__, str(e)[:40] if type(e) is not MemoryError else "")
