class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest):
        return self.n + x + sum(rest)
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), list(map(add5, [0, 10])), callable(add5))
class Both:
    def __repr__(self):
        return '<Both repr>'
    def __str__(self):
        return 'Both str'
b = Both()
print(b, str(b), repr(b), [b], (b,), '%s %r' % (b, b), '{} {!r}'.format(b, b), f'{b} {b!r}')
class OnlyRepr:
    def __repr__(self):
        return 'OnlyRepr()'
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k.lower() == other.k.lower()
    def __hash__(self):
        return hash(self.k.lower())
d = {Key('A'): 1}
d[Key('a')] = 2
print(len(d), d[Key('A')], Key('x') == Key('X'), Key('x') != Key('y'), Key('x') in [Key('X')])
print(len({Key('q'), Key('Q'), Key('r')}))
