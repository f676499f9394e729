# FrameBuffer as a buffer and as a base class.
import framebuf

buf = bytearray(4)
fb = framebuf.FrameBuffer(buf, 2, 2, framebuf.GS8)
fb.fill(7)
print(bytes(fb), bytearray(fb), len(memoryview(fb)))
m = memoryview(fb)
m[0] = 1
print(buf, fb.pixel(0, 0))
# a FrameBuffer over a FrameBuffer's buffer
fb2 = framebuf.FrameBuffer(fb, 4, 1, framebuf.GS8)
fb2.pixel(3, 0, 9)
print(buf)
fb3 = framebuf.FrameBuffer(fb2, 32, 1, framebuf.MONO_HLSB)
fb3.fill(0)
print(buf)
print(type(fb) is framebuf.FrameBuffer, isinstance(fb, framebuf.FrameBuffer))
try:
    framebuf.FrameBuffer(fb, 8, 1, framebuf.GS8)
except ValueError:
    print("ValueError")


class Display(framebuf.FrameBuffer):
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.buf = bytearray(w * h)
        super().__init__(self.buf, w, h, framebuf.GS8)

    def border(self, c):
        self.rect(0, 0, self.w, self.h, c)


d = Display(4, 3)
d.border(5)
print(d.buf, bytes(d), d.pixel(1, 1), d.pixel(0, 0))
print(isinstance(d, framebuf.FrameBuffer), type(d).__name__)
d.text("x", -2, -2, 1)
print(bytes(d))
# A subclass instance blits and is blitted, draws into another FrameBuffer's buffer
fb = framebuf.FrameBuffer(bytearray(12), 4, 3, framebuf.GS8)
fb.blit(d, 0, 0)
print(bytes(fb))
d.fill(0)
d.blit(fb, 1, 1, 0)
print(bytes(d))
over = framebuf.FrameBuffer(d, 12, 1, framebuf.GS8)
over.fill(2)
print(d.buf)


# A subclass without __init__ takes FrameBuffer's arguments
class Plain(framebuf.FrameBuffer):
    def dot(self):
        self.pixel(0, 0, 1)


p = Plain(bytearray(1), 8, 1, framebuf.MONO_HLSB)
p.dot()
print(bytes(p))
try:
    Plain(bytearray(1), 8, 1)
except TypeError as e:
    print("TypeError", e)


# __init__ that never calls super().__init__: the FrameBuffer part can't be made
class Forgot(framebuf.FrameBuffer):
    def __init__(self):
        self.x = 1


try:
    Forgot()
except TypeError as e:
    print("TypeError", e)


# super().__init__ with bad arguments
class Bad(framebuf.FrameBuffer):
    def __init__(self, n):
        super().__init__(bytearray(n), 8, 8, framebuf.GS8)


for n in (64, 63):
    try:
        print(len(bytes(Bad(n))))
    except ValueError:
        print("ValueError")


# subclass of a subclass
class Deeper(Display):
    def __init__(self):
        super().__init__(2, 2)


e = Deeper()
e.border(1)
print(e.buf, e.w)


# the two-argument super() form, and a super().__init__ call kept for later
class Explicit(framebuf.FrameBuffer):
    def __init__(self):
        super(Explicit, self).__init__(bytearray(1), 8, 1, framebuf.MONO_HLSB)


x = Explicit()
x.fill(1)
print(bytes(x))


class Later(framebuf.FrameBuffer):
    def __init__(self):
        init = super().__init__
        init(bytearray(2), 2, 1, framebuf.GS8)


y = Later()
y.pixel(1, 0, 4)
print(bytes(y))
