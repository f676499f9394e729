# SSD1306 OLED displays (128x64, 128x32, 64x48...) over I2C or SPI, drawn with framebuf.
# The display RAM is one byte per 8 vertical pixels (MONO_VLSB), a page of 8 rows at a time.

from micropython import const
import framebuf

# Controller commands (SSD1306 datasheet, section 9).
SET_CONTRAST = const(0x81)
SET_ENTIRE_ON = const(0xA4)
SET_NORM_INV = const(0xA6)
SET_DISP = const(0xAE)
SET_MEM_ADDR = const(0x20)
SET_COL_ADDR = const(0x21)
SET_PAGE_ADDR = const(0x22)
SET_DISP_START_LINE = const(0x40)
SET_SEG_REMAP = const(0xA0)
SET_MUX_RATIO = const(0xA8)
SET_IREF_SELECT = const(0xAD)
SET_COM_OUT_DIR = const(0xC0)
SET_DISP_OFFSET = const(0xD3)
SET_COM_PIN_CFG = const(0xDA)
SET_DISP_CLK_DIV = const(0xD5)
SET_PRECHARGE = const(0xD9)
SET_VCOM_DESEL = const(0xDB)
SET_CHARGE_PUMP = const(0x8D)

_COLUMNS = const(128)  # of the controller's RAM; narrower panels sit in its middle


class SSD1306(framebuf.FrameBuffer):
    def __init__(self, width, height, external_vcc):
        self.width = width
        self.height = height
        self.external_vcc = external_vcc
        self.pages = height // 8
        self.buffer = bytearray(self.pages * width)
        super().__init__(self.buffer, width, height, framebuf.MONO_VLSB)
        self.init_display()

    def init_display(self):
        ext = self.external_vcc
        wide = self.width > 2 * self.height
        sequence = (
            SET_DISP,                       # off while configuring
            SET_MEM_ADDR, 0x00,             # horizontal addressing
            SET_DISP_START_LINE,            # RAM row 0 at the top
            SET_SEG_REMAP | 0x01,           # column 127 drives SEG0
            SET_MUX_RATIO, self.height - 1,
            SET_COM_OUT_DIR | 0x08,         # scan COM[N-1] down to COM0
            SET_DISP_OFFSET, 0x00,
            SET_COM_PIN_CFG, 0x02 if wide else 0x12,
            SET_DISP_CLK_DIV, 0x80,
            SET_PRECHARGE, 0x22 if ext else 0xF1,
            SET_VCOM_DESEL, 0x30,           # about 0.83 Vcc
            SET_CONTRAST, 0xFF,
            SET_ENTIRE_ON,                  # show the RAM
            SET_NORM_INV,                   # not inverted
            SET_IREF_SELECT, 0x30,          # internal current reference while on
            SET_CHARGE_PUMP, 0x10 if ext else 0x14,
            SET_DISP | 0x01,                # on
        )
        for byte in sequence:
            self.write_cmd(byte)
        self.fill(0)
        self.show()

    def poweroff(self):
        self.write_cmd(SET_DISP)

    def poweron(self):
        self.write_cmd(SET_DISP | 0x01)

    def contrast(self, contrast):
        self.write_cmd(SET_CONTRAST)
        self.write_cmd(contrast)

    def invert(self, invert):
        self.write_cmd(SET_NORM_INV | (invert & 1))

    def rotate(self, rotate):
        flip = rotate & 1
        self.write_cmd(SET_COM_OUT_DIR | (flip << 3))
        self.write_cmd(SET_SEG_REMAP | flip)

    def show(self):
        first = 0
        if self.width != _COLUMNS:
            first = (_COLUMNS - self.width) // 2
        for byte in (SET_COL_ADDR, first, first + self.width - 1, SET_PAGE_ADDR, 0, self.pages - 1):
            self.write_cmd(byte)
        self.write_data(self.buffer)


class SSD1306_I2C(SSD1306):
    # The first byte of each I2C write: Co=1 D/C#=0 for one command, Co=0 D/C#=1 for data.
    def __init__(self, width, height, i2c, addr=0x3C, external_vcc=False):
        self.i2c = i2c
        self.addr = addr
        self.temp = bytearray(2)
        self.write_list = [b"\x40", None]
        super().__init__(width, height, external_vcc)

    def write_cmd(self, cmd):
        message = self.temp
        message[0] = 0x80
        message[1] = cmd
        self.i2c.writeto(self.addr, message)

    def write_data(self, buf):
        parts = self.write_list
        parts[1] = buf
        self.i2c.writevto(self.addr, parts)


class SSD1306_SPI(SSD1306):
    # D/C low for commands, high for data; the panel is reset by pulsing RES low.
    def __init__(self, width, height, spi, dc, res, cs, external_vcc=False):
        import time

        self.rate = 10 * 1024 * 1024
        dc.init(dc.OUT, value=0)
        res.init(res.OUT, value=0)
        cs.init(cs.OUT, value=1)
        self.spi = spi
        self.dc = dc
        self.res = res
        self.cs = cs
        res(1)
        time.sleep_ms(1)
        res(0)
        time.sleep_ms(10)
        res(1)
        super().__init__(width, height, external_vcc)

    def _send(self, dc, buf):
        self.spi.init(baudrate=self.rate, polarity=0, phase=0)
        cs = self.cs
        cs(1)
        self.dc(dc)
        cs(0)
        self.spi.write(buf)
        cs(1)

    def write_cmd(self, cmd):
        self._send(0, bytearray((cmd,)))

    def write_data(self, buf):
        self._send(1, buf)
