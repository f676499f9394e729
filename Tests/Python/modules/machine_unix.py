# The unix port's machine module: PinBase subclasses are pins, Signal wraps them (inverted or
# not, called or through value/on/off, subclassed), time_pulse_us times them, and mem8/16/32
# check alignment and index types. Expected output from the C unix port.
import machine


class Pin(machine.PinBase):
    def __init__(self, v=0):
        self.v = v
        self.log = []

    def value(self, v=None):
        if v is None:
            return self.v
        self.log.append(v)
        self.v = v


p = Pin()
s = machine.Signal(p)
s.on()
print(p.v, s.value(), s())
s(0)
print(p.v, s.value(), p.log)
t = machine.Signal(Pin(5), invert=True)
print(t.value(), t())
t.off()
print(t.value())


class MySignal(machine.Signal):
    def twice(self):
        return 2 * self.value()


m = MySignal(Pin(3))
print(m(), m.value(), m.twice())
m.on()
print(m.value())

# Any object is taken (C checks nothing; a read of a non-pin here raises rather than crash).
for bad in (1, "pin", None):
    print(type(machine.Signal(bad)).__name__)


class Toggle(machine.PinBase):
    def __init__(self):
        self.v = 0

    def value(self, v=None):
        self.v ^= 1
        return self.v


print(type(machine.time_pulse_us(Toggle(), 1)))
print(machine.time_pulse_us(Pin(0), 1, 50), machine.time_pulse_us(Pin(1), 1, 50))

print(machine.mem8, machine.mem16, machine.mem32)
for mem, addr in ((machine.mem16, 1), (machine.mem32, 2), (machine.mem32, 6)):
    try:
        mem[addr]
    except ValueError as e:
        print("ValueError", e)
for key in ("x", 1.5):
    try:
        machine.mem8[key]
    except TypeError:
        print("TypeError")
try:
    machine.mem8[0:1]
except TypeError:
    print("TypeError slice")
try:
    del machine.mem8[0]
except TypeError:
    print("TypeError del")
machine.idle()

