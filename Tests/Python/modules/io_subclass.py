# io.StringIO and io.BytesIO: their repr, and Python subclasses of them (methods work on the
# native part; iteration gives lines).
import io

print(repr(io.StringIO())[:13], repr(io.BytesIO())[:12])

class S(io.StringIO):
    def shout(self):
        return self.getvalue().upper()

s = S("one\ntwo\n")
print(s.read(3), s.tell())
s.seek(0)
print(list(s))
s.write("three")
print(s.shout())
print(repr(s)[:13])

class B(io.BytesIO):
    pass

b = B(b"xyz")
print(b.read(), b.getvalue())
with B() as b2:
    b2.write(b"abc")
    print(b2.getvalue())
try:
    b2.read()
except ValueError:
    print("ValueError")

# A native method given another object as self.
try:
    io.StringIO.read(b)
except TypeError:
    print("TypeError")
try:
    io.StringIO.getvalue([])
except TypeError:
    print("TypeError")
