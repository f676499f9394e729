# generator.pend_throw (MicroPython's, used by asyncio to cancel tasks): the exception waits
# in the generator until the next resume, whatever that resume sends; None cancels it; the
# previous pending value is returned; a running generator refuses it.
def counter():
    i = 0
    while True:
        try:
            yield i
        except KeyError as e:
            print("caught", repr(e))
        i += 1


g = counter()
print(next(g))
print(g.pend_throw(KeyError("a")))
print(g.send(100))                 # the pending exception wins over the sent value
print(repr(g.pend_throw(KeyError("b"))), repr(g.pend_throw(None)))
print(next(g))                     # cancelled: nothing raised


def selfish():
    yield g2.pend_throw(ValueError())


g2 = selfish()
try:
    next(g2)
except ValueError as e:
    print("ValueError", e)

g3 = counter()
g3.pend_throw(OSError(5))          # before the first resume: raised at the start
try:
    next(g3)
except OSError as e:
    print("OSError", e)
print(list(g3))                    # finished

g4 = counter()
next(g4)
g4.pend_throw(StopIteration)       # a class: instantiated where it is raised
try:
    next(g4)
except RuntimeError as e:
    print("RuntimeError", e)
