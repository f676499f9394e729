# Every pixel format: fill, pixel set/get, lines, rectangles, clipping; the raw bytes after each.
import framebuf

FORMATS = (
    ("MONO_VLSB", framebuf.MONO_VLSB, 1),
    ("MONO_HLSB", framebuf.MONO_HLSB, 1),
    ("MONO_HMSB", framebuf.MONO_HMSB, 1),
    ("GS2_HMSB", framebuf.GS2_HMSB, 3),
    ("GS4_HMSB", framebuf.GS4_HMSB, 15),
    ("GS8", framebuf.GS8, 255),
    ("RGB565", framebuf.RGB565, 0xF81F),
)


def size(fmt, w, h):
    if fmt == framebuf.MONO_VLSB:
        return w * ((h + 7) // 8)
    if fmt in (framebuf.MONO_HLSB, framebuf.MONO_HMSB):
        return ((w + 7) // 8) * h
    if fmt == framebuf.GS2_HMSB:
        return ((w + 3) // 4) * h
    if fmt == framebuf.GS4_HMSB:
        return ((w + 1) // 2) * h
    if fmt == framebuf.GS8:
        return w * h
    return 2 * w * h


for name, fmt, top in FORMATS:
    w, h = 10, 9
    buf = bytearray(size(fmt, w, h))
    fb = framebuf.FrameBuffer(buf, w, h, fmt)
    print(name, len(buf))
    fb.fill(top)
    print(" fill", buf.hex())
    fb.fill(0)
    fb.pixel(0, 0, top)
    fb.pixel(9, 8, top)
    fb.pixel(3, 4, 1)
    fb.pixel(10, 0, top)   # outside: ignored
    fb.pixel(-1, 0, top)
    print(" pixel", buf.hex(), fb.pixel(0, 0), fb.pixel(3, 4), fb.pixel(9, 8), fb.pixel(1, 1), fb.pixel(10, 0), fb.pixel(0, -1))
    fb.fill(0)
    fb.hline(-3, 2, 8, top)
    fb.vline(7, -2, 20, top)
    print(" lines", buf.hex())
    fb.fill(0)
    fb.rect(1, 1, 8, 7, top)
    print(" rect", buf.hex())
    fb.fill(0)
    fb.rect(2, 3, 20, 20, top, True)
    print(" rect fill", buf.hex())
    fb.fill(0)
    fb.fill_rect(-5, -5, 8, 7, top)
    fb.fill_rect(5, 5, 0, 3, top)
    fb.fill_rect(5, 5, 3, -1, top)
    print(" fill_rect", buf.hex())
    # colour bits beyond the format's are dropped
    fb.fill(0)
    fb.pixel(1, 1, 0x12345)
    print(" wide colour", fb.pixel(1, 1))

# stride wider than width
buf = bytearray(4 * 3)
fb = framebuf.FrameBuffer(buf, 2, 3, framebuf.GS8, 4)
fb.fill(7)
print(buf.hex())
buf = bytearray(2 * 16)
fb = framebuf.FrameBuffer(buf, 9, 2, framebuf.MONO_HLSB, 12)
fb.fill(1)
print(buf.hex())
# FrameBuffer1: MONO_VLSB, optional stride
buf = bytearray(16)
fb = framebuf.FrameBuffer1(buf, 8, 8)
fb.hline(0, 0, 8, 1)
print(type(fb).__name__, buf.hex())
fb = framebuf.FrameBuffer1(buf, 4, 8, 8)
fb.fill(1)
print(buf.hex())
print(framebuf.MVLSB, framebuf.MONO_VLSB, framebuf.RGB565, framebuf.GS4_HMSB, framebuf.MONO_HLSB,
      framebuf.MONO_HMSB, framebuf.GS2_HMSB, framebuf.GS8)
