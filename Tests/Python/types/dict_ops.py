d = {'one': 1, 'two': 2}
d['three'] = 3
print(sorted(d.items()), len(d), d['one'], 'two' in d, 'four' in d)
print(d.get('one'), d.get('four'), d.get('four', 4))
print(d.setdefault('four', 4), d.setdefault('one', 100), sorted(d.keys()))
print(d.pop('four'), d.pop('missing', 'dflt'), sorted(d.values()))
d.update({'five': 5}, six=6)
d.update([('seven', 7)])
print(sorted(d.items()))
del d['five']
print(sorted(d), len(d))
try:
    d['nope']
except KeyError as e:
    print('KeyError', e.args)
e = dict(a=1, b=2)
print(sorted(e.items()), dict([(1, 'x'), (2, 'y')]) == {1: 'x', 2: 'y'})
print(sorted(dict.fromkeys(['a', 'b'], 0).items()), sorted(dict(zip('ab', range(2))).items()))
c = e.copy()
c['a'] = 99
print(e['a'], c['a'], e == {'b': 2, 'a': 1}, e != c)
k, v = e.popitem()
print(k in ('a', 'b'), len(e))
e.clear()
print(e, {}, {1: 2})
counts = {}
for ch in 'mississippi':
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
keys = {1: 'int', 'a': 'str', (1, 2): 'tuple', 2.5: 'float', None: 'none', True: 'bool?'}
print(keys[1], keys['a'], keys[(1, 2)], keys[2.5], keys[None], len(keys))
big = {}
for i in range(1000):
    big[i] = i * 2
print(len(big), big[999], sum(big.values()), 500 in big, -1 in big)
for i in range(0, 1000, 2):
    del big[i]
print(len(big), sorted(big)[:5])
print(sorted(k for k in {'x': 1, 'y': 2}), sorted(big.items())[-1])
