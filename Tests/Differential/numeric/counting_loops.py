total = 0
for i in range(1, 101):
    if i % 3 == 0 or i % 5 == 0:
        total += i
print(total)
fib = [0, 1]
while len(fib) < 90:
    fib.append(fib[-1] + fib[-2])
print(fib[30], fib[60], fib[89], fib[89] % 1000000007)
def fact(n):
    return 1 if n < 2 else n * fact(n - 1)
print(fact(20), fact(25), fact(30) // fact(28))
primes = [p for p in range(2, 200) if all(p % d for d in range(2, int(p ** 0.5) + 1))]
print(len(primes), primes[-5:], sum(primes))
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(2**64, 6**20), gcd(123456789, 987654321), gcd(-12, 18), gcd(0, 5))
x = 0.0
for i in range(1000):
    x += 0.001
print(x, round(x, 10))
acc = 1
for i in range(50):
    acc = (acc * 31 + i) % (2**61 - 1)
print(acc)
print(sum(1 / (k * k) for k in range(1, 1000)))
