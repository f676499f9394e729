print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1, 1 != 1)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1.0 == True)
print('abc' < 'abd', 'a' < 'ab', 'B' < 'a', '' < 'a')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 'a') < (1, 'b'), (2,) > (1, 9))
print([1, 2] == [1, 2], (1,) == [1], None == 0, None is None)
a = [1]
b = [1]
print(a == b, a is b, a is not b, a is a)
print(not 1, not 0, not [], not [0], not '')
def side(x):
    print('eval', x)
    return x
print(side(1) < side(2) < side(0) < side(5))
try:
    1 < 'a'
except TypeError:
    print('TypeError')
print(b'abc' < b'abd', b'a' == b'a', {1, 2} == {2, 1}, {1} < {1, 2})
