# Lines, ellipses, polygons, scrolling, blitting and text, shown as ASCII art.
import framebuf
from array import array

W, H = 24, 16
buf = bytearray(W * H)
fb = framebuf.FrameBuffer(buf, W, H, framebuf.GS8)


def count(v):
    return sum(1 for b in buf if b == v)


def show(title):
    print(title)
    for y in range(H):
        print("".join(".123456789abcdefghijklmnopqrstuvwxyz"[min(fb.pixel(x, y), 35)] for x in range(W)))
    fb.fill(0)


fb.line(0, 0, 23, 15, 1)
fb.line(23, 0, 0, 15, 2)
fb.line(3, 14, 3, 1, 3)
fb.line(20, 2, 5, 2, 4)
fb.line(-10, 5, 40, 9, 5)
fb.line(12, -30, 14, 40, 6)
show("lines")

fb.line(-100000, -100000, 100000, 100000, 1)
fb.line(100000, 3, -100000, 4, 2)
fb.line(5, 5, 5, 5, 3)
fb.line(30, 17, -300000, 20000, 4)
show("long lines")

fb.ellipse(11, 7, 10, 6, 1)
fb.ellipse(11, 7, 4, 4, 2, True)
fb.ellipse(11, 7, 0, 0, 3)
show("ellipses")
for m in range(16):
    fb.ellipse(8, 8, 6, 5, 1, m & 1 == 1, m)
    fb.ellipse(20, 4, 3, 7, 2, False, m)
    print("mask", m, count(1), count(2))
    fb.fill(0)
fb.ellipse(0, 0, 30, 3, 1, True)
fb.ellipse(23, 15, 2, 40, 2)
show("big ellipses")

fb.poly(2, 2, array("h", [0, 0, 10, 2, 6, 10, -1, 8]), 1)
fb.poly(12, 1, array("b", [5, 0, 10, 5, 5, 13, 0, 5]), 2, True)
show("polygons")
fb.poly(0, 0, bytearray([1, 1, 20, 3, 8, 14]), 3, True)
fb.poly(0, 0, b"\x14\x01\x16\x0e", 4)
fb.poly(5, 5, array("i", [1, 2, 3]), 5)   # odd count: last value ignored
fb.poly(5, 5, array("i"), 6)
show("more polygons")
fb.poly(0, 0, array("i", [-100000, 3, 100000, 3, 0, 100000]), 7, True)
show("huge polygon")

for y in range(H):
    for x in range(W):
        fb.pixel(x, y, (x + y) % 9 + 1)
fb.scroll(3, 2)
show("scroll 3 2")
for y in range(H):
    for x in range(W):
        fb.pixel(x, y, (x * 3 + y) % 9 + 1)
fb.scroll(-5, -1)
show("scroll -5 -1")
fb.fill(4)
fb.scroll(24, 0)
fb.scroll(0, -16)
print("scroll out", count(4))
fb.fill(0)

fb.text("Hi!", 0, 0)
fb.text("ok", 18, 9, 7)
fb.text("~", -3, -2, 2)
show("text")

src = framebuf.FrameBuffer(bytearray(b"\x01\x02\x03\x00\x02\x01\x00\x03\x03"), 3, 3, framebuf.GS8)
fb.blit(src, 0, 0)
fb.blit(src, 5, 1, 0)
fb.blit(src, 10, 1, 3)
fb.blit(src, -1, 12)
fb.blit(src, 22, 14)
fb.blit(src, 30, 0)
fb.blit(src, -3, 0)
pal = framebuf.FrameBuffer(bytearray(b"\x00\x07\x08\x09"), 4, 1, framebuf.GS8)
fb.blit(src, 15, 1, -1, pal)
fb.blit(src, 15, 5, 8, pal)
fb.blit((bytearray(b"\xff\x81\xff"), 8, 3, framebuf.MONO_HLSB), 0, 6, 0)
fb.blit([b"\x05\x06", 2, 1, framebuf.GS8], 10, 8)
fb.blit((b"\x05\x06\x07\x08", 2, 1, framebuf.GS8, 4), 10, 9)
show("blit")

# a mono source blitted with a two-entry RGB565 palette
mono = framebuf.FrameBuffer(bytearray(b"\xa5"), 8, 1, framebuf.MONO_HLSB)
rgb = bytearray(16)
dst = framebuf.FrameBuffer(rgb, 8, 1, framebuf.RGB565)
pal = framebuf.FrameBuffer(bytearray(b"\x34\x12\x78\x56"), 2, 1, framebuf.RGB565)
dst.blit(mono, 0, 0, -1, pal)
print(rgb.hex())
# palette indexes beyond the palette's width read the rest of its buffer
pal = framebuf.FrameBuffer(bytearray(b"\x05\x06\x07\x08"), 1, 1, framebuf.GS8)
dst = framebuf.FrameBuffer(bytearray(4), 4, 1, framebuf.GS8)
dst.blit(framebuf.FrameBuffer(bytearray(b"\x00\x01\x03\x02"), 4, 1, framebuf.GS8), 0, 0, -1, pal)
print(bytes(dst))
