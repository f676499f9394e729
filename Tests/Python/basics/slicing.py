s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[:-7], s[::2], s[1::3], s[::-1], s[8:2:-2])
print(s[100:], s[-100:2], s[5:2], s[::-3])
t = tuple(s)
print(t[1:4], t[-2:], t[:0])
st = 'hello world'
print(st[0], st[-1], st[1:4], ''.join(reversed(st)), st[3:], st[-5:])
s[2:4] = ['a', 'b', 'c']
print(s)
s[:2] = []
print(s)
del s[1:3]
print(s)
del s[1]
print(s)
s[1:1] = [99]
print(s)
class Keep:
    def __getitem__(self, i):
        return i
# (slice objects come from subscripts: MicroPython builds cannot call slice())
sl = Keep()[1:5:2]
print(sl.start, sl.stop, sl.step, Keep()[:3].stop, Keep()[::].step)
print('abcdef'[Keep()[1:4]], [0, 1, 2, 3][Keep()[::-1]])
b = b'abcdef'
print(b[1:3], bytes(reversed(b)), b[2])
