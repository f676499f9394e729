print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(3)] for i in range(3)])
print(sorted({x % 4 for x in range(20)}))
d = {k: k * k for k in range(5)}
print(sorted(d.items()))
print(sorted({v: k for k, v in d.items()}.items()))
g = (x + 1 for x in range(4))
print(list(g), list(g))
print(sum(x for x in range(101)), max(len(w) for w in ['a', 'abc', 'ab']))
x = 'outer'
print([x for x in 'ab'], x)
words = ['apple', 'bob', 'kayak', 'level', 'swift']
print([w.upper() for w in words if w == ''.join(reversed(w))])
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(r) for r in zip(*matrix)])
print([y for row in matrix for y in row if y % 2])
n = 3
print([n * i for i in range(n)])
