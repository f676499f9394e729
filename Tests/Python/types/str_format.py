print('{} {} {}'.format(1, 'a', None))
print('{0} {1} {0}'.format('x', 'y'), '{a}-{b}'.format(a=1, b=2), '{0}{x}'.format(5, x=6))
print('[{:>6}] [{:<6}] [{:^6}] [{:*^7}]'.format('r', 'l', 'c', 'm'))
print('{:5d}|{:<5d}|{:05d}|{:+d}|{: d}'.format(42, 42, 42, 42, 42))
print('{:x} {:X} {:o} {:b} {:#x} {:#b}'.format(255, 255, 8, 5, 255, 5))
print('{:.2f} {:8.3f} {:.1e} {:.0f} {:%}'.format(3.14159, 2.5, 12345.678, 2.5, 0.25))
print('{!r} {!s}'.format('q', 'q'), '{{literal}}'.format())
print('{:10}|{:<10}|{:>10}'.format(12, 'ab', 3.5))
print('{:d}'.format(2 ** 80), '{:x}'.format(-255), '{:08.3f}'.format(-3.14159))
try:
    '{} {}'.format(1)
except IndexError:
    print('IndexError')
try:
    '{missing}'.format(x=1)
except KeyError:
    print('KeyError')
