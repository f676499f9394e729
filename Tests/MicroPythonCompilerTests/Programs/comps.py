xs = [1, 2, 3]
a = [x * 2 for x in xs]
b = {x: x * 2 for x in xs if x > 1}
c = {x for x in xs}
d = (x for x in xs)
e = [x + y for x in xs for y in xs if x != y]
print(sum(x for x in xs), a, b, c, list(d), e)
def f(xs):
    return [x for x in xs if x], {k: v for k, v in xs}
