# args: -X profile=esp8266
# The frozen ssd1306 driver over stand-in I2C, SPI and Pin objects that log every call:
# the command and data bytes it sends, and the drawing it inherits from FrameBuffer.
import ssd1306
import framebuf


class LogI2C:
    def __init__(self):
        self.log = []

    def writeto(self, addr, buf):
        self.log.append(("w", addr, bytes(buf)))

    def writevto(self, addr, bufs):
        self.log.append(("v", addr, b"".join(bytes(b) for b in bufs)))


def summary(log):
    cmds = []
    for entry in log:
        kind, addr, data = entry
        if kind == "w" and data[0] == 0x80 and len(data) == 2:
            cmds.append(data[1])
        else:
            if cmds:
                print(" cmds", bytes(cmds).hex())
                cmds = []
            print(" %s 0x%02x %d %s" % (kind, addr, len(data), data[:9].hex()))
    if cmds:
        print(" cmds", bytes(cmds).hex())
    log.clear()


i2c = LogI2C()
oled = ssd1306.SSD1306_I2C(128, 64, i2c)
print("128x64 init")
summary(i2c.log)
print(isinstance(oled, framebuf.FrameBuffer), oled.width, oled.height, oled.pages, len(oled.buffer), oled.addr)
oled.text("Hi", 0, 0)
oled.pixel(127, 63, 1)
oled.show()
print("show")
summary(i2c.log)
print(oled.buffer[:16].hex(), oled.buffer[-1])
oled.poweroff()
oled.poweron()
oled.contrast(0x40)
oled.invert(1)
oled.invert(0)
oled.invert(3)
oled.rotate(True)
oled.rotate(0)
print("controls")
summary(i2c.log)

for w, h, kw in ((128, 32, {}), (64, 48, {"addr": 0x3D}), (72, 40, {"external_vcc": True})):
    ssd1306.SSD1306_I2C(w, h, i2c, **kw)
    print(w, h, kw)
    summary(i2c.log)


class LogPin:
    OUT = 1

    def __init__(self, name, log):
        self.name = name
        self.log = log

    def init(self, mode, value=None):
        self.log.append("%s.init(%d,%s)" % (self.name, mode, value))

    def __call__(self, v):
        self.log.append("%s=%d" % (self.name, v))


class LogSPI:
    def __init__(self, log):
        self.log = log

    def init(self, **kw):
        self.log.append("spi.init(%d,%d,%d)" % (kw["baudrate"], kw["polarity"], kw["phase"]))

    def write(self, buf):
        self.log.append("spi.write(%s%s)" % (bytes(buf[:4]).hex(), "..%d" % len(buf) if len(buf) > 4 else ""))


log = []
spi_oled = ssd1306.SSD1306_SPI(128, 64, LogSPI(log), LogPin("dc", log), LogPin("res", log), LogPin("cs", log))
print("spi init", len(log))
for line in log[:14]:
    print("", line)
print(" ...")
for line in log[-7:]:
    print("", line)
log.clear()
spi_oled.contrast(1)
print(log)

# bad arguments
for args in ((128, 60, i2c), (0, 64, i2c), (128, 64, None)):
    try:
        ssd1306.SSD1306_I2C(*args)
    except Exception as e:
        print(type(e).__name__, e)
print([n for n in sorted(dir(ssd1306)) if n.startswith("SET_")])
