# Damaged database files: truncated, wrong magic/version/page size, page numbers out of range,
# item offsets and sizes pointing outside their page, overflow chains that loop or end early,
# tree cycles. Each gives an exception (OSError EINVAL for a bad file), never a crash or a
# read outside the file's pages. (The C port may crash on several of these: this output is ours.)
import btree, io, struct, gc


def build():
    f = io.BytesIO()
    db = btree.open(f, pagesize=512)
    for i in range(60):
        db[b"key%03d" % i] = b"value %d" % i
    db[b"big"] = b"B" * 1200
    db.close()
    return bytearray(f.getvalue())


good = build()
PS = 512


def attempt(name, data):
    gc.collect()
    f = io.BytesIO(data)
    out = []
    try:
        db = btree.open(f)
        out.append("open")
        n = 0
        for k, v in db.items():
            n += 1
        out.append("items %d" % n)
        out.append("get %r" % (db.get(b"key050"),))
        out.append("big %d" % len(db.get(b"big", b"")))
        db[b"key200"] = b"new"
        for i in range(12):
            db[b"more%d" % i] = b"x" * 30
        del db[b"key010"]
        out.append("put")
        db.close()
        out.append("closed")
    except OSError as e:
        out.append("OSError %d" % e.errno)
    except (KeyError, ValueError, MemoryError, IndexError) as e:
        out.append(type(e).__name__)
    print(name + ":", ", ".join(out))


def patch(data, off, fmt, *v):
    d = bytearray(data)
    struct.pack_into(fmt, d, off, *v)
    return d


def leaf_of(data):
    # the first leaf page (the left child of the left child... of the root)
    pg = 1
    while True:
        o = pg * PS
        fl = struct.unpack_from("<I", data, o + 12)[0]
        if fl & 2:
            return pg
        off = struct.unpack_from("<H", data, o + 20)[0]
        pg = struct.unpack_from("<I", data, o + off + 4)[0]


attempt("good", good)
attempt("empty", b"")
for n in (1, 23, 24, 100, 512, 513, 1024 + 7, len(good) - 512, len(good) - 1):
    attempt("truncated %d" % n, good[:n])
attempt("bad magic", patch(good, 0, "<I", 0x12345678))
attempt("swapped magic", patch(good, 0, ">I", 0x053162))
attempt("bad version", patch(good, 4, "<I", 2))
attempt("page size 100", patch(good, 8, "<I", 100))
attempt("page size 511", patch(good, 8, "<I", 511))
attempt("page size 1024", patch(good, 8, "<I", 1024))
attempt("bad flags", patch(good, 20, "<I", 0xFF))
attempt("recno flag", patch(good, 20, "<I", 0x80))
attempt("free list past end", patch(good, 12, "<I", 9999))
attempt("free list to meta", patch(good, 12, "<I", 0))
attempt("free list to root", patch(good, 12, "<I", 1))
attempt("root page number", patch(good, PS, "<I", 7))
attempt("root type", patch(good, PS + 12, "<I", 0x10))
attempt("root lower", patch(good, PS + 16, "<H", 600))
attempt("root lower odd", patch(good, PS + 16, "<H", 21))
attempt("root upper", patch(good, PS + 18, "<H", 0xFFFF))
roff = struct.unpack_from("<H", good, PS + 20)[0]
attempt("root item offset", patch(good, PS + 20, "<H", 510))
attempt("root child past end", patch(good, PS + roff + 4, "<I", 5000))
attempt("root child meta", patch(good, PS + roff + 4, "<I", 0))
attempt("root child itself", patch(good, PS + roff + 4, "<I", 1))
attempt("root key size", patch(good, PS + roff, "<I", 0x7FFFFFFF))
lf = leaf_of(good)
lo = lf * PS
loff = struct.unpack_from("<H", good, lo + 20)[0]
attempt("leaf key size", patch(good, lo + loff, "<I", 4000))
attempt("leaf data size", patch(good, lo + loff + 4, "<I", 0xFFFFFFF0))
attempt("leaf big flags", patch(good, lo + loff + 8, "B", 3))
attempt("leaf next loops", patch(good, lo + 8, "<I", lf))
attempt("leaf next past end", patch(good, lo + 8, "<I", 7777))
attempt("leaf type overflow", patch(good, lo + 12, "<I", 4))
# the big value's overflow chain
for pg in range(2, len(good) // PS):
    if struct.unpack_from("<I", good, pg * PS + 12)[0] & 0x1F == 4:
        break
attempt("overflow loops", patch(good, pg * PS + 8, "<I", pg))
attempt("overflow ends early", patch(good, pg * PS + 8, "<I", 0))
attempt("overflow to meta", patch(good, pg * PS + 8, "<I", 0))
junk = bytearray(good)
for i in range(PS, len(junk)):
    junk[i] = (i * 7919 >> 3) & 0xFF
attempt("garbage pages", junk)
junk = None
attempt("zero pages", good[:PS] + bytes(len(good) - PS))
