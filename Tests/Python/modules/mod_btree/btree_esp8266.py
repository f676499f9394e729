# args: -X profile=esp8266
# btree on the ESP8266 profile (38 KiB heap): a small database file written by the C unix
# port (512-byte pages, an overflow chain, freed pages) read and changed here, and a new
# database with the board's defaults (1 KiB pages, 3 cached). Made by the C build with:
#     import btree, io
#     f = io.BytesIO()
#     db = btree.open(f, pagesize=512)
#     for i in range(90):
#         db[b"n%03d" % ((i * 37) % 90)] = b"val%d" % i
#     db[b"blob"] = b"0123456789" * 60
#     for k in range(0, 90, 3):
#         del db[b"n%03d" % k]
#     db.close()
#     open("small.db", "wb").write(f.getvalue())
# (stored zlib-compressed with a 512-byte window, base64).
import btree, io, deflate, binascii, gc

FIXTURE = (
    "GNPtzz1yG0cQBeB+4IKUMhxB5UI5nv+ZvQEDHMAhyJhFK0DxBA5wBAU4gAIFCB0qQOADIMABHDBA6JCBu7UrCQ+hSlLRlnpq"
    "agcfeqa7b/1ULkRjIp/ilfyMHyVwdn4lb/EP/sQef+Mt/sICj/KHHLDCDO/kWjZo2Mtr2WGJJ3nz6W6ne2qHe5frw81d8GTB"
    "mTmyGtV8TxaLWSNrvVnlGsGskPlslslKM0tcw5tFrpHMAlmyOTzP4W0OP87RjTVsjl7Igs3R2KrNUdmSzVHYnM2R2bJ9r8bz"
    "x1qXY086ilx87rGe9pF13m78/8NMMsTk7Hs5nn+Va1zjiAN22GKDNVZY6lroaphD/oPR6X6hG7d3v9/a4bfJd7GPtad2uHfe"
    "P9zctcjm1Lwjc00tJbaqVvxg3WhZLXMNl9RCYAuWV9isl6q9XIz3r3Rbx3NZ4ogDdthiiQ3WWOl3gYY55AeITvfUDvcux4eb"
    "u9Z/G+tGa2rprG5Ri40tq+XMFtR8YXOW58hSr1YqW7W7frBL3Re6J7qD7OWIA2ZYYIe9NGyxwZOsscKjzLHUtdDVdM11yRgn"
    "b0frq5Vnaymq1Z7zmlkiC2aFLSWzwHfNMlvo1VLlu0UtNDZvFtmc3XWDdWONquaF62a1mNnsPR/pbrC6je8Guxvy8PtKhpjo"
    "dvIoMyxwxAENO2zxJBus8ShzrLDUtdDVdM0hXxAnPTTroeXnYc7MkVWzytaKWmmcZ5bPzJtFvtur+crW1GJii2qhZwtqqQzW"
    "jTXsvSpct1qe57xk753lWQ2vNS7152T8z75zWeKIA5bYYYsN1ljpeYGGOfYynN7LTH/JV4uTvmKzmRKb9Vp6smB5hfOSzVkC"
    "3+3VcmWzvMx5wfIS5/mi1to3tWCz5bPZglotbE4tOH7Peo5nPVe769ls3sjzequbtO6V/rwYfaL7F1nhiAN22GKDNVZYYoGG"
    "OfYynF/Le5l9EPmCOOmhZe2hZTabs/Gc1fIq51XLq5zXilppbN4s8l3Ly5xXLS9zXqtmnqz01l/9etbUfGKzuvGsbrY5Mluy"
    "9wJbUAuFzWZLPFu2Xqr28kKGeCnD/xbOh5hyqa3/efq/n17K5+jG7/fsQJ5ZdLqndrh3OT7c3FmH3ehmTS2d5VW14NmKWmxs"
    "WS1ntqRWA1tQ84XN23uRzdl7jiz1aqWyWc8tsVnPXnv+F/6fNwI="
)

raw = bytearray(5120)
d = deflate.DeflateIO(io.BytesIO(binascii.a2b_base64(FIXTURE)), deflate.ZLIB, 9)
print(d.readinto(raw), d.read(1), len(raw) // 512)
d = FIXTURE = None
f = io.BytesIO(raw)
raw = None
db = btree.open(f)
keys = list(db)
print(len(keys), keys[:4], keys[-2:])
print(db[b"n001"], db[b"n089"], db.get(b"n003"), len(db[b"blob"]), db[b"blob"][-12:])
for k in range(0, 90, 3):
    db[b"n%03d" % k] = b"re%d" % k
del db[b"blob"]
db.close()
f.seek(0)
db = btree.open(f)
print(len(list(db)), db[b"n000"], db.get(b"blob"), list(db.values(b"n087")))
db.close()

# a new database with the defaults: 1 KiB pages
f = db = raw = None
gc.collect()
f = io.BytesIO()
db = btree.open(f)
for i in range(40):
    db[b"%d" % i] = b"v" * (i % 40)
db.flush()
v = f.getvalue()
print(len(v) % 1024, v[:12], len(v) // 1024 >= 3)
v = None


def read_all():
    for i in range(40):
        assert db[b"%d" % i] == b"v" * (i % 40)


read_all()  # the page cache fills up to its 3 pages
gc.collect()
free = gc.mem_free()
read_all()  # then reading keeps nothing (give or take the last values a stale stack word holds)
gc.collect()
print(gc.mem_free() >= free - 128)
db.close()
