# args: -X profile=esp8266
# Native classes with a constructor are acceptable bases, as in MicroPython: a Python subclass
# of machine.Pin or machine.Signal gets the native methods (working on its native part), keeps
# its own, and prints as its native base. A class without a constructor is refused.
import machine


class LED(machine.Pin):
    def toggle(self):
        self.value(not self.value())
        return self.value()


led = LED(2, machine.Pin.OUT)
led.off()
print(led.toggle(), led.toggle(), led, isinstance(led, machine.Pin))


class Inverted(machine.Signal):
    def state(self):
        return "on" if self.value() else "off"


s = Inverted(machine.Pin(4, machine.Pin.OUT), invert=True)
s.on()
print(s.state(), s(), machine.Pin(4).value())
s(0)
print(s.state(), machine.Pin(4).value())

try:
    class Bad(type(machine.mem8)):
        pass
except TypeError as e:
    print("TypeError", e)

# A Signal over a subclassed pin drives that pin.
led2 = LED(5, machine.Pin.OUT)
sig = machine.Signal(led2, invert=True)
sig.on()
print(led2.value(), sig.value(), machine.Pin(5).value())
