# asyncio streams over a user stream (io.IOBase with ioctl): the task waits in select.poll until
# the stream reports readable/writable; read, readline, readexactly, readinto, write, drain, awrite
import asyncio, io

MP_STREAM_POLL = 3
POLLIN = 1
POLLOUT = 4


class Pipe(io.IOBase):
    # A non-blocking byte pipe: read gives None when empty; write takes at most `room` bytes.
    def __init__(self, room=4):
        self.buf = bytearray()
        self.room = room
        self.closed = False
        self.written = bytearray()
        self.eof = False

    def ioctl(self, req, arg):
        if req == MP_STREAM_POLL:
            r = 0
            if arg & POLLIN and (self.buf or self.eof):
                r |= POLLIN
            if arg & POLLOUT and self.room:
                r |= POLLOUT
            return r
        return -1

    def read(self, n=-1):
        if not self.buf:
            return b"" if self.eof else None
        if n < 0:
            n = len(self.buf)
        d = bytes(self.buf[:n])
        self.buf = self.buf[n:]
        return d

    def readinto(self, b):
        d = self.read(len(b))
        if d is None:
            return None
        b[: len(d)] = d
        return len(d)

    def readline(self):
        if not self.buf:
            return b"" if self.eof else None
        i = self.buf.find(b"\n")
        return self.read(len(self.buf) if i < 0 else i + 1)

    def write(self, b):
        n = min(len(b), self.room)
        if not n:
            return None
        self.written += b[:n]
        self.room -= n
        return n

    def close(self):
        self.closed = True
        print("closed")


async def feeder(p, chunks):
    # One chunk at a time, once the reader has taken everything before it.
    for c in chunks:
        await asyncio.sleep_ms(2)
        while p.buf:
            await asyncio.sleep_ms(1)
        if c is None:
            p.eof = True
        else:
            p.buf += c


async def drainer(p):
    for i in range(6):
        await asyncio.sleep_ms(2)
        p.room += 3


async def main():
    p = Pipe()
    s = asyncio.StreamReader(p, {"peername": ("here", 1)})
    print(s.get_extra_info("peername"))
    asyncio.create_task(feeder(p, [b"ab", b"c\nde", b"f\n", b"ghij", b"klmnop", b"q", None]))
    print(await s.readline())
    print(await s.readline())
    print(await s.readexactly(3))
    print(await s.read(2))
    b = bytearray(3)
    print(await s.readinto(b), b)
    print(await s.read())
    try:
        await s.readexactly(1)
    except EOFError:
        print("EOFError")

    w = asyncio.StreamWriter(p, {})
    w.write(b"12")
    print(p.written, w.out_buf)
    w.write(b"345")
    print(p.written, w.out_buf)
    w.write(b"67")
    asyncio.create_task(drainer(p))
    await w.drain()
    print(p.written, w.out_buf)
    await w.awrite(b"xyzXYZ", 1, 3)
    print(p.written)
    await w.drain()
    await w.wait_closed()
    print(p.closed)


asyncio.run(main())
