# function calls: positional, default and keyword arguments, closures
def add(a, b):
    return a + b
def scaled(a, k=2):
    return a * k
def make(n):
    def inner(x):
        return x + n
    return inner
def run(n):
    f = make(3)
    t = 0
    for i in range(n):
        t = add(t, scaled(i, k=1)) - f(i)
    return t
print(run(1200000))
