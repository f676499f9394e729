# args: -X profile=esp8266
# machine.I2C (= SoftI2C) and machine.SPI / SoftSPI with nothing on the buses.
from machine import Pin, I2C, SoftI2C, SPI, SoftSPI

print(I2C is SoftI2C, I2C.__name__)
i2c = I2C(scl=Pin(5), sda=Pin(4))
print(i2c)
print(SoftI2C(Pin(5), Pin(4), freq=100000))
print(SoftI2C(5, 4, freq=1000000, timeout=10))
print(I2C(scl=Pin(14), sda=Pin(2), freq=333333))
i2c.init(Pin(12), Pin(13), freq=50000)
print(i2c)
i2c.init(scl=Pin(5), sda=Pin(4))
for args, kw in (((), {}), ((Pin(5),), {}), ((5, 6), {}), ((5, 4, 100000), {})):
    try:
        I2C(*args, **kw)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

# No device acknowledges.
print(i2c.scan())
for call in (lambda: i2c.writeto(0x3C, b"\x00"),
             lambda: i2c.readfrom(0x3C, 2),
             lambda: i2c.readfrom_into(0x3C, bytearray(2)),
             lambda: i2c.writevto(0x3C, (b"\x00", b"\x01")),
             lambda: i2c.readfrom_mem(0x50, 0x10, 2),
             lambda: i2c.readfrom_mem_into(0x50, 0x10, bytearray(2), addrsize=16),
             lambda: i2c.writeto_mem(0x50, 0x10, b"ab")):
    try:
        call()
    except OSError as e:
        print("OSError:", e, e.errno)
for size in (7, 40, -8):
    try:
        i2c.writeto_mem(0x50, 0, b"x", addrsize=size)
    except ValueError as e:
        print("ValueError:", e)
# The primitives: nothing answers, so no ACKs and reads see the pulled-up line.
i2c.start()
print(i2c.write(b"\xa0\x00"))
buf = bytearray(3)
i2c.readinto(buf)
print(buf)
i2c.stop()
print(i2c.deinit())

# HSPI: type name HSPI, id 1 only, fixed pins.
spi = SPI(1)
print(type(spi).__name__, spi)
print(SPI(1, baudrate=40000000, polarity=1, phase=1))
for rate in (20000000, 10000000, 7000000, 1000000, 115200, 9800):
    spi.init(baudrate=rate)
    print(rate, spi)
for rate in (50000000, 79999999, 1000):
    try:
        spi.init(baudrate=rate)
        print(rate, spi)
    except ValueError as e:
        print(rate, "ValueError:", e)
for bad in (0, 2):
    try:
        SPI(bad)
    except ValueError as e:
        print("ValueError", repr(e))
spi.init(baudrate=80000000)
print(spi.read(3), spi.read(2, 0x55))
buf = bytearray(b"abcd")
spi.readinto(buf)
print(buf)
print(spi.write(b"xyz"))
spi.write_readinto(b"abcd", buf)
print(buf)
try:
    spi.write_readinto(b"abc", buf)
except ValueError as e:
    print("ValueError:", e)
print(SPI.MSB, SPI.LSB, SoftSPI.MSB, SoftSPI.LSB)

ss = SoftSPI(baudrate=100000, sck=Pin(14), mosi=Pin(13), miso=Pin(12))
print(ss)
print(SoftSPI(sck=0, mosi=2, miso=4))
print(SoftSPI(3000000, polarity=1, phase=1, firstbit=SoftSPI.LSB, sck=0, mosi=2, miso=4))
ss.init(baudrate=400000)
print(ss)
print(ss.read(2))
for kw in ({"sck": Pin(14)}, {"bits": 7, "sck": 1, "mosi": 2, "miso": 3}, {"sck": 6, "mosi": 2, "miso": 3}):
    try:
        SoftSPI(**kw)
    except ValueError as e:
        print("ValueError:", e)
