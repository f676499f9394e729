# float results printed so both implementations agree
print(1.5 + 2.25, 0.5 * 8, 7.0 / 2, 2.5 - 5.0)
print(1.0, 2.0 * 3, -0.0 + 0.0, 1e3, 2.5e-3 * 1000)
print(10 / 4, 1 / 8, 3 * 0.25)
print('%.6f' % (1 / 3), '%.3f' % (2 / 3), '%.10f' % 0.1)
print('{:.4f}'.format(22 / 7), '{:.2e}'.format(12345.678))
print(int(3.99), int(-3.99), float(7), float('2.5'), float('-1e2'))
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
inf = float('inf')
nan = float('nan')
print(inf, -inf, inf > 1e308, nan == nan, nan != nan)
print(1.5 < 2, 2.0 == 2, 3 > 2.9999)
print(round(2.5), round(3.5), round(-2.5), round(2.4), round(7.6))
print(2.0 ** 10, 2 ** 0.5 > 1.414, 1e-3 * 1e3)
x = 1.0
for i in range(10):
    x *= 1.5
print('%.4f' % x)
print(-7.5 // 2, -7.5 % 2, 7.5 // -2)
print(abs(-2.5), max(1.5, 2), min(-1, -1.5))
