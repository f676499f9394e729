# string building, formatting and methods (bounded working set)
def chunk(base, n):
    parts = []
    for i in range(base, base + n):
        s = 'item %d: %s' % (i, 'x' * (i % 10))
        parts.append(s.upper().replace('X', 'y'))
    text = '\n'.join(parts)
    words = text.split()
    count = sum(1 for w in words if w.startswith('ITEM'))
    return len(text), len(words), count, text.find('ITEM %d' % (base + 7))
def run(rounds):
    tot = [0, 0, 0, 0]
    for r in range(rounds):
        res = chunk(r * 1000, 1000)
        for i in range(4):
            tot[i] += res[i]
    return tot, '{:>8}|{:<4}|{}'.format(rounds, 'ab', 'x'.join(['a', 'b', 'c']))
print(run(300))
