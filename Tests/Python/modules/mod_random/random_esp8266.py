# args: -X profile=esp8266
# random on the ESP8266: only getrandbits and seed (and the __init__ hook); os.urandom.
import random, os

print(sorted(n for n in dir(random) if not n.startswith("_")))
random.seed(1)
print([random.getrandbits(32) for _ in range(3)])
print(hasattr(random, "randint"), hasattr(random, "random"))
print(len(os.urandom(8)))
