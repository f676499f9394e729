# args: -X profile=esp8266
import random, time
random.seed(42)
a = [random.getrandbits(16) for _ in range(5)]
random.seed(42)
b = [random.getrandbits(16) for _ in range(5)]
print(a == b, all(0 <= x < 65536 for x in a), random.getrandbits(0))
# the ESP8266 has no extra random functions (MICROPY_PY_RANDOM_EXTRA_FUNCS=0)
print(hasattr(random, "randint"), hasattr(random, "random"))
print(hasattr(random, "choice"), hasattr(random, "randrange"), hasattr(random, "uniform"))
t = time.localtime(0)
print(t, time.mktime(t), time.gmtime(86400 * 366 + 3661))
print(time.mktime((2024, 2, 29, 12, 30, 15, 0, 0)), time.localtime(time.mktime((2024, 2, 29, 12, 30, 15, 0, 0))))
print(time.mktime((2000, 1, 32, 0, 0, 0, 0, 0)) == 31 * 86400, time.mktime((2000, 13, 1, 0, 0, 0, 0, 0)))
t0 = time.ticks_ms()
time.sleep_ms(20)
d = time.ticks_diff(time.ticks_ms(), t0)
print(15 <= d < 1000, time.ticks_add(2**30 - 1, 1), time.ticks_diff(0, 2**30 - 1), time.ticks_diff(5, 10))
print(time.time() > 700000000, time.time_ns() > 700000000 * 10**9)
try:
    time.mktime((1, 2))
except TypeError as e:
    print('TypeError', e)
