for s in ["1e-3", "1E+3", "-0", "-0.0", "+.5e1", "5.e-1", "0e0", "1e0001", "1.5E", "1.5e+", "inf", "infinity", "InFiNiTy", "-iNf", "nan", "+nan", "-NaN", "nAn", "1_000.000_1", "1__0.0", "1._5", "1.5_", "_1.5", "0x1p3", "1,5", "١.٥", "  -3.25\n", "\t1e2\t"]:
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print(repr(s), "ValueError", e)
