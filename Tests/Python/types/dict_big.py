# Big dicts whose int or str keys cluster in MicroPython's linearly probed tables: inserts,
# deletes, re-inserts, lookups of present and absent keys, and a key of another type
# arriving in a table that held only ints or only strs.
state = 12345
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return (state >> 8) % n

def trial(strs, steps, mixed_at):
    d = {}
    ref = []          # parallel list model: (key, value) pairs, searched linearly
    keys = {}
    for step in range(steps):
        n = rnd(1500) * 7
        k = 's%d' % n if strs else n
        op = rnd(10)
        if op < 6:
            d[k] = step
            keys[n] = step
        elif op < 8:
            if n in keys:
                del d[k]
                del keys[n]
            elif k in d:
                print('absent key found', k)
        else:
            got = d.get(k, -1)
            if got != keys.get(n, -1):
                print('mismatch', k, got)
        if step == mixed_at:
            d[2.5 if strs else 'x'] = 'other'
    total = 0
    for n, v in keys.items():
        k = 's%d' % n if strs else n
        if d[k] != v:
            print('wrong value', k)
        total += v
    extra = 1 if mixed_at < steps else 0
    print(strs, len(d) == len(keys) + extra, total)

trial(False, 8000, 10 ** 9)
trial(True, 8000, 10 ** 9)
trial(False, 8000, 5000)
trial(True, 8000, 5000)

# True and 1.0 equal the int key 1 in a table of ints.
d = {}
for i in range(3000):
    d[i * 3] = i
d[True] = 'one'
d[3.0] = 'three'
print(d[0], d[1], d[3], len(d))
for i in range(0, 9000, 6):
    del d[i]
print(len(d), 3 in d, 6 in d, d.get(9), 1.0 in d)
