try:
    c = complex(1, 2)
    print(c, 1j, 2.5j, -1j, 1 + 2j, (1 + 2j) * (3 - 1j), abs(3 + 4j), (1j) ** 2, c.real, c.imag)
    print(complex("1+2j"), complex("-3.5j"), complex(" 4 "), complex(2), repr(0j), -0j, complex(0.0, -0.0))
    print(1j == complex(0, 1), (1 + 0j) == 1, hash(1 + 0j) == hash(1) if True else 0)
    for s in ["1+", "j", "1+2i", ""]:
        try:
            print(complex(s))
        except Exception as e:
            print(repr(s), type(e).__name__, e)
    print((1 + 2j) / (3 + 4j), 1 / 1j, (2 + 0j) ** 0.5)
    print(complex(float('inf'), float('nan')), complex(1e300, 1e300) * 10)
except NameError as e:
    print("no complex", e)
