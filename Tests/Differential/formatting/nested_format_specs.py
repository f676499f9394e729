for width in (1, 5, 9):
    for prec in (0, 2, 4):
        print("[{:{w}.{p}f}] [{:>{w}.{p}e}] [{:<{w}.{p}g}] [{:^{w}.{p}%}]".format(3.14159, 31415.9, 0.000314159, 0.314159, w=width, p=prec))
for fill in ("*", "0", " ", "x"):
    for align in ("<", ">", "^", "="):
        print(repr("{:{f}{a}8d}".format(-42, f=fill, a=align)), repr("{:{f}{a}8}".format(1.5, f=fill, a=align)))
print("{:{}}".format("ab", 5) + "|", "{:{}}".format(7, "+"), "{0:{1}{2}}".format(9, ">", 3))
