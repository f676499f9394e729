# Coordinates far outside the frame: the C port steps through every point of such lines and
# polygons (minutes, or hours), this one skips the steps outside the frame: same pixels.
import framebuf
from array import array

W, H = 12, 8
buf = bytearray(W * H)
fb = framebuf.FrameBuffer(buf, W, H, framebuf.GS8)


def show(title):
    print(title)
    for y in range(H):
        print("".join(".123456789"[fb.pixel(x, y)] for x in range(W)))
    fb.fill(0)


# the diagonal through the frame, from far away on both sides
fb.line(-(10 ** 12), -(10 ** 12), 10 ** 12, 10 ** 12, 1)
show("diagonal")
# nearly flat: y changes by 1 over 2*10**12 steps, so it is 3 across the whole frame
fb.line(10 ** 12, 3, -(10 ** 12), 4, 2)
show("flat")
# steep, and ending inside the frame
fb.line(5, 5, 5, -(2 ** 40), 3)
fb.line(2 ** 40, 2 ** 40 + 7, 0, 7, 4)
show("steep and ending")
# a polygon with far vertices, filled and outlined; as in C, the filled rows go through
# fill_rect's int arguments, which these spans overflow (only the horizontal edge, drawn as a
# line, shows)
fb.poly(0, 0, array("q", [-(2 ** 40), 2, 2 ** 40, 2, 0, 2 ** 40]), 5, True)
show("huge filled triangle")
fb.poly(6, 0, array("q", [0, -(2 ** 40), 0, 2 ** 40]), 6)
show("huge outline")
# ellipses bigger than any display
fb.ellipse(6, 4, 10 ** 6, 3, 7)
show("wide ellipse")
fb.ellipse(6, 4, 2, 10 ** 9, 8)
show("tall ellipse")
fb.ellipse(-(10 ** 9), -(10 ** 9), 5, 5, 9, True)
show("far ellipse")

# A buffer that grows (and moves) is drawn into where it is now.
grow = bytearray(4)
g = framebuf.FrameBuffer(grow, 2, 2, framebuf.GS8)
grow.extend(bytes(1000))
g.fill(6)
print(grow[:5], len(grow))
