# imaginary literals: constants of their own (not folded), truth of 0j in and/or/not/if
a = 1j
b = 2.5J + 1
c = -3e10j
d = 1e400j
e = (0j or 7, 1j and 8, not 0j, not 2j)
f = 1_000.5j * 2
if 0j:
    g = 1
else:
    g = 2
h = (1j, 0.1j, 1e-7j, 123456789.123j)
def k(x=4j):
    return x ** 2j
