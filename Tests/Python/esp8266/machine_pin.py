# args: -X profile=esp8266
# machine.Pin, its IRQ object and machine.Signal (esp8266-port-facts §6).
import time
from machine import Pin, Signal

print(Pin.IN, Pin.OUT, Pin.OPEN_DRAIN, Pin.PULL_UP, Pin.IRQ_RISING, Pin.IRQ_FALLING)
for n in range(18):
    try:
        print(n, Pin(n))
    except ValueError as e:
        print(n, "ValueError:", e)
try:
    Pin("D1")
except ValueError as e:
    print("ValueError:", e)

# Pin(id) alone returns the same object and does not reconfigure it.
p = Pin(2, Pin.OUT, value=1)
print(Pin(2) is p, p.value(), p(), Pin(2).value())
p.off()
print(p.value())
p.on()
print(p.value())
p.toggle()
print(p.value())
p(1)
print(p.value(), p.__call__(), Pin.__call__(p))
p.value(0)
print(p())
p.init(Pin.OUT, value=True)
print(p())

# Writing to an input does not change the output latch: it shows once the pin is an output.
q = Pin(5, Pin.OUT, value=0)
q.init(Pin.IN)
q.value(1)
print(q.value())
q.init(Pin.OUT)
print(q.value())

# Open drain: 0 pulls low, 1 releases (the pull-up then reads 1).
od = Pin(13, Pin.OPEN_DRAIN, Pin.PULL_UP, value=0)
print(od.value())
od.value(1)
print(od.value())

# Argument errors.
for args, kw in (((), {}), ((4, Pin.IN, None, 1), {}), ((4,), {"pull": None}), ((4,), {"speed": 1})):
    try:
        Pin(*args, **kw)
        print("ok", args, kw)
    except TypeError as e:
        print("TypeError:", e)
try:
    p(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    p(value=1)
except TypeError as e:
    print("TypeError:", e)
try:
    Pin.value(5)
except TypeError as e:
    print("TypeError:", e)

# GPIO16 has no pull-up and no interrupts.
try:
    Pin(16, Pin.IN, Pin.PULL_UP)
except ValueError as e:
    print("ValueError:", e)
try:
    Pin(16).irq(handler=lambda p: None)
except OSError as e:
    print("OSError:", e)
r = Pin(16, Pin.OUT, value=0)
print(r.value())
r.on()
print(r.value())

# IRQs: handlers are scheduled with the Pin as argument.
events = []
def handler(pin):
    events.append((pin, pin.value()))

try:
    Pin(4).irq(handler, hard=True)
except ValueError as e:
    print("ValueError:", e)
a = Pin(4, Pin.OUT, value=0)
irq = a.irq(handler, Pin.IRQ_RISING)
print(type(irq).__name__, irq is a.irq(), irq.trigger())
a.on()
a.off()
a.on()
time.sleep_ms(1)
print(events)
events.clear()
print(irq.trigger(Pin.IRQ_FALLING), irq.trigger())
a.off()
a.on()
time.sleep_ms(1)
print(events)
events.clear()
irq()
time.sleep_ms(1)
print(events)
events.clear()
try:
    irq(1)
except TypeError as e:
    print("TypeError:", e)
# Default trigger: both edges.
a.irq(handler)
print(irq.trigger())
a.off()
a.on()
time.sleep_ms(1)
print(len(events))
events.clear()
# handler=None disables.
a.irq(None)
print(irq.trigger())
a.off()
time.sleep_ms(1)
print(events)

# Signal.
s = Signal(a, invert=True)
a.on()
print(s.value(), s())
s.on()
print(a.value())
s(0)
print(a.value())
s2 = Signal(Pin(12, Pin.OUT, value=0))
s2.on()
print(s2.value(), Pin(12).value())
s3 = Signal(14, Pin.OUT, value=1, invert=True)
print(Pin(14).value(), s3.value())
s4 = Signal(s, invert=True)
a.on()
print(s4.value())
try:
    Signal(a, Pin.OUT)
except TypeError as e:
    print("TypeError", repr(e))
try:
    Signal(7)
except ValueError as e:
    print("ValueError:", e)

# init() by keyword; mode is required.
k = Pin(0)
k.init(mode=Pin.OUT, value=1)
print(k())
try:
    k.init()
except TypeError as e:
    print("TypeError:", e)
k.init(Pin.IN, pull=Pin.PULL_UP)
print(k())
