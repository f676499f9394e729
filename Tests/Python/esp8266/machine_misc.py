# args: -X profile=esp8266
# machine's module functions and constants, mem8/16/32 and _onewire.
import machine, umachine, time

print(machine is umachine, machine.__name__)
print(machine.PWRON_RESET, machine.WDT_RESET, machine.SOFT_RESET, machine.DEEPSLEEP_RESET,
      machine.HARD_RESET, machine.DEEPSLEEP)
print(machine.reset_cause())
print(machine.freq())
machine.freq(160000000)
print(machine.freq())
machine.freq(80000000)
print(machine.freq())
for f in (100000000, 0, 240000000):
    try:
        machine.freq(f)
    except ValueError as e:
        print("ValueError:", e)
uid = machine.unique_id()
print(type(uid), len(uid))
print(machine.sleep is machine.lightsleep)
t0 = time.ticks_ms()
machine.lightsleep(30)
print(time.ticks_diff(time.ticks_ms(), t0) >= 30)
machine.lightsleep(-5)
print(machine.idle())
state = machine.disable_irq()
print(type(state))
machine.enable_irq(state)
# A pin edge while interrupts are disabled is delivered once they are enabled again.
from machine import Pin
seen = []
p = Pin(4, Pin.OUT, value=0)
p.irq(lambda pin: seen.append(pin), Pin.IRQ_RISING)
s = machine.disable_irq()
p.on()
time.sleep_ms(1)
print(seen)
machine.enable_irq(s)
time.sleep_ms(1)
print(seen)
p.irq(None)

# time_pulse_us on a pin nobody drives (it reads 0).
q = Pin(12, Pin.IN)
print(machine.time_pulse_us(q, 1, 2000))
print(machine.time_pulse_us(q, 0, 2000))
print(machine.time_pulse_us(12, 1, 0))
try:
    machine.time_pulse_us(6, 1)
except ValueError as e:
    print("ValueError:", e)

# bitstream: encoding 0 only; the timing is 4 numbers.
machine.bitstream(Pin(15), 0, (400, 850, 800, 450), b"\xff\x00\x81")
for enc, timing, buf in ((1, (1, 2, 3, 4), b"x"), (0, (1, 2, 3), b"x"), (0, 5, b"x")):
    try:
        machine.bitstream(Pin(15), enc, timing, buf)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    machine.bitstream(Pin(15), 0, (1, 2, 3, 4), 5)
except TypeError as e:
    print("TypeError:", e)

# dht_readinto with no sensor: the sensor never answers.
buf = bytearray(5)
try:
    machine.dht_readinto(Pin(4), buf)
except OSError as e:
    print("OSError:", e)
try:
    machine.dht_readinto(Pin(4), bytearray(4))
except ValueError as e:
    print("ValueError:", e)

# mem8/16/32.
print(machine.mem8, machine.mem16, machine.mem32)
addr = 0x3FFE9000
machine.mem32[addr] = 0x12345678
print(hex(machine.mem32[addr]), hex(machine.mem16[addr]), hex(machine.mem16[addr + 2]), hex(machine.mem8[addr + 3]))
machine.mem8[addr] = 0x1FF
print(hex(machine.mem32[addr]))
machine.mem32[addr] = -1
print(machine.mem32[addr])
for size, a in ((16, addr + 1), (32, addr + 2)):
    try:
        getattr(machine, "mem%d" % size)[a]
    except ValueError as e:
        print("ValueError:", e)
print(machine.mem32[0x12345670])
# GPIO registers: the output latch and the input levels.
Pin(5, Pin.OUT, value=1)
print(machine.mem32[0x60000300] >> 5 & 1, machine.mem32[0x60000318] >> 5 & 1)
machine.mem32[0x60000308] = 1 << 5
print(Pin(5).value())

import _onewire
print(_onewire.__name__)
print(_onewire.reset(Pin(4)), _onewire.readbit(Pin(4)), _onewire.readbyte(Pin(4)))
print(_onewire.writebit(Pin(4), 1), _onewire.writebyte(Pin(4), 0xCC))
print(_onewire.crc8(b""), _onewire.crc8(b"\x02\x1c\xb8\x01\x00\x00\x00"), _onewire.crc8(bytearray(b"123456789")))
try:
    _onewire.reset(7)
except ValueError as e:
    print("ValueError:", e)
