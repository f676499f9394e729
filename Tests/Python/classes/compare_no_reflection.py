# Comparisons try only the left operand's method: `a > b` with only __lt__ is a TypeError.
class Cmp:
    def __init__(self, k):
        self.k = k
    def __lt__(self, o):
        return self.k < o.k
    def __repr__(self):
        return 'C%d' % self.k
print(sorted([Cmp(3), Cmp(1), Cmp(2)]), Cmp(1) < Cmp(2), min(Cmp(4), Cmp(2)))
for f in (lambda: Cmp(1) > Cmp(2), lambda: max([Cmp(1), Cmp(5)]), lambda: Cmp(1) <= Cmp(1), lambda: 5 < Cmp(1), lambda: Cmp(1) < 5):
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
    except AttributeError as e:
        print('AttributeError', e)
class N:
    def __radd__(self, o):
        return 'radd'
print(1 + N())
