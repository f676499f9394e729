print('a', 'b', 'c')
print('a', 'b', sep='')
print('a', 'b', sep=', ', end='!\n')
print('no newline', end='')
print(' continued')
print()
print(1, 2.5, None, True, 'x', [1, (2,)], sep='|')
print(*'abc', sep='-', end='.\n')
print(eval('1 + 2 * 3'), eval('x * 2', {'x': 21}), eval('[i for i in range(3)]'))
ns = {}
exec('y = 10\ndef f(a):\n    return a + y\n', ns)
print(ns['y'], ns['f'](5))
exec('print("exec prints", 7)')
z = 5
print(eval('z + 1'))
try:
    eval('1 +')
except SyntaxError:
    print('SyntaxError caught')
try:
    exec('def broken(:\n    pass')
except SyntaxError:
    print('SyntaxError from exec')
code = compile('3 * 4', '<expr>', 'eval')
print(eval(code))
