# memoryview over typed arrays: items, itemsize, slices, stores, comparisons (MicroPython rules)
import array
a = array.array('h', [1, -2, 300])
m = memoryview(a)
print(len(m), m.itemsize, list(m), m[-1])
m[1] = 7
print(a, list(m[1:]))
m[0:2] = memoryview(array.array('h', [9, 8]))
print(a)
for bad in (b'1234', memoryview(b'12')[:], memoryview(array.array('i', [1, 2]))):
    try:
        m[0:2] = bad
    except ValueError as e:
        print('ValueError', e)
try:
    memoryview(b'ab')[0] = 1
except TypeError:
    print('TypeError')
b = bytearray(range(8))
v = memoryview(b)
v[1:] = v[:-1]
print(b)
print(memoryview(b'abc') == b'abc', b'abc' == memoryview(b'abc'), memoryview(b'ab') < b'b')
print(array.array('b', [1]) == array.array('B', [1]), array.array('b', b'a') == b'a')
for e in ("array.array('f', [1]) == array.array('i', [1])", "array.array('b', [1]) < array.array('b', [2])",
          "memoryview(array.array('h', [1])) == b'\\x01\\x00'", "1 in memoryview(b'a')"):
    try:
        print(eval(e))
    except NotImplementedError:
        print('NotImplementedError')
print(b'12' + array.array('b', [3]), array.array('h', [1]) + b'abc')
class A(array.array):
    pass
x = A('B', [1, 2])
x.append(3)
print(len(x), list(x), bytes(x), x == array.array('B', [1, 2, 3]), x != array.array('B', [1, 2, 3]))
# a view of a buffer that shrank shows only what is left (C keeps its length and reads
# the old storage; here a view never reaches past its buffer)
b = bytearray(b'abcdef')
v = memoryview(b)[2:]
b[:] = b'xy'
print(len(v), list(v))


class Bad(BaseException):
    def __new__(cls, *a):
        return 1
def gen():
    yield
try:
    gen().throw(Bad)
except TypeError as e:
    print('TypeError', e)
