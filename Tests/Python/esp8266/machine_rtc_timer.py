# args: -X profile=esp8266
# machine.RTC, machine.Timer and machine.WDT (esp8266-port-facts §7, §9).
import time
import machine
from machine import RTC, Timer, WDT

r = RTC()
print(RTC() is r, RTC.ALARM0)
try:
    RTC(0)
except TypeError as e:
    print("TypeError:", e)
r.datetime((2024, 2, 28, 0, 23, 59, 59, 999))
t = r.datetime()
print(t[:7], len(t))
# The weekday given is ignored; the RTC computes it.
r.datetime((2023, 12, 31, 6, 12, 0, 0, 0))
print(r.datetime()[:7])
r.datetime((2000, 1, 1, 0, 0, 0, 0, 0))
print(r.datetime()[:7], time.localtime()[:6])
r.datetime((2030, 6, 15, 0, 8, 30, 5, 250))
print(r.datetime()[:7], time.localtime()[:7])
for bad in ((2024, 1, 1), [2024, 1, 1, 0, 0, 0, 0, 0, 0], 5):
    try:
        r.datetime(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)

# RTC memory: 492 bytes at most.
print(r.memory())
r.memory(b"hello")
print(r.memory())
r.memory(bytearray(492))
print(len(r.memory()))
try:
    r.memory(bytes(493))
except ValueError as e:
    print("ValueError:", e)
r.memory(b"")
print(r.memory())

# Alarm 0 only.
r.alarm(0, 5000)
left = r.alarm_left()
print(4900 <= left <= 5000, 4900 <= r.alarm_left(0) <= 5000)
r.alarm(r.ALARM0, -10)
print(r.alarm_left())
for call in (lambda: r.alarm(1, 5), lambda: r.alarm_left(1), lambda: r.irq(trigger=1, wake=machine.DEEPSLEEP)):
    try:
        call()
    except ValueError as e:
        print("ValueError:", e)
print(r.irq(trigger=r.ALARM0, wake=machine.DEEPSLEEP))
try:
    r.irq(0)
except TypeError as e:
    print("TypeError:", e)
print(hasattr(r, "init"), hasattr(r, "now"), hasattr(r, "deinit"))

# Timer: one positional id, init keyword-only.
print(Timer.ONE_SHOT, Timer.PERIODIC)
for args, kw in (((), {}), ((-1, 0), {}), ((-1,), {"period": 5})):
    try:
        Timer(*args, **kw)
    except TypeError as e:
        print("TypeError:", e)
tim = Timer(-1)
print(repr(tim).startswith("Timer(0x"))
try:
    tim.init(100)
except TypeError as e:
    print("TypeError:", e)
ticks = []
tim.init(period=10, mode=Timer.PERIODIC, callback=lambda t: ticks.append(t))
time.sleep_ms(55)
tim.deinit()
n = len(ticks)
print(3 <= n <= 6, ticks[0] is tim)
time.sleep_ms(30)
print(len(ticks) == n)
once = []
tim.init(period=5, mode=Timer.ONE_SHOT, callback=lambda t: once.append(1))
time.sleep_ms(40)
print(once)
# freq= in Hz and tick_hz= for other units.
fast = []
tim.init(freq=200, callback=lambda t: fast.append(1))
time.sleep_ms(52)
tim.deinit()
print(6 <= len(fast) <= 11)
hz = []
tim.init(period=200000, tick_hz=1000000, mode=Timer.ONE_SHOT, callback=lambda t: hz.append(1))
time.sleep_ms(50)
print(hz)
time.sleep_ms(250)
print(hz)
# A hard callback runs from the timer itself.
hard = []
tim.init(period=5, mode=Timer.ONE_SHOT, hard=True, callback=lambda t: hard.append(1))
time.sleep_ms(20)
print(hard)

# WDT: only the defaults are accepted.
for kw in ({"id": 1}, {"timeout": 1000}, {"id": 0, "timeout": 2000}):
    try:
        WDT(**kw)
    except ValueError as e:
        print("ValueError", repr(e))
w = WDT()
print(WDT(0, 5000) is w, w.feed())
for i in range(3):
    time.sleep_ms(2)
    w.feed()
print("fed")
