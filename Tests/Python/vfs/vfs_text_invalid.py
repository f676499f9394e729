# Reading a file in text mode checks its bytes are UTF-8 (UnicodeError if not); binary mode
# returns them as they are.
import os, sys, vfs
sys.path.append((__file__.rsplit("/", 1)[0] if "/" in __file__ else ".") + "/lib")
from ramdisk import RAMDisk

bdev = RAMDisk(512, 64)
vfs.VfsLfs2.mkfs(bdev)
vfs.mount(bdev, "/ti")
with open("/ti/bad.txt", "wb") as f:
    f.write(b"good line\n\xff\xfe bad\n")
with open("/ti/ok.txt", "wb") as f:
    f.write("caf\u00e9\n".encode())

for mode in ("r", "rb"):
    with open("/ti/bad.txt", mode) as f:
        try:
            print(mode, repr(f.read()))
        except UnicodeError:
            print(mode, "UnicodeError")
with open("/ti/bad.txt") as f:
    print(repr(f.readline()))
    try:
        f.readline()
    except UnicodeError:
        print("readline UnicodeError")
with open("/ti/ok.txt") as f:
    print(repr(f.read()))
vfs.umount("/ti")
