# str.format and % with the less common spec features
print('{:,}'.format(1234567), '{:_}'.format(1234567), '{:,d}'.format(-1234), '{:_x}'.format(0xabcdef12))
print('{:010,}'.format(1234), '{:+08.2f}'.format(3.14159), '{:=+8}'.format(42), '{:x<6}'.format(7))
print('{:#o} {:#X} {:#b} {:o}'.format(8, 255, 5, -8))
print('{:c}{:c}'.format(65, 0x263A), '{:5c}|'.format(66), '{:>4s}|'.format('ab'), '{:.2s}'.format('xyz'))
print('{:e} {:E} {:.3g} {:G} {:%} {:.1%}'.format(12345.678, 0.00012, 1234567.0, 1e-7, 0.5, 0.123))
print('{:f} {:F} {}'.format(float('inf'), float('-inf'), float('nan')))
print('{0:{1}}|{0:>{1}}|'.format('a', 4), '{:{}.{}f}'.format(3.14159, 8, 2))
print('{!r:>8}|{!s:<6}|'.format('a', 'b'), '{0!r}'.format([1, 'x']))
print('{:d}'.format(True), '{}'.format(False), '{:5}|'.format(1.5), '{:.3}'.format(1.23456))
print('{:d} {:x} {:b}'.format(2 ** 70, -2 ** 65, 2 ** 33))
print('%5.1f|%-7.2e|%+.3g|% d' % (2.25, 1234.5, 0.0001234, 5))
print('%03d %.3d %5.3d %-5d| %x %#X %o %#o' % (7, 7, 7, -7, 255, 255, 8, 8))
print('%s %r %a' % ('s', 's', 's') if False else '%s %r' % ('s', 's'))
print('%*d|%-*d|%.*f' % (5, 1, 4, 2, 2, 3.14159), '%c' % 'x', '%5s|%-5s|' % ('a', 'b'))
print('%(a)s-%(b)03d' % {'a': 'x', 'b': 7}, '%%', '%d%%' % 50)
print(b'%s-%d' % (b'ab', 5), b'%c' % 65, b'%5s' % b'x')
print('%d' % 3.99, '%i' % -2.5, '%x' % 255, '%.2f' % 1, '%e' % 0)
for bad in [lambda: '{'.format(), lambda: '}'.format(), lambda: '{0}{}'.format(1, 2),
            lambda: '{}{0}'.format(1, 2), lambda: '{:d}'.format('a'), lambda: '{:s}'.format(1),
            lambda: '%d' % 'a', lambda: '%' % (), lambda: '%(a)d' % 5, lambda: '%k' % 1,
            lambda: '{:=5}'.format('a'), lambda: '{:+s}'.format('a')]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__)
