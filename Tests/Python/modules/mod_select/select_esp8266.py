# args: -X profile=esp8266
# select on the ESP8266: poll and select.select over streams' ioctl; no host descriptors,
# so no ioctl(GET_FILENO) call and ints are not streams.
import select, io


class Stream(io.IOBase):
    def ioctl(self, request, arg):
        print("ioctl", request, arg)
        return arg & select.POLLIN if request == 3 else -22


s = Stream()
p = select.poll()
p.register(s)
print([(o is s, e) for o, e in p.poll(0)])
print([len(x) for x in select.select([s], [s], [], 0)])
try:
    p.register(1)
except OSError as e:
    print("OSError", e)
print(sorted(n for n in dir(select) if not n.startswith("_")))
import uselect
print(uselect is select)
