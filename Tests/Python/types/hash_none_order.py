# None hashes as its object word in C (6 in the 64-bit build, 14 in the 32-bit one), which
# places it in dicts and sets; popitem takes the first item in table order.
print(hash(None) == hash(None), {None: 1, 2: 3, 'a': 4, b'k': 5, 10**20: 6})
print({None, 0, 1, 7, 15, 'x'})
d = {}
for k in (5, 'x', 2.5, None, -3, 'abc', True, b'k'):
    d[k] = 0
print(list(d))
print(d.popitem(), d.popitem(), len(d))
e = {'b': 2, 'a': 1, 'c': 3}
print(e.popitem(), e)
class U:
    __hash__ = None
try:
    hash(U())
except TypeError as ex:
    print('TypeError', ex)
