# Found by scripts/fuzz.py: values at the edge of the machine word in shifts, in constant
# folding (the compiler folds `1 << (2**63 - 1)` before the program runs) and in range
# indexing and membership; each gives a Python exception or the right answer, never a trap.


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__)


show('fold lshift', lambda: 1 << (2**63 - 1))
show('fold lshift big', lambda: (2**100) << (2**62))
show('fold lshift zero', lambda: 0 << (2**64))
n = 2**63
show('lshift 2**63', lambda: 1 << n)
show('lshift 0 by 2**63', lambda: 0 << n)
show('lshift negative', lambda: 1 << -n)
show('rshift negative', lambda: 1 >> -n)

lo, hi = -(2**63 - 1), 2**63 - 1   # (-2**63 itself overflows a machine int, as in C)
r = range(lo, hi, 3)
show('range first', lambda: r[0])
show('range second', lambda: r[1])
show('range last', lambda: r[-1])
show('range in', lambda: (hi - 1 in r, lo + 3 in r, lo + 4 in r, hi in r))
r2 = range(hi, lo, -7)
show('range down in', lambda: (lo + 1 in r2, hi - 7 in r2, hi - 8 in r2))
show('range down last', lambda: r2[-1])
show('range small', lambda: (range(10)[-1], range(0, 10, 3)[2], 9 in range(0, 10, 3)))
