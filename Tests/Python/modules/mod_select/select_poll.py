# select.poll over user streams (io.IOBase subclasses with ioctl), host descriptors and
# built-in objects; select.select; the reused tuple and one-shot flag of ipoll.
import select, io, sys

print(select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP)


class Stream(io.IOBase):
    def __init__(self, name):
        self.name = name
        self.ready = 0
        self.quiet = False

    def ioctl(self, request, arg):
        if request == 10:  # the unix port asks for a descriptor first
            return -1
        if not self.quiet:
            print(self.name, "ioctl", request, arg)
        if request == 3:
            return self.ready if self.ready < 0 else self.ready & arg
        return -22

    def __repr__(self):
        return "<" + self.name + ">"


a = Stream("a")
p = select.poll()
p.register(a)
print(p.poll(0))
a.ready = select.POLLIN
print(p.poll(0))
print(p.poll())
print(p.poll(None))
a.ready = -1000
try:
    p.poll(0)
except OSError as e:
    print("OSError", e.errno)

# registering twice replaces the mask; modify needs a registered object
a.ready = select.POLLIN | select.POLLOUT
p.register(a, select.POLLOUT)
print(p.poll(0))
p.modify(a, select.POLLIN)
print(p.poll(0))
p.unregister(a)
p.unregister(a)
try:
    p.modify(a, select.POLLIN)
except OSError as e:
    print("OSError", e.errno)
print(p.poll(5))

# ipoll returns the poll object; its tuples are one reused object; flag 1 is one-shot
p.register(a)
it = p.ipoll(0)
print(it is p, list(it))
b = Stream("b")
b.ready = select.POLLOUT
p.register(b)
got = list(p.ipoll(0, 1))
print(len(got), got[0] is got[1])
print(list(p.ipoll(0)))
p.modify(a, select.POLLIN)
print(list(p.ipoll(0)))

# host descriptors (the unix port's POSIX extension): ints, sys.stdout
q = select.poll()
try:
    q.register(-1)
except ValueError:
    print("ValueError")
q.register(1, select.POLLOUT)
print(q.poll(0))
q.unregister(1)
q.register(sys.stdout, select.POLLOUT)
print(q.poll(0))

# objects without the stream protocol, and streams without poll
for bad in (None, 1.5, object(), [1]):
    try:
        select.poll().register(bad)
    except OSError as e:
        print(type(bad).__name__, "OSError", e)
try:
    q = select.poll()
    q.register(io.BytesIO(b"x"))
    q.poll(0)
except OSError as e:
    print("BytesIO OSError", e.errno)

# select.select: readable, writable and exceptional lists; a float timeout in seconds
a.ready = select.POLLIN
b.ready = select.POLLOUT | select.POLLERR
print(select.select([a, b], [b], [b], 0))
a.ready = b.ready = 0
a.quiet = True
print(select.select([a], [], [], 0.002))
print(select.select((), (), ()) if False else "skip")
try:
    select.select(1, [], [])
except TypeError as e:
    print("TypeError", e)
