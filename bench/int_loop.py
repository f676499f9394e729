# integer arithmetic in a tight loop
def run(n):
    acc = 0
    i = 0
    while i < n:
        acc = (acc + i * 7 - (i >> 2)) % 1000003
        i += 1
    return acc
print(run(2000000))
