# args: -X profile=esp8266
# The frozen drivers (neopixel, dht, onewire, ds18x20) with nothing wired to the pins.
import sys
try:
    import neopixel
except ImportError:
    # Until the drivers are frozen into the firmware: the source folder, relative to this test.
    sys.path.append((sys.path[0] or ".") + "/../../../Sources/ESP8266/Frozen/modules")
    import neopixel
import dht, onewire, ds18x20
from machine import Pin

np = neopixel.NeoPixel(Pin(4), 3)
print(len(np), np.bpp, np.timing, neopixel.NeoPixel.ORDER)
np[0] = (255, 0, 0)
np[1] = (0, 255, 0)
np[2] = (1, 2, 3)
print(np[0], np[1], np[2], np.buf)
np.fill((7, 8, 9))
print(np.buf)
np.write()
np4 = neopixel.NeoPixel(Pin(5), 2, bpp=4, timing=0)
np4[1] = (1, 2, 3, 4)
print(np4[1], np4.buf, np4.timing)
np3 = neopixel.NeoPixel(Pin(0), 1, timing=(350, 800, 700, 600))
print(np3.timing)
try:
    np[3] = (0, 0, 0)
except IndexError as e:
    print("IndexError")

for cls in (dht.DHT11, dht.DHT22):
    d = cls(Pin(4))
    try:
        d.measure()
    except OSError as e:
        print(cls.__name__, "OSError:", e)
d = dht.DHT22(Pin(4))
d.buf[:] = b"\x01\x90\x80\x65\x76"
print(round(d.humidity(), 1), round(d.temperature(), 1))
d.buf[:] = b"\x02\x8c\x01\x5f\xee"
print(round(d.humidity(), 1), round(d.temperature(), 1))
d11 = dht.DHT11(Pin(4))
d11.buf[:] = b"\x28\x00\x15\x00\x3d"
print(d11.humidity(), d11.temperature())

ow = onewire.OneWire(Pin(12))
print(ow.SEARCH_ROM, ow.MATCH_ROM, ow.SKIP_ROM)
print(ow.reset(), ow.scan(), ow.readbit(), ow.readbyte())
try:
    ow.reset(True)
except onewire.OneWireError as e:
    print("OneWireError", repr(e))
print(issubclass(onewire.OneWireError, Exception))
buf = bytearray(2)
ow.readinto(buf)
print(buf, ow.crc8(b"\x28\xff"), ow.write(b"\x01\x02"), ow.writebit(0), ow.writebyte(0xBE))
ow.select_rom(b"\x28\x00\x00\x00\x00\x00\x00\x00")

ds = ds18x20.DS18X20(ow)
print(ds.scan())
for call in (ds.convert_temp, lambda: ds.read_temp(b"\x28\x01\x02\x03\x04\x05\x06\x07")):
    try:
        call()
    except onewire.OneWireError:
        print("OneWireError")
