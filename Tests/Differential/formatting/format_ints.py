specs = ["", "d", "5d", "<5", ">5", "^5", "^6", "*^7", "05", "+", "-", " ", "+05", "x", "X", "#x", "#X", "o", "#o", "b", "#b", "08b", ",", "_", "_x", "_b", ",d", "10,", "=+8", "0=8", "n", "e", "f", "g", "%", ".2f", "#010x"]
for v in (0, 7, -7, 255, 1234567, -1234567890123):
    print(v, "|".join(("{:" + s + "}").format(v) for s in specs))
for v in (0, 65, 233, 8364, -1, 0x110000):
    try:
        print(v, repr("{:c}".format(v)), repr("{:>3c}".format(v)))
    except Exception as e:
        print(v, type(e).__name__, e)
