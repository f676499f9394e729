# args: -X profile=esp8266
# asyncio on the board: frozen in ROM, so importing it costs little heap; scheduling tasks,
# sleep_ms and a stream write that completes or buffers a bytes object run with the heap locked.
import gc, micropython

gc.collect()
before = gc.mem_free()
import asyncio

gc.collect()
print("import costs under 4 KiB:", before - gc.mem_free() < 4096)


class Out:
    def __init__(self, blocked):
        self.blocked = blocked

    def write(self, b):
        return None if self.blocked else len(b)


async def ticker(name, n, ms):
    for i in range(n):
        print(name, i)
        await asyncio.sleep_ms(ms)


async def main():
    asyncio.create_task(ticker("a", 3, 100))
    asyncio.create_task(ticker("b", 2, 150))
    micropython.heap_lock()
    await asyncio.sleep_ms(5)
    await asyncio.sleep_ms(245)
    micropython.heap_unlock()
    print("slept with the heap locked")
    s = asyncio.StreamWriter(Out(True), None)
    t = asyncio.StreamWriter(Out(False), None)
    micropython.heap_lock()
    s.write(b"ab")
    t.write(b"cd")
    micropython.heap_unlock()
    print(s.out_buf, t.out_buf)
    ev = asyncio.Event()
    lock = asyncio.Lock()
    async with lock:
        ev.set()
    print(ev.is_set(), lock.locked(), await asyncio.gather(ticker("c", 1, 1), ticker("d", 1, 1)))


asyncio.run(main())
gc.collect()
print("heap free after a run over 20 KiB:", gc.mem_free() > 20 * 1024)
