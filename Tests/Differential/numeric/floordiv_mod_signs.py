pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (0, -5), (1, 10**20), (-1, 10**20), (10**20, -3), (-10**20, 3)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (0.0, -1), (-0.0, 1), (1e30, 7), (5, 0.5), (-5, 0.3)]:
    print(a, b, a // b, a % b, divmod(a, b))
for a, b in [(1, 0), (1.0, 0), (1, 0.0), (0, 0), (10**30, 0)]:
    for op in ("//", "%", "divmod", "/"):
        try:
            if op == "//": r = a // b
            elif op == "%": r = a % b
            elif op == "/": r = a / b
            else: r = divmod(a, b)
            print(op, r)
        except Exception as e:
            print(op, type(e).__name__, e)
