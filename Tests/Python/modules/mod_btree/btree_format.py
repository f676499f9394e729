# The bytes of a database file, checked against berkeley-db 1.85's btree format by a reader
# written here in Python: meta page, page headers, item index, leaf and internal items,
# overflow chains, sibling links, the free list, key order. The C port writes the same
# invariants (this test's .exp is its output).
import btree, io, struct

MAGIC, VERSION = 0x053162, 3
P_BINTERNAL, P_BLEAF, P_OVERFLOW = 1, 2, 4
HDR = 20


def check(data):
    magic, version, psize, free, nrecs, flags = struct.unpack_from("<6I", data, 0)
    assert magic == MAGIC and version == VERSION and nrecs == 0, (magic, version, nrecs)
    assert len(data) % psize == 0
    npages = len(data) // psize
    seen = {0}

    def page(n):
        assert 0 < n < npages, n
        o = n * psize
        pgno, prev, nxt, fl, lower, upper = struct.unpack_from("<4I2H", data, o)
        assert pgno == n, (pgno, n)
        return o, prev, nxt, fl, lower, upper

    def overflow(ref):
        pg, size = struct.unpack("<2I", ref)
        out = b""
        while len(out) < size:
            o, prev, nxt, fl, lower, upper = page(pg)
            assert fl & 0x1F == P_OVERFLOW and lower == 0 and upper == 0
            seen.add(pg)
            out += data[o + HDR : o + min(psize, HDR + size - len(out))]
            pg = nxt
        return out

    def items(n):
        o, prev, nxt, fl, lower, upper = page(n)
        assert HDR <= lower <= upper <= psize and (lower - HDR) % 2 == 0
        out = []
        for i in range((lower - HDR) // 2):
            (off,) = struct.unpack_from("<H", data, o + HDR + 2 * i)
            assert upper <= off < psize and off % 4 == 0, off
            if fl & 0x1F == P_BLEAF:
                ks, ds, f = struct.unpack_from("<2IB", data, o + off)
                k = data[o + off + 9 : o + off + 9 + ks]
                d = data[o + off + 9 + ks : o + off + 9 + ks + ds]
                out.append((overflow(k) if f & 2 else k, overflow(d) if f & 1 else d))
            else:
                assert fl & 0x1F == P_BINTERNAL
                ks, child, f = struct.unpack_from("<2IB", data, o + off)
                k = data[o + off + 9 : o + off + 9 + ks]
                out.append((overflow(k) if f & 2 else k, child))
        return fl & 0x1F, prev, nxt, out

    # Walk the tree: every level's pages linked left to right, keys in order.
    leaves = []
    level = [1]
    depth = 0
    while True:
        kinds = set()
        nxt_level = []
        for i, n in enumerate(level):
            seen.add(n)
            kind, prev, nxt, its = items(n)
            kinds.add(kind)
            assert prev == (level[i - 1] if i else 0) and nxt == (level[i + 1] if i + 1 < len(level) else 0)
            if kind == P_BINTERNAL:
                nxt_level += [c for k, c in its]
            else:
                leaves += its
        assert len(kinds) == 1
        depth += 1
        if kinds == {P_BLEAF}:
            break
        level = nxt_level
    keys = [k for k, v in leaves]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    # The free list holds the pages the tree does not use.
    nfree = 0
    while free:
        assert free not in seen
        seen.add(free)
        free = struct.unpack_from("<I", data, free * psize + 8)[0]
        nfree += 1
    assert len(seen) == npages, (len(seen), npages)
    return psize, flags, depth, dict(leaves), nfree


f = io.BytesIO()
db = btree.open(f, pagesize=512)
ref = {}
for i in range(700):
    k = b"key-%d" % ((i * 131) % 700)
    v = b"v" * (i % 23) + b"%d" % i
    db[k] = v
    ref[k] = v
db[b"blob"] = ref[b"blob"] = bytes(range(256)) * 4
db.flush()
psize, flags, depth, content, nfree = check(f.getvalue())
print(psize, hex(flags), depth >= 3, content == ref, nfree)

for i in range(0, 700, 2):
    del db[b"key-%d" % i]
    del ref[b"key-%d" % i]
del db[b"blob"]
del ref[b"blob"]
db.close()
psize, flags, depth, content, nfree = check(f.getvalue())
print(psize, depth >= 2, content == ref, nfree > 0)

f.seek(0)
db = btree.open(f, flags=0)
for i in range(0, 700, 2):
    db[b"key-%d" % i] = ref[b"key-%d" % i] = b"again"
db.close()
psize, flags, depth, content, nfree = check(f.getvalue())
print(depth >= 3, content == ref, len(content))

f = io.BytesIO()
db = btree.open(f, pagesize=1024)
db[b"only"] = b"one"
db.close()
print(check(f.getvalue()), len(f.getvalue()))
