# asyncio's MicroPython API: sleep_ms, wait_for_ms, Loop methods, exception handler context,
# uasyncio, Task awaited twice, gather edge cases, ThreadSafeFlag set from a scheduled callback
import asyncio, uasyncio, micropython, sys

print(uasyncio.sleep_ms is asyncio.sleep_ms, uasyncio.Event is asyncio.Event)
print(asyncio.__version__)
import asyncio.core, asyncio.funcs, asyncio.event, asyncio.lock, asyncio.stream
print(asyncio.core.TaskQueue is asyncio.TaskQueue, asyncio.StreamReader is asyncio.StreamWriter)
try:
    asyncio.no_such_name
except AttributeError:
    print("AttributeError")

try:
    asyncio.current_task()
except RuntimeError as e:
    print("RuntimeError", e)


def handler(loop, context):
    print("handler:", loop is asyncio.get_event_loop(), context["message"])
    print("future is task:", isinstance(context["future"], asyncio.Task), repr(context["exception"]))


async def boom(x):
    raise ValueError(x)


async def slow(ms, v):
    await asyncio.sleep_ms(ms)
    return v


async def stopper(loop):
    await asyncio.sleep_ms(5)
    print("stopping")
    loop.stop()


async def main():
    loop = asyncio.get_event_loop()
    print(loop.get_exception_handler())
    loop.set_exception_handler(handler)
    asyncio.create_task(boom(1))
    await asyncio.sleep_ms(0)
    await asyncio.sleep_ms(0)
    # a failed task awaited before the report: no report, the exception is raised on await
    t = asyncio.create_task(boom(2))
    await asyncio.sleep(0)
    try:
        await t
    except ValueError as e:
        print("awaited", e)
    try:
        await t
    except ValueError as e:
        print("awaited again", e)
    print(await asyncio.wait_for_ms(slow(1, "in time"), 50))
    try:
        await asyncio.wait_for_ms(slow(100, "late"), 5)
    except asyncio.TimeoutError:
        print("TimeoutError")
    print(await asyncio.wait_for(slow(1, "no timeout"), None))
    # gather over finished tasks, and a task awaited by another: can't gather
    d = asyncio.create_task(slow(0, "d"))
    await asyncio.sleep_ms(2)
    print(await asyncio.gather(d, slow(1, "e")))
    w = asyncio.create_task(slow(100, "w"))
    w2 = asyncio.create_task(asyncio.wait_for(w, 1))
    await asyncio.sleep(0)  # w sleeps, w2 starts wait_for's watcher
    await asyncio.sleep(0)  # the watcher awaits w
    try:
        await asyncio.gather(w)
    except RuntimeError as e:
        print("RuntimeError", e)
    print(await w2)
    # ThreadSafeFlag set from a scheduled callback
    flag = asyncio.ThreadSafeFlag()
    micropython.schedule(lambda f: f.set(), flag)
    await flag.wait()
    print("flag")
    flag.set()
    flag.clear()
    print(await asyncio.wait_for_ms(flag.wait(), 10) if False else "cleared")
    # current_task, data
    ct = asyncio.current_task()
    ct.data = None
    print(type(ct).__name__, ct.done())
    try:
        ct.cancel()
    except RuntimeError as e:
        print("RuntimeError", e)
    loop.set_exception_handler(None)
    return 42


print(asyncio.run(main()))

loop = asyncio.new_event_loop()
print(loop.run_until_complete(slow(1, "ruc")))
print(loop.run_until_complete(asyncio.create_task(slow(1, "ruc task"))))
loop.create_task(stopper(loop))
loop.run_forever()
print("stopped")
loop.close()


# Running out of tasks while the main task waits for an event: the loop keeps polling, so a
# scheduled callback can still wake it.
ev = asyncio.Event()


async def waits():
    micropython.schedule(lambda e: e.set(), ev)
    await ev.wait()
    print("event from schedule")


asyncio.run(waits())
try:
    asyncio.create_task(1)
except TypeError as e:
    print("TypeError", e)
