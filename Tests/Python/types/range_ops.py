print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)), list(range(5, 2)))
r = range(3, 20, 4)
print(len(r), r[0], r[-1], r[1], list(r[1:3]), 7 in r, 8 in r)
print(r.start, r.stop, r.step, range(5))
print(list(reversed(range(4))), sum(range(101)), len(range(0, 10, 3)))
try:
    range(1, 2, 0)
except ValueError:
    print('ValueError')
for i in range(-3, 3):
    print(i, end=',')
print()
print(list(range(-5, -1)), list(range(2 ** 40, 2 ** 40 + 2)))
