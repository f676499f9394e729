# WS2812 / NeoPixel strips driven with machine.bitstream.
from machine import bitstream

# Bit timings in nanoseconds: (high for 0, low for 0, high for 1, low for 1).
_TIMING_800KHZ = (400, 850, 800, 450)
_TIMING_400KHZ = (800, 1700, 1600, 900)


class NeoPixel:
    # Where each colour of a pixel goes in the buffer: the chips want green, red, blue (white).
    ORDER = (1, 0, 2, 3)

    def __init__(self, pin, n, bpp=3, timing=1):
        self.pin = pin
        self.n = n
        self.bpp = bpp
        self.buf = bytearray(n * bpp)
        pin.init(pin.OUT)
        if isinstance(timing, int):
            self.timing = _TIMING_800KHZ if timing else _TIMING_400KHZ
        else:
            self.timing = timing

    def __len__(self):
        return self.n

    def __setitem__(self, index, colour):
        base = index * self.bpp
        order = self.ORDER
        buf = self.buf
        for i in range(self.bpp):
            buf[base + order[i]] = colour[i]

    def __getitem__(self, index):
        base = index * self.bpp
        order = self.ORDER
        buf = self.buf
        return tuple(buf[base + order[i]] for i in range(self.bpp))

    def fill(self, colour):
        for i in range(self.n):
            self[i] = colour

    def write(self):
        bitstream(self.pin, 0, self.timing, self.buf)
