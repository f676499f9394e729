def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz(n) for n in (1, 7, 27, 97, 871, 2**20 + 1)])
def digits(n, base):
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(r)
    return out[::-1] or [0]
for n in (0, 255, 2**31, 10**20, 3**40):
    print(n, digits(n, 2)[:12], digits(n, 7), digits(n, 16)[-4:])
print(sum(int(c) for c in str(2**1000)))
print(int("".join(reversed(str(2**64)))))
