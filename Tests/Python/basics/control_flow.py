for i in range(10):
    if i % 3 == 0:
        continue
    if i == 8:
        break
    print(i, end=' ')
print()
for i in range(3):
    pass
else:
    print('for-else ran', i)
for i in range(3):
    if i == 1:
        break
else:
    print('not printed')
n = 0
while n < 5:
    n += 1
else:
    print('while-else', n)
while True:
    n -= 1
    if n == 2:
        break
print(n)
x = 5
if x < 0:
    print('neg')
elif x == 0:
    print('zero')
elif x < 10:
    print('small')
else:
    print('big')
print('yes' if x else 'no', 'a' if not x else 'b')
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        if j > 1:
            break
        print(i, j)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 0 or 'x', [] and 1)
