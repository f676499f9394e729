# Files on littlefs v2 and FAT through vfs.mount, open() and os: modes, text and binary,
# reading styles, seeking, directories, errors, and persistence across remounts.
import os, sys, vfs
sys.path.append((__file__.rsplit("/", 1)[0] if "/" in __file__ else ".") + "/lib")
from ramdisk import RAMDisk


def show_errno(what, f, *args):
    try:
        f(*args)
        print(what, "ok")
    except OSError as e:
        print(what, "OSError", e.errno)


def exercise(name, fs_class, bdev):
    print("==", name)
    fs_class.mkfs(bdev)
    vfs.mount(bdev, "/fs")
    print([type(m[0]).__name__ for m in vfs.mount() if m[1] == "/fs"])
    os.chdir("/fs")
    print(os.getcwd(), os.listdir())

    with open("hello.txt", "w") as f:
        print(type(f).__name__, f.write("line one\n"), f.write("line two\nthird"))
    with open("hello.txt") as f:
        print(repr(f.read(4)), repr(f.readline()), f.readlines())
    with open("hello.txt", "a") as f:
        f.write("\nfourth\n")
    with open("hello.txt") as f:
        print([l for l in f])
    with open("hello.txt", "rb") as f:
        print(type(f).__name__, f.read())
        print(f.seek(5), f.read(3), f.tell(), f.seek(-3, 2), f.read(), f.seek(2, 1) if False else f.tell())

    with open("data.bin", "wb") as f:
        f.write(bytes(range(256)) * 20)
    buf = bytearray(100)
    with open("data.bin", "r+b") as f:
        print(f.readinto(buf), buf[:4], f.tell())
        f.seek(0)
        f.write(b"XYZ")
        f.seek(0)
        print(f.read(5))
    print(os.stat("data.bin")[0] == 0x8000, os.stat("data.bin")[6])
    show_errno("x-mode on existing", open, "data.bin", "x")
    with open("new.txt", "x") as f:
        f.write("made")
    show_errno("open missing", open, "missing.txt")

    os.mkdir("sub")
    show_errno("mkdir again", os.mkdir, "sub")
    with open("sub/inner.txt", "w") as f:
        f.write("inside")
    os.chdir("sub")
    print(os.getcwd(), os.listdir(), os.listdir("/fs"))
    print(open("../hello.txt").read(4), open("/fs/sub/inner.txt").read())
    os.chdir("..")
    os.rename("new.txt", "sub/moved.txt")
    print(sorted(os.listdir("sub")), sorted(os.listdir()))
    show_errno("remove missing", os.remove, "nope")
    show_errno("rmdir non-empty", os.rmdir, "sub")
    for n in os.listdir("sub"):
        os.remove("sub/" + n)
    os.rmdir("sub")
    print(sorted(os.ilistdir()))
    st = os.statvfs("/fs")
    print(st[0] > 0, st[2] > st[3] > 0, st[9])

    # Unmount, remount: everything is still there.
    os.chdir("/")
    vfs.umount("/fs")
    print("after umount:", "fs" in os.listdir("/"))
    vfs.mount(bdev, "/fs")
    print(sorted(os.listdir("/fs")), open("/fs/data.bin", "rb").read(4))

    # Fill it up: ENOSPC, and the filesystem stays usable and mountable.
    chunk = b"z" * 1024
    n = 0
    try:
        with open("/fs/fill.bin", "wb") as f:
            while True:
                f.write(chunk)
                n += 1
    except OSError as e:
        print("full:", e.errno, n > 10)
    vfs.umount("/fs")
    vfs.mount(bdev, "/fs")
    os.remove("/fs/fill.bin")
    print(sorted(os.listdir("/fs")), open("/fs/hello.txt").read(8))
    vfs.umount("/fs")


exercise("littlefs v2", vfs.VfsLfs2, RAMDisk(512, 64))
exercise("FAT", vfs.VfsFat, RAMDisk(512, 128))

# A corrupt superblock is a clear OSError, never a crash.
bd = RAMDisk(512, 64)
vfs.VfsLfs2.mkfs(bd)
for i in range(8, 16):
    bd.data[i] ^= 0x55
    bd.data[512 + i] ^= 0x55
show_errno("mount corrupt lfs2", vfs.VfsLfs2, bd)
show_errno("autodetect garbage", vfs.mount, RAMDisk(512, 64), "/x")
