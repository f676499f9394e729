# Names over 255 bytes cannot be interned: str.format and % looking a key up by name
# raise RuntimeError, while names at the limit work.
def name(n):
    return "".join(chr(ord("a") + i % 26) for i in range(n))


for n in (254, 255, 256, 300):
    k = name(n)
    try:
        print(n, ("{" + k + "}").format(**{k: n}))
    except RuntimeError as e:
        print(n, "format RuntimeError", e)
    try:
        print(n, ("%(" + k + ")s") % {k: n})
    except RuntimeError as e:
        print(n, "% RuntimeError", e)
    try:
        print(n, getattr(type("C", (), {}), k, "absent"))
    except RuntimeError as e:
        print(n, "getattr RuntimeError", e)
