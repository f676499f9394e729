# list operations: append, index, slice, sort, comprehension (bounded size)
def one(n, seed):
    l = []
    for i in range(n):
        l.append((i * seed) % 10007)
    l2 = [x * 2 for x in l if x & 1]
    l.sort()
    s = 0
    for i in range(0, len(l), 5):
        s += l[i]
    chunks = [l[i:i + 100] for i in range(0, len(l), 100)]
    rev = l[::-1]
    l2.reverse()
    l2.insert(0, -1)
    l2.pop()
    return s + len(l2) + len(chunks) + rev[0] + max(l2) + (l.index(5000) if 5000 in l else -1)
def run(rounds):
    return sum(one(20000, 7919 + r) for r in range(rounds))
print(run(50))
