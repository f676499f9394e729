# args: -X profile=esp8266
# machine.UART (esp8266-port-facts §3, §7). Nothing is wired to UART0's RX here.
from machine import UART, Pin

u = UART(0, 115200)
print(u)
print(UART(1))
u1 = UART(1, 9600, bits=7, parity=1, stop=2, timeout=20, timeout_char=5)
print(u1)
u1.init(parity=0)
print(u1)
u1.init(parity=None, bits=5, baudrate=300)
print(u1)
print(UART(0, 115200, rxbuf=64))
print(UART(0, 115200, rxbuf=15))
for n in (2, -1):
    try:
        UART(n)
    except ValueError as e:
        print("ValueError:", e)
for kw in ({"bits": 9}, {"stop": 3}, {"tx": Pin(4), "rx": Pin(5)}, {"tx": 15}):
    try:
        UART(0, **kw)
    except ValueError as e:
        print("ValueError:", e)
UART(0, tx=Pin(15), rx=Pin(13))
UART(0, tx=1, rx=3)
try:
    UART(0, 9600, 8, None, 1, 0)
except TypeError as e:
    print("TypeError:", e)

# UART(1) only transmits.
for m in ("read", "readline"):
    try:
        getattr(u1, m)()
    except OSError as e:
        print("OSError:", e)
try:
    u1.readinto(bytearray(2))
except OSError as e:
    print("OSError:", e)
print(u1.write(b"abc"), u1.write("xyz"))

# UART0 with nothing received: reads give None after the timeout.
u = UART(0, 115200, timeout=0)
print(u.read(), u.read(5), u.readline(), u.readinto(bytearray(3)), u.any())
print(u.read(0))
print(u.txdone(), u.flush(), u.deinit())
