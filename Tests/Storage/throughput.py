# Measurement, not a test: write then read back 1 MiB in 4 KiB chunks through open() on a
# littlefs v2 mounted from a Python block device laid out as the ESP8266's flash filesystem
# (763 blocks of 4096 bytes). Run: micropython -X heapsize=8M Tests/Storage/throughput.py
import vfs, time, os
class Flash:
    def __init__(self, n):
        self.data = bytearray(b'\xff' * (n * 4096))
    def readblocks(self, b, buf, off=0):
        a = b * 4096 + off
        buf[:] = self.data[a:a + len(buf)]
    def writeblocks(self, b, buf, off=0):
        a = b * 4096 + off
        self.data[a:a + len(buf)] = buf
    def ioctl(self, op, arg):
        if op == 4: return len(self.data) // 4096
        if op == 5: return 4096
        if op == 6:
            self.data[arg * 4096:(arg + 1) * 4096] = b'\xff' * 4096
            return 0
        return 0
bd = Flash(763)
vfs.VfsLfs2.mkfs(bd)
vfs.mount(bd, '/flash')
chunk = bytes(range(256)) * 16
t0 = time.ticks_ms()
with open('/flash/big.bin', 'wb') as f:
    for i in range(256):
        f.write(chunk)
n = 0
with open('/flash/big.bin', 'rb') as f:
    while True:
        b = f.read(4096)
        if not b: break
        assert b == chunk
        n += len(b)
t1 = time.ticks_ms()
print(n, time.ticks_diff(t1, t0), 'ms')
