# asyncio.open_connection and start_server over a stand-in socket module (put in sys.modules,
# as the port has no socket yet): in-memory connected pairs polled through ioctl.
import sys, io, errno
import asyncio

POLLIN = 1
POLLOUT = 4


class FakeSocket(io.IOBase):
    listeners = {}

    def __init__(self, *args):
        self.inbox = bytearray()
        self.peer = None
        self.pending = []
        self.eof = False
        self.blocking = True

    def setblocking(self, flag):
        self.blocking = flag

    def setsockopt(self, *args):
        pass

    def bind(self, addr):
        self.addr = addr

    def listen(self, backlog):
        FakeSocket.listeners[self.addr] = self
        print("listening on", self.addr, "backlog", backlog)

    def connect(self, addr):
        server = FakeSocket()
        server.peer = self
        self.peer = server
        FakeSocket.listeners[addr].pending.append(server)
        raise OSError(errno.EINPROGRESS)

    def accept(self):
        return self.pending.pop(0), ("10.0.0.2", 4321)

    def ioctl(self, req, arg):
        if req != 3:
            return -1
        r = 0
        if arg & POLLIN and (self.inbox or self.pending or self.eof):
            r |= POLLIN
        if arg & POLLOUT and self.peer is not None:
            r |= POLLOUT
        return r

    def read(self, n=-1):
        if not self.inbox:
            return b"" if self.eof else None
        if n < 0:
            n = len(self.inbox)
        d = bytes(self.inbox[:n])
        self.inbox = self.inbox[n:]
        return d

    def readline(self):
        i = self.inbox.find(b"\n")
        if i < 0:
            return self.read()
        return self.read(i + 1)

    def write(self, b):
        self.peer.inbox += b
        return len(b)

    def close(self):
        if self.peer is not None:
            self.peer.eof = True
        print("close", "connection" if self.peer is not None else "listener")


class FakeSocketModule:
    SOCK_STREAM = 1
    SOL_SOCKET = 1
    SO_REUSEADDR = 4
    socket = FakeSocket

    @staticmethod
    def getaddrinfo(host, port, *args):
        return [(2, 1, 0, "", (host, port))]


sys.modules["socket"] = FakeSocketModule


async def handle(reader, writer):
    print("server: peer", writer.get_extra_info("peername"))
    line = await reader.readline()
    print("server got", line)
    writer.write(line.upper())
    await writer.drain()
    print("server: client's rest", await reader.read())
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "0.0.0.0", 8080, backlog=2)
    reader, writer = await asyncio.open_connection("0.0.0.0", 8080)
    writer.write(b"hello\n")
    await writer.drain()
    print("client got", await reader.readline())
    await writer.awrite(b"..bye", 2)
    await writer.aclose()
    await asyncio.sleep_ms(10)
    async with server:
        pass
    print("server closed")


asyncio.run(main())
