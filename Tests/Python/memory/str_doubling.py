# args: -X profile=esp8266 -X heapsize=38K
# Doubling a str on the ESP8266 profile's 38 KiB heap: the last length that fits is a
# 32-bit MicroPython's (a 16 KiB string plus its 8 KiB source need 24 KiB in two runs).
import gc

gc.collect()
s = 'a'
try:
    while True:
        s = s + s
except MemoryError:
    pass
print('str doubling stops at', len(s))
