for i in range(10):
    if i == 2:
        continue
    if i == 8:
        break
else:
    print("no break")
for i in range(1, 10, 2):
    pass
for i in range(10, 0, -1):
    print(i)
n = 5
for i in range(n):
    print(i)
for x in [1, 2, 3]:
    for y in (4, 5):
        if x == y:
            break
    else:
        continue
while n > 0:
    n -= 1
    if n == 3:
        break
else:
    pass
while True:
    break
try:
    x = 1 / 0
except ZeroDivisionError as e:
    print(e)
except (TypeError, ValueError):
    pass
except:
    raise
else:
    pass
finally:
    print("done")
try:
    pass
finally:
    pass
def f():
    for i in range(3):
        try:
            if i:
                return i
        finally:
            print(i)
    with open("x") as fh, open("y"):
        return fh.read()
with open("z") as (a, b):
    pass
assert n, "msg"
assert n
raise ValueError("x") from None
