# A RAM block device with MicroPython's extended block protocol (NOR-like: erase sets 0xff).
class RAMDisk:
    def __init__(self, block_size, blocks):
        self.bs = block_size
        self.data = bytearray(b"\xff" * (block_size * blocks))

    def readblocks(self, n, buf, off=0):
        a = n * self.bs + off
        buf[:] = self.data[a:a + len(buf)]

    def writeblocks(self, n, buf, off=None):
        a = n * self.bs + (off or 0)
        self.data[a:a + len(buf)] = buf

    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // self.bs
        if op == 5:
            return self.bs
        if op == 6:
            self.data[arg * self.bs:(arg + 1) * self.bs] = b"\xff" * self.bs
            return 0
        return 0
