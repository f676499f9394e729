data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print('long', n)
it = iter(data)
while (v := next(it, None)) is not None:
    print(v, end=' ')
print()
print([y for x in data if (y := x * 2) > 6])
print(v, n)
assert n == 5
assert n == 5, 'message'
try:
    assert n == 6, 'n is %d' % n
except AssertionError as e:
    print('AssertionError', e.args)
try:
    assert False
except AssertionError as e:
    print('AssertionError', e.args)
