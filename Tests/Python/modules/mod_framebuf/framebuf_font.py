# Every glyph of the 8x8 font (characters 32..127; others draw as 127), row by row in hex,
# and text clipped at each edge and drawn in every format.
import framebuf

buf = bytearray(8)
fb = framebuf.FrameBuffer(buf, 8, 8, framebuf.MONO_HLSB)
for c in range(32, 128):
    fb.fill(0)
    fb.text(chr(c), 0, 0)
    print(c, buf.hex())
for s in ("\x1f", "\x00", "\x80", "é", "€"):
    fb.fill(0)
    fb.text(s, 0, 0)
    print(repr(s), buf.hex())

# one wide buffer: a string, clipped left/right/top/bottom
W, H = 20, 10
big = bytearray(W * H)
fb = framebuf.FrameBuffer(big, W, H, framebuf.GS8)
for x, y in ((-4, 0), (15, 0), (0, -5), (3, 6), (-8, 0), (20, 0), (0, 10), (0, -8)):
    fb.fill(0)
    fb.text("Ag", x, y, 3)
    print(x, y)
    for row in range(H):
        print("".join("#" if big[row * W + col] else "." for col in range(W)))

# colour in each format
for fmt, n in ((framebuf.MONO_VLSB, 8), (framebuf.MONO_HMSB, 8), (framebuf.GS2_HMSB, 16),
               (framebuf.GS4_HMSB, 32), (framebuf.RGB565, 128)):
    b = bytearray(n)
    framebuf.FrameBuffer(b, 8, 8, fmt).text("%", 0, 0, 0xABCD)
    print(fmt, b.hex())
