# .mpy files whose bytecode would take the VM outside what it trusts are refused at import
# with MicroPython's "incompatible .mpy file", never run: an END_FINALLY that would find a
# number the code pushed itself (taken for an unwind marker, it names a code offset), a
# FOR_ITER without an iterator block, a stack that underflows, and one deeper than the
# state the prelude declares, a closure variable read from a local that holds no cell, and
# a jump into the middle of an instruction.
# Each base file (mpy-cross output, v6) loads as it is.
import sys, io, vfs

# try: x = 1  finally: y = 2
TRY_FINALLY = b'M\x06\x00\x1f\x04\x00\nb1.py\x00\x0f\x02x\x00\x02y\x00\x81\x08\x1c\x06\x01"DI\x04\x81\x16\x02Q\x82\x16\x03]Qc'
# for i in x: pass
FOR_LOOP = b"M\x06\x00\x1f\x04\x00\nb2.py\x00\x0f\x02x\x00\x02i\x00x \x04\x01'\x11\x02_K\x04\x16\x03B:Qc"
# def g(a): return a.x
FUNCTION = b"M\x06\x00\x1f\x05\x00\nb4.py\x00\x0f\x02g\x00\x02x\x00\x02a\x00L\x00\x02\x012\x00\x16\x02Qc\x01H\t\x06\x02\x04 \xb0\x13\x03c"
# x = 1
ASSIGN = b"M\x06\x00\x1f\x03\x00\nb3.py\x00\x0f\x02x\x00@\x00\x02\x01\x81\x16\x02Qc"


class File(io.IOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.pos)
        buf[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n

    def ioctl(self, request, arg):
        return 0 if request == 4 else -1


class FS:
    files = {}

    def mount(self, readonly, mkfs):
        pass

    def umount(self):
        pass

    def chdir(self, path):
        pass

    def stat(self, path):
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
        raise OSError(2)

    def open(self, path, mode):
        return File(self.files[path])


vfs.mount(FS(), "/mpycheck")
sys.path.insert(0, "/mpycheck")


def load(name, data, old=None, new=None):
    if old is not None:
        assert data.count(old) == 1
        data = data.replace(old, new)
    FS.files["/" + name + ".mpy"] = data
    try:
        m = __import__(name)
        print(name, "ran", sorted(k for k in dir(m) if not k.startswith("_")))
    except ValueError as e:
        print(name, "ValueError", e)


load("try_ok", TRY_FINALLY)
# The None the normal path gives the finally handler becomes the number 1.
load("forged_marker", TRY_FINALLY, b"\x16\x02Q\x82", b"\x16\x02\x81\x82")
load("for_ok", FOR_LOOP.replace(b"\x11\x02", b"\x10\x02"))
# GET_ITER instead of GET_ITER_STACK: FOR_ITER would read three slots under the stack.
load("no_iter_block", FOR_LOOP.replace(b"\x11\x02", b"\x10\x02"), b"_K", b"^K")
load("function_ok", FUNCTION)
load("assign_ok", ASSIGN)
# POP_TOP on an empty stack.
load("underflow", ASSIGN, b"\x81\x16\x02Qc", b"Y\x16\x02Qc")
# Two values where the prelude declares one slot.
load("overflow", ASSIGN, b"\x81\x16\x02Qc", b"\x81\x81YQc")
# A jump into an instruction's operand, whose byte reads as STORE_FAST 15 in a one-slot
# state (found by scripts/fuzz-mpy.py: the check itself indexed past its tables).
load("mid_instruction", ASSIGN, b"\x81\x16\x02Qc", b"\x22\xcf\x00\x42\x3c")
# A closure variable read from a local that is no cell: g (made by MAKE_FUNCTION, so
# without a closure's cells) reads its argument as one.
load("deref", FUNCTION, b"\xb0\x13\x03c", b"\x25\x00cc")
vfs.umount("/mpycheck")
