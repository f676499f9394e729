# Keys too big for a page go to overflow pages too, and stay findable, ordered and deletable;
# separators that are big keys keep their chain (P_PRESERVE) when the leaf's copy is deleted.
# (Berkeley DB 1.85 as the C port builds it places such a key by its overflow reference, so
# lookups there can miss it: this test's expected output is the correct one, checked here.)
import btree, io

f = io.BytesIO()
db = btree.open(f, pagesize=512)
keys = []
for i in range(40):
    k = (b"%03d" % ((i * 17) % 40)) * (100 + 30 * (i % 7))
    keys.append(k)
    db[k] = b"v%d" % i
for i in range(40):
    db[b"%03d" % i] = b"small"
ok = all(db[k] == b"v%d" % i for i, k in enumerate(keys))
order = list(db.keys())
print(ok, order == sorted(order), len(order))
print([len(k) for k in db.keys(b"010", b"012")])
for k in keys[::2]:
    del db[k]
print(all(k not in db for k in keys[::2]), all(db[k] == b"v%d" % i for i, k in enumerate(keys) if i % 2))
db.close()
f.seek(0)
db = btree.open(f)
order = list(db.keys())
print(order == sorted(order), len(order), all(db[k] == b"v%d" % i for i, k in enumerate(keys) if i % 2))
for k in list(db):
    del db[k]
print(list(db), len(f.getvalue()) // 512)
db.close()
