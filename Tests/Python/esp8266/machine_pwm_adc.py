# args: -X profile=esp8266
# machine.PWM and machine.ADC (esp8266-port-facts §7).
from machine import Pin, PWM, ADC

for n in (0, 1, 2, 3, 4, 5, 9, 10, 12, 13, 14, 15, 16):
    try:
        PWM(Pin(n)).deinit()
        print(n, "ok")
    except ValueError as e:
        print(n, "ValueError:", e)

p = PWM(Pin(2))
print(p)
print(p.freq(), p.duty())
p.freq(1000)
p.duty(512)
print(p, p.duty_u16(), p.duty_ns())
# One frequency for every channel.
q = PWM(Pin(4), freq=100, duty=100)
print(q, p)
# Frequency and duty are clamped.
for f in (0, 1, 999, 1000, 1001, 65536 + 20):
    p.freq(f)
    print(f, p.freq())
for d in (-5, 0, 1023, 1024, 70000):
    p.duty(d)
    print(d, p.duty())
p.freq(500)
p.duty_u16(32768)
print(p.duty(), p.duty_u16())
p.duty_u16(65535)
print(p.duty(), p.duty_u16())
p.duty_ns(1000000)
print(p.duty(), p.duty_ns())
p.freq(250)
print(p.duty(), p.duty_ns())
# init() reconfigures; keyword and positional.
p.init(freq=200, duty=10)
print(p)
p.init(300)
print(p.freq())
p.init(duty_u16=65535)
print(p.duty())
# deinit: the repr loses its settings; using it again takes the channel back with duty 0.
p.deinit()
print(p)
print(p.duty())
print(p)
try:
    p.init(speed=3)
except TypeError as e:
    print("TypeError:", e)
try:
    PWM()
except TypeError as e:
    print("TypeError:", e)
try:
    PWM(Pin(2), 100, 10, 1, 2, 3)
except TypeError as e:
    print("TypeError:", e)

# ADC: 0 is the TOUT pin, 1 the supply voltage; both singletons.
a0 = ADC(0)
a1 = ADC(1)
print(a0, a1, ADC(0) is a0, ADC(1) is a1)
print(a0.read(), a0.read_u16())
v = a1.read()
print(3000 < v < 3600, a1.read_u16() == v * 65535 // 1024)
for bad in (2, -1):
    try:
        ADC(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    ADC()
except TypeError as e:
    print("TypeError:", e)
try:
    ADC(0, atten=1)
except TypeError as e:
    print("TypeError:", e)
print(hasattr(a0, "atten"), hasattr(a0, "width"))
