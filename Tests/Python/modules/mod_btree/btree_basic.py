# btree over io.BytesIO: put/get/del/contains, overwrites, many keys (page splits on several
# levels), big keys and values (overflow pages), deletions down to an empty tree, seq() and
# ranged iteration (INCL, DESC), flush/close and reopening, and the errors.
import btree, io

f = io.BytesIO()
db = btree.open(f, pagesize=512)
print(repr(db)[:7], str(db)[-1:])
db[b"b"] = b"2"
db[b"a"] = b"1"
db["c"] = "3"  # anything with the buffer protocol
db[memoryview(b"dd")[:1]] = bytearray(b"4")
print(db[b"a"], db[b"c"], db[b"d"], db.get(b"x"), db.get(b"x", 0), b"b" in db, b"x" in db)
db[b"a"] = b"one"
print(db[b"a"], list(db), list(db.values()), list(db.items()))
print(db.put(b"e", b"5"), db.seq(btree.INCL) if False else None)
del db[b"e"]
def remove(k):
    del db[k]


for bad in (lambda: db[b"zz"], lambda: remove(b"zz")):
    try:
        bad()
    except KeyError as e:
        print("KeyError", e.args)

# enough keys for a tree three levels deep on 512-byte pages
N = 1500
for i in range(N):
    k = (i * 7919) % N
    db[b"k%05d" % k] = b"v%d" % k * (1 + k % 5)
print(len(list(db.keys())), db[b"k00000"], db[b"k01499"], db.get(b"k01500"))
print(all(db[b"k%05d" % i] == b"v%d" % i * (1 + i % 5) for i in range(0, N, 37)))
# big values go to overflow pages (big keys: btree_bigkeys.py)
db[b"big"] = bytes(range(256)) * 20
db[b"both"] = b"V" * 2000
print(len(db[b"big"]), db[b"big"][250:260], len(db[b"both"]))
db[b"big"] = b"small now"
print(db[b"big"])

# ranges
print(list(db.keys(b"k00100", b"k00105")))
print(list(db.keys(b"k00100", b"k00105", btree.INCL)))
print(list(db.keys(b"k00105", b"k00100", btree.DESC)))
print(list(db.keys(b"k00105", b"k00100", btree.DESC | btree.INCL)))
print(list(db.values(b"k01497")))
print([(len(k), v) for k, v in db.items(None, b"a")], list(db.items(b"zzz")))
print([len(k) for k in db.keys(None, b"c")])
n = 0
for k in db.keys(None, None, btree.DESC):
    n += 1
print(n)
print(len(db.seq(3)[0]), db.seq(7), db.seq(6)[0], db.seq(9)[0])
print(db.seq(1, b"k00500x"), db.seq(1, b"\xff"), db.seq(7))
try:
    db.seq(1, b"")  # R_CURSOR needs a key
except OSError as e:
    print("OSError", e.errno)
try:
    db.seq(12)
except OSError as e:
    print("OSError", e.errno)

# delete most keys (pages empty out and are freed), then everything
for i in range(N):
    if i % 10:
        del db[b"k%05d" % i]
print(len(list(db)), list(db.keys(b"k00000", b"k00040")))
db.flush()
size = len(f.getvalue())
for k in list(db):
    del db[k]
print(list(db), list(db.items()), db.seq(3), db.get(b"k00000"))
for i in range(300):
    db[b"again%d" % i] = b"x" * i
print(len(list(db)), db[b"again299"] == b"x" * 299, len(f.getvalue()) == size)
db.close()
print(repr(db))

# reopen: what close wrote is there (the meta page is read where the stream is)
f.seek(0)
db = btree.open(f)
print(len(list(db)), db[b"again10"], db.get(b"k00010"))
db[b"new"] = b"entry"
db.close()
f.seek(0)
db = btree.open(f, pagesize=4096)  # the file's page size wins
print(db[b"new"], len(list(db.items())))
db.close()

# a closed database
for op in (lambda: db[b"a"], lambda: db.get(b"a"), lambda: db.put(b"a", b"b"), lambda: db.flush(),
           lambda: list(db), lambda: db.seq(3), lambda: b"a" in db):
    try:
        op()
    except ValueError as e:
        print("ValueError", e)
print(db.close())

# bad arguments
for kw in ({"pagesize": 511}, {"pagesize": 256}, {"pagesize": 1 << 17}, {"minkeypage": 1}, {"flags": 2}):
    try:
        btree.open(io.BytesIO(), **kw)
    except OSError as e:
        print("OSError", e.errno)
try:
    btree.open(io.BytesIO(), pagesize=512, duplicates=1)
except TypeError:
    print("TypeError")
for bad in (5, "str"):
    try:
        btree.open(bad)
    except (OSError, TypeError, AttributeError) as e:
        print(type(e).__name__)
db = btree.open(io.BytesIO(), pagesize=1024, cachesize=0, minkeypage=4)
for k in (1, None, [1]):
    try:
        db[k] = b"x"
    except TypeError as e:
        print("TypeError", e)
try:
    db + 1
except TypeError:
    print("TypeError")
db.close()
