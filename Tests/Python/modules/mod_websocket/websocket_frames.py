# websocket framing over in-memory and Python streams.
import io
import websocket


def frames(data, *sizes):
    ws = websocket.websocket(io.BytesIO(data))
    return [ws.read(n) for n in sizes]


def sent(payload, opts=None):
    s = io.BytesIO()
    ws = websocket.websocket(s)
    if opts is not None:
        print("old opts", ws.ioctl(9, opts))
    print("write ->", ws.write(payload))
    return s.getvalue()


print(frames(b"\x81\x05hello\x82\x03abc", 5, 3, 1))
print(frames(b"\x81\x05hello", 2, 2, 2, 2))
print(frames(b"\x81\x00\x82\x02hi", 2))                 # an empty frame is skipped
print(frames(b"\x01\x02ab\x89\x00\x00\x02cd\x80\x01e", 5))  # ping between pieces
print(frames(b"\x81\x84\x01\x02\x03\x04" + bytes(x ^ m for x, m in zip(b"mask", b"\x01\x02\x03\x04")), 4))
print(frames(b"\x81\xfe\x00\x03\x10\x20\x30\x40" + bytes(x ^ m for x, m in zip(b"abc", b"\x10\x20\x30")), 3))
print(frames(b"\x81\x7e\x01\x00" + bytes(range(256)), 300)[0][250:])
print(frames(b"\x8a\x03xyz\x81\x01!", 1))               # a pong with a payload larger than the read
print(frames(b"\x8a\x03xyz\x81\x01!", 3))

# close: answered with an empty close frame, then the end of the stream
s = io.BytesIO(b"\x88\x02\x03\xe8\x81\x01x")
ws = websocket.websocket(s)
print(ws.read(10), ws.read(10))
print(s.getvalue())

# the last data frame's type
ws = websocket.websocket(io.BytesIO(b"\x82\x01a\x01\x01b\x89\x00\x00\x01c"))
for i in range(3):
    print(ws.read(1), ws.ioctl(8))

# writes: text by default, binary after ioctl(9, 2); 16-bit lengths from 126 bytes
print(sent(b"hi"))
print(sent(b"", 2))
print(sent("text", 2))
print(sent(b"x" * 125)[:3], sent(b"x" * 126)[:5], len(sent(b"y" * 1000)))
print(sent(bytearray(b"abc"), 0x1F))
ws = websocket.websocket(io.BytesIO())
print(ws.ioctl(9, 2), ws.ioctl(9), ws.ioctl(9, 1), ws.ioctl(8))

# readline, readinto, read() to the end
ws = websocket.websocket(io.BytesIO(b"\x81\x06ab\ncd\n\x81\x02ef"))
print(ws.readline(), ws.readline(), ws.read())
ws = websocket.websocket(io.BytesIO(b"\x81\x04wxyz"))
b = bytearray(3)
print(ws.readinto(b), b, ws.readinto(b, 1), b)

# a 64-bit length: the stream is closed and the read raises EIO
s = io.BytesIO(b"\x81\x7f" + bytes(8) + b"data")
ws = websocket.websocket(s)
try:
    ws.read(4)
except OSError as e:
    print("OSError", e.errno)
try:
    s.read()
except ValueError as e:
    print("ValueError", e)

# errors
for args in ((), (1,), (None,), ("str",), (io.BytesIO(), False, 1)):
    try:
        websocket.websocket(*args)
    except Exception as e:
        print(type(e).__name__, e)
ws = websocket.websocket(io.BytesIO())
for f in (lambda: ws.ioctl(0), lambda: ws.ioctl(100, 1), lambda: ws.ioctl("x"), lambda: ws.write(1),
          lambda: ws.read("x"), lambda: websocket.websocket.read(1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
ws.close()
try:
    ws.read(1)
except ValueError as e:
    print("ValueError", e)
print(type(ws).__name__, sorted(n for n in dir(ws) if not n.startswith("__")))


# A Python stream: reads come a byte at a time, None when nothing is there yet;
# is_client=True makes each write blocking for its length.
class Trickle(io.IOBase):
    def __init__(self, data):
        self.data = data
        self.out = bytearray()
        self.log = []

    def readinto(self, buf):
        if not self.data:
            return None
        buf[0] = self.data[0]
        self.data = self.data[1:]
        return 1

    def write(self, buf):
        self.out += buf
        return len(buf)

    def ioctl(self, req, arg):
        self.log.append(("ioctl", req))
        return 0

    def setblocking(self, flag):
        self.log.append(("setblocking", flag))


t = Trickle(b"\x81\x03abc")
ws = websocket.websocket(t, True)
print(ws.read(2), ws.read(5), ws.read(1))
print(ws.write(b"ok"), t.out, t.log)
ws.close()
print(t.log[-1])
