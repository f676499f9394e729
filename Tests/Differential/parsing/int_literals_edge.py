for s in ["0b", "0o", "0x", "0b2", "0o8", "0xg", "00", "0_0", "0_", "-0x10", "+0o10", " 0b1 ", "0X1F", "0B1", "0O7", "1e2", "٤٢", "१२", "12_", "1__2", "0x_"]:
    for base in (0, 10, 16):
        try:
            print(repr(s), base, int(s, base))
        except ValueError as e:
            print(repr(s), base, "ValueError", e)
