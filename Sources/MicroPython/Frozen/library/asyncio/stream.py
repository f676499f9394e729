# asyncio for this project: streams (Stream, alias StreamReader/StreamWriter), open_connection,
# start_server.  The network functions import socket when called.

from . import core


class Stream:
    def __init__(self, s, e={}):
        self.s = s
        self.e = e
        self.out_buf = b""

    def get_extra_info(self, v):
        return self.e[v]

    def close(self):
        pass

    async def wait_closed(self):
        self.s.close()

    # Each reader waits for the stream to be readable, then reads what it can without blocking
    # (a non-blocking stream's read gives None when nothing is there).
    async def read(self, n=-1):
        got = b""
        while True:
            yield core._io_queue.queue_read(self.s)
            chunk = self.s.read(n)
            if chunk is None:
                continue
            if n >= 0:
                return chunk
            if not len(chunk):
                return got
            got += chunk

    async def readinto(self, buf):
        yield core._io_queue.queue_read(self.s)
        return self.s.readinto(buf)

    async def readexactly(self, n):
        got = b""
        while n:
            yield core._io_queue.queue_read(self.s)
            chunk = self.s.read(n)
            if chunk is None:
                continue
            if not len(chunk):
                raise EOFError
            got += chunk
            n -= len(chunk)
        return got

    async def readline(self):
        line = b""
        while True:
            yield core._io_queue.queue_read(self.s)
            part = self.s.readline()
            if part is None:
                continue
            line += part
            if not part or line[-1] == 10:  # ends at "\n" or EOF
                return line

    def write(self, buf):
        # Write at once when nothing is pending; keep what the stream did not take for drain.
        if not self.out_buf:
            n = self.s.write(buf)
            if n == len(buf):
                return
            if n is not None:
                buf = buf[n:]
        self.out_buf += buf

    async def drain(self):
        if not self.out_buf:
            # Always yield, so that a loop of write and drain lets other tasks run.
            return await core.sleep_ms(0)
        mv = memoryview(self.out_buf)
        off = 0
        while off < len(mv):
            yield core._io_queue.queue_write(self.s)
            n = self.s.write(mv[off:])
            if n is not None:
                off += n
        self.out_buf = b""


# Legacy uasyncio names.
StreamReader = Stream
StreamWriter = Stream


async def open_connection(host, port, ssl=None, server_hostname=None):
    from errno import EINPROGRESS
    import socket

    ai = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    s = socket.socket(ai[0], ai[1], ai[2])
    s.setblocking(False)
    try:
        s.connect(ai[-1])
    except OSError as er:
        if er.errno != EINPROGRESS:
            raise er
    if ssl:
        if ssl is True:
            import ssl as _ssl

            ssl = _ssl.SSLContext(_ssl.PROTOCOL_TLS_CLIENT)
        if not server_hostname:
            server_hostname = host
        s = ssl.wrap_socket(s, server_hostname=server_hostname, do_handshake_on_connect=False)
        s.setblocking(False)
    ss = Stream(s)
    yield core._io_queue.queue_write(s)  # connected once writable
    return ss, ss


class Server:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()
        await self.wait_closed()

    def close(self):
        # The serving task has started (start_server let it run), so it reads this flag.
        self.closing = True
        self.task.cancel()

    async def wait_closed(self):
        await self.task

    async def _serve(self, s, cb, ssl):
        self.closing = False
        while True:
            try:
                yield core._io_queue.queue_read(s)
            except core.CancelledError as er:
                s.close()
                if self.closing:
                    return  # close() asked for it: the server ends normally
                raise er  # cancelled from outside (e.g. its parent): pass it on
            try:
                s2, addr = s.accept()
            except:
                # e.g. the client gave up before the accept
                continue
            if ssl:
                try:
                    s2 = ssl.wrap_socket(s2, server_side=True, do_handshake_on_connect=False)
                except OSError as e:
                    core.sys.print_exception(e)
                    s2.close()
                    continue
            s2.setblocking(False)
            s2s = Stream(s2, {"peername": addr})
            core.create_task(cb(s2s, s2s))


async def start_server(cb, host, port, backlog=5, ssl=None):
    import socket

    ai = socket.getaddrinfo(host, port)[0]
    s = socket.socket()
    s.setblocking(False)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(ai[-1])
    s.listen(backlog)
    srv = Server()
    srv.task = core.create_task(srv._serve(s, cb, ssl))
    try:
        # Let the server task start, so that it is listening when this returns.
        await core.sleep_ms(0)
    except:
        srv.task.cancel()
        raise
    return srv


async def stream_awrite(self, buf, off=0, sz=-1):
    if off != 0 or sz != -1:
        buf = memoryview(buf)
        if sz == -1:
            sz = len(buf)
        buf = buf[off : off + sz]
    self.write(buf)
    await self.drain()


Stream.aclose = Stream.wait_closed
Stream.awrite = stream_awrite
Stream.awritestr = stream_awrite
