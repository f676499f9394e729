print('%d %i %s %r' % (42, -7, 'str', 'repr'))
print('%5d|%-5d|%05d|%+d' % (42, 42, 42, 42))
print('%x %X %o %#x' % (255, 255, 8, 255))
print('%.2f %8.3f %-8.1f| %e' % (3.14159, 2.5, -1.25, 12345.0))
print('%s and %s' % ([1, 2], (3,)), '%s' % None, '%s' % True)
print('%c%c' % (72, 'i'), '100%%', '%(name)s is %(age)d' % {'name': 'Bob', 'age': 30})
print('%10s|%-10s|' % ('right', 'left'), '%.3s' % 'truncate')
print('%d items' % 3, 'single: %s' % 'x', '%s' % ((1, 2),))
try:
    '%d %d' % (1,)
except TypeError:
    print('TypeError not enough')
try:
    '%d' % (1, 2)
except TypeError:
    print('TypeError too many')
print('%d' % 2 ** 70, '%x' % 2 ** 65)
print('%g %g %g' % (0.5, 100000.0, 1e-5))
