# dict insertion, lookup, update and deletion with int and str keys
# (working set kept small so it fits a MicroPython-sized heap)
def rnd(n, seed):
    d = {}
    for i in range(n):
        d[i * seed % 50021] = i
    hits = 0
    for i in range(0, 2 * n, 3):
        if i in d:
            hits += d[i]
    for i in range(0, n, 2):
        del d[i * seed % 50021]
    return hits + len(d)
def words(n):
    s = {}
    for i in range(n):
        k = 'k%d' % (i % 2000)
        s[k] = s.get(k, 0) + 1
    return len(s), s['k42']
def run(rounds):
    t = 0
    for r in range(rounds):
        t += rnd(20000, r * 2 + 1)
    return t, words(200000)
print(run(30))
