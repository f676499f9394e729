class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return self.v % 3
    def __eq__(self, o): return isinstance(o, K) and self.v == o.v
    def __repr__(self): return "K%d" % self.v
s = {K(1), K(4), K(1), K(7), K(2)}
print(len(s), sorted(s, key=lambda k: k.v))
d = {K(1): "a"}
print(d[K(1)], K(1) in d, K(4) in d, hash(K(5)))
class BigHash:
    def __hash__(self): return 2**70
class BadHash:
    def __hash__(self): return "x"
class FloatHash:
    def __hash__(self): return 1.5
for c in (BigHash, BadHash, FloatHash):
    try:
        print(c.__name__, hash(c()))
    except Exception as e:
        print(c.__name__, type(e).__name__, e)
class NoHash:
    def __eq__(self, o): return True
try:
    print(hash(NoHash()))
except TypeError as e:
    print(type(e).__name__, e)
class NegHash:
    def __hash__(self): return -1
print(hash(NegHash()))
class Unhash:
    __hash__ = None
try:
    hash(Unhash())
except TypeError as e:
    print(type(e).__name__, e)
