# Import from a user filesystem: the stat/open/ioctl calls and the readinto buffer sizes the
# reader uses (vfs_reader.c: what two GC blocks leave after its header; a short read ends it).
import sys, vfs
from io import IOBase
answer = -1  # ioctl(GET_BUFFER_SIZE): -1 is no answer, the reader's default then
data = b"x = 1\n" * 40  # 240 bytes: whole buffers, then a short read
last = [0]
class File(IOBase):
    def __init__(self): self.off = 0
    def ioctl(self, req, arg):
        print('ioctl', req)
        if req == 4: return 0
        return answer
    def readinto(self, buf):
        if answer == -1 or len(buf) != last[0]:
            print('readinto', len(buf))
        last[0] = len(buf)
        n = len(data) - self.off
        n = min(n, len(buf))
        buf[:n] = data[self.off:self.off+n]
        self.off += n
        return n
class FS:
    def mount(self, r, m): pass
    def chdir(self, p): pass
    def stat(self, p):
        print('stat', p)
        if p == "/mod.py": return tuple(0 for _ in range(10))
        raise OSError(-2)
    def open(self, p, m): print('open', p, m); return File()
vfs.mount(FS(), "/r")
sys.path.insert(0, "/r")
import mod
print(mod.x)
# an answer is kept within the reader's minimum and 255
for answer in (4, 40, 1000):
    data = b"y = %d\n" % answer * 50
    del sys.modules['mod']
    import mod
    print(mod.y)
