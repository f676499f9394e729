# write(buf, max_len) and write(buf, off, max_len) on every kind of stream.
import io, sys

b = io.BytesIO()
print(b.write(b"abcdef", 2), b.write(b"abcdef", 3, 2), b.write(b"abc", 5, 9), b.getvalue())
s = io.StringIO()
print(s.write("hello", 3), s.getvalue())
sys.stdout.buffer.write(b"xyz\n", 2)
print()
sys.stdout.buffer.write(b"0123456789\n", 7, 99)
name = "stream_write_slice.tmp"
with open(name, "wb") as f:
    print(f.write(b"hello world", 6, 3))
with open(name, "rb") as f:
    print(f.read())
import os
os.remove(name)
