for s in ["1", "1.", ".5", "-.5", "+1.5", " 2.5 ", "1e5", "1E-5", "1e+05", "inf", "-inf", "+inf", "INF", "Infinity", "-infinity", "nan", "-nan", "NaN",
          "1_0.5", "1_0", "1e1_0", "1..2", "e5", "1e", "", " ", "0x10", "1.5f", "--1", "1e400", "-1e400", "1e-400", "0.1", "123456789012345678901234567890", ".", "1 2"]:
    try:
        print(repr(s), float(s))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
print(float(b"1.25"), float(), float(True), float(-7))
try:
    float([])
except Exception as e:
    print(type(e).__name__, e)
