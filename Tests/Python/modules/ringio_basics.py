# micropython.RingIO: a ring buffer stream (host profile, as the unix port).
import micropython, select

r = micropython.RingIO(8)
print(r, r.any())
print(r.write(b"hello"), r.any())
print(r.read(2), r.any())
print(r.write(b"0123456789"), r.any())   # only what fits: 8 bytes in all
print(r.read())
print(r.read(), r.any())
r.write(b"line one\n")
r2 = micropython.RingIO(32)
r2.write(b"ab\ncd\nef")
print(r2.readline(), r2.readline(), r2.readline())
buf = bytearray(4)
r2.write(b"xyz")
print(r2.readinto(buf), buf)
p = select.poll()
p.register(r2, select.POLLIN | select.POLLOUT)
print(sorted(e for _, e in p.poll(0)))
r2.write(b"q")
print(sorted(e for _, e in p.poll(0)))
# Over a buffer of the program's: its whole length is the ring.
store = bytearray(5)
r3 = micropython.RingIO(store)
print(r3.write(b"abcdef"), store[:4], r3.read())
for bad in (0, 100000, bytearray(1)):
    try:
        micropython.RingIO(bad)
    except ValueError:
        print("ValueError")
r3.close()
