# asyncio for this project: Lock.

from . import core


class Lock:
    def __init__(self):
        # state: 0 free, 1 held, or the waiting Task the lock has been handed to (it holds the
        # lock once it runs again).
        self.state = 0
        self.waiting = core.TaskQueue()

    def locked(self):
        return self.state == 1

    def release(self):
        if self.state != 1:
            raise RuntimeError("Lock not acquired")
        if self.waiting.peek():
            # Hand the lock straight to the first waiter.
            t = self.waiting.pop()
            self.state = t
            core._task_queue.push(t)
        else:
            self.state = 0

    async def acquire(self):
        if self.state != 0:
            t = core.cur_task
            self.waiting.push(t)
            t.data = self.waiting
            try:
                yield
            except core.CancelledError as er:
                if self.state is t:
                    # The lock was handed to this task, cancelled before it ran: pass it on.
                    self.state = 1
                    self.release()
                raise er
        self.state = 1
        return True

    async def __aenter__(self):
        return await self.acquire()

    async def __aexit__(self, exc_type, exc, tb):
        return self.release()
