# Found by scripts/fuzz.py (a mutated scheduler test that ran differently from the C port):
# while a scheduled callback runs, the scheduler is locked: a callback it schedules runs only
# after it returns, and scheduling many from inside a callback fills the queue (RuntimeError).
import micropython
import time

done = 0


def inner(arg):
    global done
    print('inner')
    done += 1


def outer(arg):
    global done
    micropython.schedule(inner, 0)
    for i in range(2):
        pass  # a backward jump: where the VM runs pending callbacks
    print('outer')
    done += 1


micropython.schedule(outer, 0)
while done != 2:
    time.sleep(0)
print('after', done)


def flood(arg):
    global done
    try:
        for i in range(100):
            micropython.schedule(lambda x: x, None)
    except RuntimeError:
        print('RuntimeError')
    done = True


done = False
micropython.schedule(flood, None)
while not done:
    time.sleep_ms(0)
print('done')
