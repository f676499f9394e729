rows = ["1", "-2", "3.5", "abc", "", "4e2", "  5  ", "0x1A", "1_0", "nan", "-inf", "7.", ".8"]
for r in rows:
    out = [repr(r)]
    for conv in (int, float):
        try:
            out.append(str(conv(r)))
        except ValueError:
            out.append("ValueError")
    try:
        out.append(str(int(r, 0)))
    except ValueError:
        out.append("VE0")
    print(" ".join(out))
