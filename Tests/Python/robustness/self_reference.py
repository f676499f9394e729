# Containers that contain themselves, and very deep nesting: repr, str, equality and hash end
# in RuntimeError (maximum recursion depth exceeded), never in a native stack overflow.
def attempt(label, f):
    try:
        r = f()
        print(label, r if len(str(r)) < 60 else len(str(r)))
    except RuntimeError as e:
        print(label, 'RuntimeError', e)

l = []
l.append(l)
attempt('repr list', lambda: repr(l))
attempt('str list', lambda: str(l))
attempt('eq list', lambda: l == l)
a = []
a.append(a)
b = []
b.append(b)
attempt('eq two', lambda: a == b)
attempt('lt two', lambda: a < b)
d = {}
d[1] = d
attempt('repr dict', lambda: repr(d))
e = {}
e[1] = e
attempt('eq dicts', lambda: d == e)
t = [1, 2]
t.append(t)
attempt('format', lambda: '{}'.format(t))
attempt('percent', lambda: '%s' % (t,))

x = []
y = []
for i in range(10000):
    x = [x]
    y = [y]
attempt('deep repr', lambda: repr(x))
attempt('deep eq', lambda: x == y)
del x, y
z = ()
for i in range(10000):
    z = (z,)
attempt('deep hash', lambda: hash(z))
attempt('deep tuple repr', lambda: repr(z))
del z
w = {}
for i in range(10000):
    w = {1: w}
attempt('deep dict repr', lambda: repr(w))
del w
# Moderate nesting still works.
n = []
for i in range(50):
    n = [n]
print(len(repr(n)), n == n)
print('done')
