# arbitrary-precision integer arithmetic (numbers of a few thousand digits)
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
def run():
    t = 0
    for k in range(60):
        f = fib(12000 + k)
        g = fact(1100 + k)
        q, r = divmod(g, f)
        p = pow(3, 3000, 10 ** 200 + 7)
        t += len(str(f)) + len(str(g)) + r % 1000007 + p % 1000 + ((g >> 500) & 0xffff) + q % 97
    return t
print(run())
