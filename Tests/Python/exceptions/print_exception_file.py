# sys.print_exception writes to the stream it is given: StringIO, BytesIO or sys.stdout;
# anything else (even an object with a write method) is not a stream and raises OSError.
import io, sys


def show(text):
    # Drop file names from traceback lines (they depend on how the test is run).
    for line in text.split("\n"):
        if line.startswith("  File "):
            line = line.split('"')
            line = line[0] + "<file>" + line[2]
        print(repr(line))


def inner():
    raise ValueError("bad value", 42)


def outer():
    inner()


try:
    outer()
except ValueError as e:
    err = e

buf = io.StringIO()
print(sys.print_exception(err, buf))
show(buf.getvalue())

bbuf = io.BytesIO()
sys.print_exception(KeyError("k"), bbuf)
print(bbuf.getvalue())


class Collect:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


c = Collect()
try:
    sys.print_exception(err, c)
except OSError as e:
    print("OSError", e, c.parts)

sys.print_exception(OSError(2, "gone"), sys.stdout)
sys.print_exception(RuntimeError("plain"))
sys.print_exception(RuntimeError("to stderr"), sys.stderr)

for bad in (None, 1, "text", [1]):
    try:
        sys.print_exception(err, bad)
    except OSError as e:
        print("OSError", type(bad).__name__)

closed = io.StringIO()
closed.close()
try:
    sys.print_exception(err, closed)
except ValueError as e:
    print("ValueError", e)
