# In-place and binary operators on small ints: division by zero and negative shifts raise
# (the VM's fast paths must not divide by zero or shift by a negative count).
def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

def ifloordiv(x, y):
    x //= y
    return x

def imod(x, y):
    x %= y
    return x

def irshift(x, y):
    x >>= y
    return x

def ilshift(x, y):
    x <<= y
    return x

for x in (5, -5, 0, 2**30 - 1, -2**30, 2**40):
    for y in (0, -1, 1, 3):
        attempt(('//=', x, y), lambda: ifloordiv(x, y))
        attempt(('%=', x, y), lambda: imod(x, y))
        attempt(('>>=', x, y), lambda: irshift(x, y))
        attempt(('<<=', x, y), lambda: ilshift(x, y))
        attempt(('//', x, y), lambda: x // y)
        attempt(('%', x, y), lambda: x % y)
        attempt(('>>', x, y), lambda: x >> y)
        attempt(('<<', x, y), lambda: x << y)
attempt('divmod', lambda: divmod(5, 0))
attempt('bool', lambda: True // False)
attempt('bool%', lambda: True % False)
attempt('bool>>', lambda: True >> -1)
attempt('float//', lambda: 1.5 // 0)
attempt('float%', lambda: 1.5 % 0)
attempt('shift huge', lambda: 1 >> 2**70)
attempt('shift huge neg', lambda: -1 >> 2**70)
