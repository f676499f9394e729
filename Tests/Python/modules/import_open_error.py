# Import from a user filesystem whose stat() finds the file but whose open() or readinto()
# raises: the error reaches the importer (the search does not go on to the next name).
import sys, vfs
from io import IOBase
class Broken(IOBase):
    def ioctl(self, req, arg):
        return -1 if req != 4 else 0
    def readinto(self, buf):
        raise OSError(5)
class FS:
    def __init__(self, fail_open): self.fail_open = fail_open
    def mount(self, r, m): pass
    def umount(self): pass
    def chdir(self, p): pass
    def stat(self, p):
        print('stat', p)
        if p.endswith("/mod.py"): return tuple(0 for _ in range(10))
        raise OSError(-2)
    def open(self, p, m):
        print('open', p, m)
        if self.fail_open: raise OSError(13)
        return Broken()
for fail_open, where in ((True, "/a"), (False, "/b")):
    vfs.mount(FS(fail_open), where)
    sys.path.insert(0, where)
    try:
        import mod
    except Exception as e:
        print(type(e).__name__, e)
    sys.path.pop(0)
    vfs.umount(where)
