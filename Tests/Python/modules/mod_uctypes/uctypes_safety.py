# uctypes can only reach the data of buffers the program took the address of (addressof):
# any other address, a range running past a buffer's end, a write into bytes, or memory the
# collector has freed raises OSError(EFAULT) instead of touching the host's memory. (The C
# port reads or writes whatever is there, or crashes, so this output is ours, not its.)
import uctypes, gc

EFAULT = 14


def attempt(what, f):
    try:
        r = f()
        print(what, "ok", r)
    except OSError as e:
        print(what, "OSError", e.errno == EFAULT)
    except (ValueError, TypeError, IndexError) as e:
        print(what, type(e).__name__, e)


W = {"w": uctypes.UINT32 | 0, "b": uctypes.UINT8 | 0}
buf = bytearray(b"abcdefgh")
a = uctypes.addressof(buf)

# addresses nobody was given
for addr in (0, 1, 16, a - 1, a + 8, 0x7FFFFFFF, 0xFFFFFFFF, -1, 1 << 40):
    s = uctypes.struct(addr, W)  # making a struct never checks: using it does
    attempt("read", lambda: s.b)
    attempt("write", lambda: setattr(s, "w", 1))
    attempt("bytes_at", lambda: uctypes.bytes_at(addr, 1))
    attempt("bytearray_at", lambda: uctypes.bytearray_at(addr, 1))

# ranges that start inside and run past the end
attempt("last byte", lambda: uctypes.bytes_at(a + 7, 1))
attempt("past end", lambda: uctypes.bytes_at(a + 7, 2))
attempt("whole", lambda: uctypes.bytes_at(a, 8))
attempt("one more", lambda: uctypes.bytes_at(a, 9))
attempt("huge", lambda: uctypes.bytes_at(a, 1 << 30))
attempt("negative size", lambda: uctypes.bytes_at(a, -1))
attempt("alias past end", lambda: uctypes.bytearray_at(a + 4, 5))
s = uctypes.struct(a + 6, W)
attempt("u32 over the end", lambda: s.w)
attempt("u8 at the end", lambda: s.b)
big = uctypes.struct(a, {"arr": (uctypes.ARRAY | 0, uctypes.UINT16 | 100)})
attempt("array inside", lambda: big.arr[3])
attempt("array past end", lambda: big.arr[4])
attempt("array negative", lambda: big.arr[-1])
attempt("struct buffer too big", lambda: bytes(big))
attempt("u8 array alias too big", lambda: uctypes.struct(a, {"a": (uctypes.ARRAY | 4, uctypes.UINT8 | 5)}).a)

# bytes and str are read-only
ro = bytes(b"constant")
r = uctypes.struct(uctypes.addressof(ro), {"a": (uctypes.ARRAY | 0, uctypes.UINT8 | 4), "c": uctypes.UINT8 | 1})
attempt("read bytes", lambda: r.c)
attempt("write bytes", lambda: setattr(r, "c", 65))
attempt("alias bytes", lambda: uctypes.bytearray_at(uctypes.addressof(ro), 2))
attempt("u8 array over bytes", lambda: (r.a[0], type(r.a).__name__))
def store_ro():
    r.a[0] = 1


attempt("store into it", store_ro)
print(ro)
text = "a str " + str(len(ro))
attempt("str", lambda: uctypes.bytes_at(uctypes.addressof(text), 3))
ts = uctypes.struct(uctypes.addressof(text), {"c": uctypes.UINT8 | 0})
attempt("str field", lambda: ts.c)
attempt("str as a buffer", lambda: bytes(ts))  # never: a buffer may be written
attempt("qstr", lambda: uctypes.bytes_at(uctypes.addressof("abc"), 3))

# pointers that point nowhere
holder = bytearray(8)
p = uctypes.struct(uctypes.addressof(holder), {"p": (uctypes.PTR | 0, uctypes.UINT8), "q": (uctypes.PTR | 0, W)})
attempt("null pointer", lambda: p.p[0])
attempt("null struct pointer", lambda: p.q[0].w)
attempt("int of pointer", lambda: int(p.p))
holder[0:4] = (a + 2).to_bytes(4, "little")
attempt("good pointer", lambda: (p.p[0], p.p[5]))
attempt("pointer past end", lambda: p.p[6])

# freed memory: an address whose buffer the collector freed faults, even once the memory is
# reused by other objects
tmp = bytearray(b"temporary data!!")
ta = uctypes.addressof(tmp)
ts = uctypes.struct(ta + 4, W)  # not the start of the data: does not keep it alive
attempt("before free", lambda: ts.b)
tmp = None
gc.collect()
junk = [bytearray(b"x" * 16) for i in range(20)]
# (The collector scans the native stack conservatively, so a stale word may keep the buffer
# alive in some builds: then the old data is still there. Either way, never other bytes.)
def after_free(what, f):
    try:
        r = f()
        print(what, "fault or old data", r in (111, b"temp"))
    except OSError as e:
        print(what, "fault or old data", e.errno == EFAULT)
after_free("after free", lambda: ts.b)
after_free("bytes_at after free", lambda: uctypes.bytes_at(ta, 4))

# a struct at the start of the data keeps it alive (the collector sees its address word, as
# MicroPython's conservative collector does), and so does a bytearray_at alias
# (an address is a plain int: the buffer must live until the struct or alias exists)
kb = bytearray(b"kept!")
keep = uctypes.struct(uctypes.addressof(kb), {"a": (uctypes.ARRAY | 0, uctypes.UINT8 | 5)})
kb = bytearray(b"alias")
alias = uctypes.bytearray_at(uctypes.addressof(kb) + 1, 3)
kb = None
gc.collect()
junk = [bytearray(b"y" * 16) for i in range(20)]
gc.collect()
attempt("kept by struct", lambda: bytes(keep.a))
attempt("kept by alias", lambda: alias)
attempt("resize alias", lambda: alias.append(1))
attempt("extend alias", lambda: alias.extend(b"12"))
def same_size():
    alias[0:3] = b"LIA"


attempt("slice-assign same size", same_size)
print(alias)

# the owner grows (its data moves): addresses of the old data still reach the old bytes while
# something holds them, never freed memory
grow = bytearray(b"0123456789abcdef")
ga = uctypes.addressof(grow)
gs = uctypes.struct(ga, {"a": (uctypes.ARRAY | 0, uctypes.UINT8 | 16)})
fill = [bytearray(16) for i in range(4)]
grow.extend(b"more" * 8)
gc.collect()
attempt("old data", lambda: bytes(gs.a))
print(grow)

# shrinking in place never frees what an address reaches
sh = bytearray(64)
sa = uctypes.addressof(sh)
del sh[8:]
attempt("shrunk", lambda: len(uctypes.bytes_at(sa, 64)))
print(len(sh))
