# asyncio for this project: Event and ThreadSafeFlag.

from . import core


class Event:
    def __init__(self):
        self.state = False
        self.waiting = core.TaskQueue()  # tasks blocked in wait()

    def is_set(self):
        return self.state

    def set(self):
        # Wake every waiter (from the asyncio thread only; ThreadSafeFlag is for IRQs).
        q = self.waiting
        while q.peek():
            core._task_queue.push(q.pop())
        self.state = True

    def clear(self):
        self.state = False

    async def wait(self):
        if not self.state:
            t = core.cur_task
            self.waiting.push(t)
            t.data = self.waiting  # so that cancelling the task takes it off the queue
            yield
        return True


try:
    import io

    class ThreadSafeFlag(io.IOBase):
        # A flag set from anywhere (an interrupt or a scheduled callback); a task waits on it
        # through the I/O poller, which asks ioctl whether the flag is readable.
        def __init__(self):
            self.state = 0

        def ioctl(self, req, flags):
            if req == 3:  # MP_STREAM_POLL
                return self.state * flags
            return -1

        def set(self):
            self.state = 1

        def clear(self):
            self.state = 0

        async def wait(self):
            if not self.state:
                yield core._io_queue.queue_read(self)
            self.state = 0

except ImportError:
    pass
