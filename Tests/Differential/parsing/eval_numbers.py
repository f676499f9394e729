for src in ["0x7f", "0o17", "0b1010", "1_000", "1e3", "1.5e-3", ".5", "5.", "0.0", "-0.0", "2**10", "10 // 3", "-10 // 3", "10 % -3", "7 / 2", "2 ** -2", "(-8) ** (1/3) if False else 0", "1 if 2 > 1 else 0", "~0", "-~0", "not 0"]:
    try:
        print(src, "=", eval(src))
    except Exception as e:
        print(src, type(e).__name__)
for src in ["1 +* 2", "0b", "0x", "1e", "1.2.3", "09", "1__0", "0o9"]:
    try:
        print(src, eval(src))
    except SyntaxError:
        print(src, "SyntaxError")
