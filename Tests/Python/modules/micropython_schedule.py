# micropython.schedule: a callback scheduled from inside a callback waits until the outer one
# has finished (the scheduler is locked while one runs), so the queue can fill up; a
# scheduled kbd_intr raises KeyboardInterrupt at the next check (once, however often it was
# scheduled), and time.sleep(0) is such a check.
import micropython
from time import sleep

log = []


def inner(a):
    log.append("inner")


def outer(a):
    micropython.schedule(inner, None)
    for i in range(3):
        pass
    log.append("outer")
    try:
        for i in range(50):
            micropython.schedule(lambda x: x, None)
    except RuntimeError as e:
        log.append(str(e))


micropython.schedule(outer, None)
for i in range(100):
    sleep(0)
print(log)

# (No loop here: its jumps would run the scheduler before the try.)
k = micropython.kbd_intr
micropython.schedule(k, None)
micropython.schedule(k, None)
micropython.schedule(k, None)
try:
    sleep(0)
    sleep(0)
    print("not raised")
except KeyboardInterrupt:
    print("KeyboardInterrupt")
for i in range(20):
    sleep(0)
print("once")
