# random: MicroPython's Yasmarang generator, so seeded sequences are MicroPython's; the extra
# functions of the host profile; errors; os.urandom.
import random, os

random.seed(1)
print([random.getrandbits(32) for _ in range(4)])
print([random.getrandbits(n) for n in (0, 1, 5, 16, 31)])
random.seed(2**40 + 1)
print(random.getrandbits(32))
random.seed(-1)
print(random.getrandbits(32))
random.seed(7)
print([random.randrange(10) for _ in range(8)])
print([random.randrange(5, 9) for _ in range(8)])
print([random.randrange(10, 0, -3) for _ in range(8)])
print([random.randint(-2, 2) for _ in range(8)])
print([random.choice("abcdef") for _ in range(8)])
print([random.choice((1, 2, 3)) for _ in range(4)])
print([random.random() for _ in range(3)])
print([random.uniform(10, 20) for _ in range(3)])
for f, args in ((random.getrandbits, (33,)), (random.getrandbits, (-1,)), (random.randrange, (0,)),
                (random.randrange, (3, 3)), (random.randrange, (1, 5, 0)), (random.randrange, (5, 1, 1)),
                (random.randint, (2, 1)), (random.choice, ([],)), (random.choice, (5,))):
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__, e)
random.seed()
random.seed(None)
random.__init__()
print(type(random.getrandbits(8)))
for n in (-1, 0, 3):
    try:
        print(n, type(os.urandom(n)), len(os.urandom(n)))
    except ValueError:
        print(n, "ValueError")
print(os.urandom(16) != os.urandom(16))
import urandom
print(urandom is random)
