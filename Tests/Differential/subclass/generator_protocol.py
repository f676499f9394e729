def gen(n):
    for i in range(n):
        x = yield i
        if x:
            print("got", x)
    return "fin"
g = gen(3)
print(next(g), g.send("hi"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value, e.args)
def g2():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
x = g2()
print(next(x))
x.close()
def g3():
    r = yield from gen(2)
    print("ret", r)
    yield "end"
print(list(g3()))
def g4():
    yield 1
y = g4()
try:
    y.throw(ValueError("thrown"))
except ValueError as e:
    print(type(e).__name__, e)
print(list(i * 2 for i in range(4)), sum(i for i in range(5)))
