counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 10
        return x
    inner()
    return inner(), x
print(outer())
def make_counter():
    count = 0
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(5), c2())
fns = [lambda i=i: i * i for i in range(4)]
print([f() for f in fns])
late = [lambda: i for i in range(3)]
print([f() for f in late])
x = 'global'
def read():
    return x
def shadow():
    x = 'local'
    return x
print(read(), shadow(), x)
def deep():
    a = 1
    def l1():
        def l2():
            return a + 1
        return l2()
    return l1()
print(deep())
def defines_global():
    global newname
    newname = 42
defines_global()
print(newname)
