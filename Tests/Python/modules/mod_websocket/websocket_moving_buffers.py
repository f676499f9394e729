# A Python stream under a websocket may change the buffers the websocket reads into or
# writes from while it runs: the data lands where the buffer is now, and what is sent is
# what the buffer held when write() was called. (The C port would use the old addresses.)
import io
import websocket

target = bytearray(4)


class Grower(io.IOBase):
    def __init__(self, data):
        self.data = data
        self.out = bytearray()

    def readinto(self, buf):
        target.extend(bytes(100))   # moves target's bytes elsewhere in the heap
        n = min(len(buf), len(self.data))
        buf[:n] = self.data[:n]
        self.data = self.data[n:]
        return n

    def write(self, buf):
        payload.extend(b"!" * 100)  # changes the buffer being sent
        self.out += buf
        return len(buf)

    def ioctl(self, req, arg):
        return 0


g = Grower(b"\x82\x04wxyz")
ws = websocket.websocket(g)
print(ws.readinto(target), target[:6], len(target))
payload = bytearray(b"abc")
print(ws.write(payload), g.out, len(payload))
