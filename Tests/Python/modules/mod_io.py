import io
s = io.StringIO('ab\ncd\nef')
print(repr(s.readline()), repr(s.read(2)), repr(s.read()), s.tell())
s.write('XY')
print(repr(s.getvalue()), s.seek(0), repr(s.read(3)))
s.seek(0, 2)
s.write('!')
print(repr(s.getvalue()))
b = io.BytesIO(b'hello')
b.seek(10)
b.write(b'x')
print(b.getvalue(), b.tell())
b = io.BytesIO()
print(b.write(b'123'), b.seek(1), b.read(1), b.getvalue(), b.read(), b.read())
b.close()
try:
    b.read()
except ValueError:
    print('ValueError')
with io.StringIO() as f:
    f.write('z')
    print(f.getvalue())
e = io.StringIO('\u00e9t\u00e9')
print(e.read(1), e.read())
