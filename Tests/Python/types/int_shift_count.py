# A shift count is taken as a machine word before its sign is checked, as mpz's shift does:
# past the word it is an OverflowError, inside it and negative a ValueError. (-2**31 - 1 is
# past the ESP8266's 32-bit word; -2**63 - 1 past the host's.) Expected output from C builds.
for a in (5, 2**30, 2**40, -3):
    for b in (-1, -2**31 - 1, -2**63 - 1, 40):
        for op in ("<<", ">>"):
            try:
                print(op, "ok", eval("a %s b" % op))
            except Exception as e:
                print(op, type(e).__name__, e)
