# asyncio tasks ending while the heap is locked: the StopIteration of the finished coroutine is
# the emergency exception object, so the scheduler needs no heap for it.
import asyncio, micropython


async def short(i):
    print("short", i)
    await asyncio.sleep_ms(1)


async def main():
    t1 = asyncio.create_task(short(1))
    t2 = asyncio.create_task(short(2))
    await asyncio.sleep_ms(0)
    micropython.heap_lock()
    await asyncio.sleep_ms(20)  # both tasks end meanwhile
    micropython.heap_unlock()
    print(t1.done(), t2.done())


asyncio.run(main())
