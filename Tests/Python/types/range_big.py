# ranges whose bounds or step exceed small ints
r = range(2**40, 2**40 + 10, 3)
print(len(r), r[1], r[-1], 2**40 + 3 in r, 2**40 + 4 in r, list(r[1:]), len(range(2**40)))
print(list(range(2**40 + 3, 2**40, -1)), list(range(-2**31, -2**31 + 2)))
for i in range(2**40, 2**40 + 2):
    print(i)
for i in range(0, 10, 2**40):
    print(i)
print(5 in range(10), 5.0 in range(10), True in range(3), list(iter(range(2**35, 2**35 + 2))))
