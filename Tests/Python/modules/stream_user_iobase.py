# Streams written in Python (io.IOBase subclasses): print(file=...) writes each piece, and a
# write or readinto that reports more bytes than it was given is OSError(EIO); json.load
# reads through readinto; sys.print_exception writes to the given stream.
import io
import json
import sys


class Sink(io.IOBase):
    def __init__(self, extra=0):
        self.parts = []
        self.extra = extra

    def write(self, buf):
        self.parts.append(bytes(buf))
        return len(buf) + self.extra

    def ioctl(self, req, arg):
        return 0


class Source(io.IOBase):
    def __init__(self, data, extra=0):
        self.data = data
        self.extra = extra

    def readinto(self, buf):
        n = min(len(buf), len(self.data))
        buf[:n] = self.data[:n]
        self.data = self.data[n:]
        return n + self.extra if n else 0

    def ioctl(self, req, arg):
        return 0


s = Sink()
print("abc", 12, sep="-", end="!\n", file=s)
print(s.parts)
try:
    print("abc", file=Sink(1))
except OSError as e:
    print("write errno", e.errno)
print(json.load(Source(b'{"a": [1, 2.5, "x"]}')))
try:
    json.load(Source(b"[1]", 2))
except OSError as e:
    print("read errno", e.errno)
try:
    raise ValueError("v")
except ValueError as e:
    buf = io.StringIO()
    sys.print_exception(e, buf)
    print(buf.getvalue().split("\n")[-2])
