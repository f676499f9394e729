# args: -X gcstress
# A key's __eq__ that changes the dict or set being searched (clears it, or adds enough keys to
# move it to a bigger table): the search goes on in the new table, never in the freed one.
# Under -X gcstress a freed table is poisoned or reused at once, so a stale probe shows.
import collections

hook = None


class Key:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 1  # every key collides: each probe compares

    def __eq__(self, other):
        global hook
        h, hook = hook, None  # once per operation
        if h:
            h()
        return isinstance(other, Key) and self.n == other.n


def keys(n):
    return [Key(i) for i in range(n)]


d = {k: k.n for k in keys(6)}
hook = d.clear
d[Key(9)] = 9
print('dict cleared while adding', len(d), [k.n for k in d])


def grow():
    for j in range(60):
        d['g%d' % j] = j


d = {k: k.n for k in keys(3)}
hook = grow
d[Key(7)] = 7
print('dict grown while adding', len(d), d[Key(7)], d['g59'])

d = {k: k.n for k in keys(5)}
hook = d.clear
print('get', d.get(Key(3), 'missing'), len(d))
d = {k: k.n for k in keys(5)}
hook = d.clear
print('pop', d.pop(Key(3), 'gone'), len(d))
d = {k: k.n for k in keys(5)}
hook = grow
print('in', Key(4) in d, len(d))

s = set(keys(6))
hook = s.clear
s.add(Key(9))
print('set cleared while adding', len(s))
s = set(keys(6))
hook = lambda: s.update(range(50))
print('set in', Key(2) in s, len(s))
s = set(keys(6))
hook = s.clear
s.discard(Key(5))
print('set discard', len(s))

od = collections.OrderedDict((k, k.n) for k in keys(4))
hook = od.clear
od[Key(8)] = 8
print('ordered cleared while adding', len(od), list(od.values()))
od = collections.OrderedDict((k, k.n) for k in keys(4))
hook = od.clear
print('ordered get', od.get(Key(2), 'missing'), len(od))
