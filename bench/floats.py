# float arithmetic: a Mandelbrot set and a numeric integration
def mandel(w, h, iters):
    count = 0
    for py in range(h):
        y0 = py * 2.0 / h - 1.0
        for px in range(w):
            x0 = px * 3.0 / w - 2.0
            x = y = 0.0
            i = 0
            while i < iters and x * x + y * y < 4.0:
                x, y = x * x - y * y + x0, 2.0 * x * y + y0
                i += 1
            count += i
    return count
def integrate(n):
    s = 0.0
    dx = 1.0 / n
    for i in range(n):
        x = (i + 0.5) * dx
        s += 4.0 / (1.0 + x * x)
    return s * dx
print(mandel(160, 100, 100), '%.6f' % integrate(500000))
