# With the heap locked, a builtin exception is the emergency exception object: its args,
# its message and its traceback live in the emergency buffer.
import io
import sys
import micropython


def f():
    micropython.heap_lock()
    try:
        raise ValueError(1)
    except ValueError as e:
        exc = e
    try:
        undefined_name
    except NameError as e:
        msg = e.args[0] == "name 'undefined_name' isn't defined"
    try:
        raise 0
    except TypeError as e:
        msg2 = e.args[0]
    micropython.heap_unlock()
    return exc, msg, msg2


e, msg, msg2 = f()
print(type(e), msg, msg2)
buf = io.StringIO()
sys.print_exception(e, buf)
for line in buf.getvalue().split("\n"):
    print(line.split('"')[-1] if line.startswith("  File") else line)
