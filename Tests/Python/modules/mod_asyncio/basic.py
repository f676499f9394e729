# asyncio: tasks, results, gather, wait_for, Event, Lock, cancellation (same output as CPython)
import asyncio


async def worker(name, n, result):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    return result


async def fails(x, t=0):
    await asyncio.sleep(t)
    raise ValueError(x)


async def forever(tag):
    try:
        while True:
            await asyncio.sleep(0.01)
    except asyncio.CancelledError:
        print(tag, "cancelled")
        raise


async def main():
    a = asyncio.create_task(worker("a", 3, "A"))
    b = asyncio.create_task(worker("b", 2, "B"))
    print(a.done(), b.done())
    print(await a, await b)
    print(a.done(), b.done(), await a)

    print(await asyncio.gather(worker("g", 2, 1), worker("h", 1, 2)))
    print(await asyncio.gather())
    r = await asyncio.gather(worker("i", 1, 3), fails(4), return_exceptions=True)
    print(r[0], type(r[1]).__name__, r[1].args)
    try:
        await asyncio.gather(fails(5, 0.02), worker("j", 3, 6))
    except ValueError as e:
        print("gather raised", e.args)
    await asyncio.sleep(0.05)

    # wait_for: in time, and too late
    print(await asyncio.wait_for(worker("w", 1, 7), 1))
    try:
        await asyncio.wait_for(forever("wf"), 0.02)
    except asyncio.TimeoutError:
        print("timed out")

    # cancelling a sleeping task
    t = asyncio.create_task(forever("t"))
    await asyncio.sleep(0.02)
    print(t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("t ended cancelled", t.done())
    print(t.cancel())

    # Event
    ev = asyncio.Event()

    async def waiter(i):
        print("wait", i)
        await ev.wait()
        print("woken", i)

    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("set", ev.is_set())
    ev.set()
    print(ev.is_set())
    await asyncio.gather(*ws)
    ev.clear()
    print(ev.is_set())

    # Lock
    lock = asyncio.Lock()

    async def locker(i):
        async with lock:
            print("locked", i, lock.locked())
            await asyncio.sleep(0.01)
            print("unlock", i)

    await asyncio.gather(locker(1), locker(2), locker(3))
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError:
        print("release unlocked: RuntimeError")
    print(asyncio.current_task() is not None)
    return "done"


print(asyncio.run(main()))
