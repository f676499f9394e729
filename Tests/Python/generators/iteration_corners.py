# Iteration corners as the C builds answer them: StopIteration inside a generator, iterator
# classes with builtins, and no two-argument iter().
def t(label, f):
    try:
        print(label, repr(f()))
    except BaseException as e:
        print(label, type(e).__name__, e)
def g1():
    yield 1
    raise StopIteration
t("stopiter in gen", lambda: list(g1()))
def g2():
    yield 1
    next(iter([]))
t("next in gen", lambda: list(g2()))
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration(99)
        return self.i
t("iter class", lambda: list(It()))
def g3():
    r = yield from It()
    yield r
t("yield from ret", lambda: list(g3()))
t("iter sentinel", lambda: list(iter(It().__next__, 3)))
t("iter callable", lambda: list(iter(lambda: 1, 1)))
t("gen send first", lambda: (lambda g: g.send(5))(x for x in []))
t("gen closed", lambda: (lambda g: (g.close(), list(g))[1])((x for x in [1])))
t("gen throw", lambda: (lambda g: (next(g), g.throw(KeyError("k")))[1])(x for x in [1, 2]))
t("gen running", lambda: exec("def f():\n    yield g.__next__()\ng = f()\nnext(g)"))
t("zip stop", lambda: list(zip(It(), It(), "ab")))
t("enumerate it", lambda: list(enumerate(It(), 1)))
t("sorted it", lambda: sorted(It(), reverse=True))
t("sum it", lambda: sum(It()))
t("in it", lambda: 2 in It())
t("unpack it", lambda: (lambda a, b, c: a + b + c)(*It()))
t("unpack err", lambda: exec("a, b = It()", {"It": It}))
t("dict it", lambda: dict.fromkeys(It()))
t("set it", lambda: set(It()))
t("max it", lambda: max(It()))
t("next default", lambda: next(iter([]), "d"))
t("next non-iter", lambda: next(5))
t("reversed it", lambda: list(reversed(It())))
t("len gen", lambda: len(x for x in []))
t("gen repr type", lambda: type(x for x in []).__name__)
