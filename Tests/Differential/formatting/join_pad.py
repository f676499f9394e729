rows = [("apple", 3, 1.5), ("kiwi", 12, 0.25), ("banana", 100, 10.0)]
for name, qty, price in rows:
    print("{:<8}{:>5}{:>8.2f}".format(name, qty, price))
    print("%-8s%5d%8.2f" % (name, qty, price))
    print(f"{name:.<10}{qty:>04}{price:>+9.3f}")
for name in ("ljust", "rjust", "center", "zfill"):
    print(name, hasattr("", name))
