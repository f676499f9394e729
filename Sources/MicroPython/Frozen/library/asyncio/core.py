# asyncio for this project: the scheduler (run queue, I/O waiting, the loop).
# Written for this project after MicroPython's documented asyncio API.

from time import ticks_ms as ticks, ticks_diff, ticks_add
import sys, select

from .task import TaskQueue, Task


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):
    pass


# The context given to the exception handler for a task nobody awaited; reused, so reporting
# needs no new dict.
_exc_context = {"message": "Task exception wasn't retrieved", "exception": None, "future": None}


class SingletonGenerator:
    # What sleep_ms returns: one shared awaitable, so sleeping allocates nothing.
    def __init__(self):
        self.state = None
        self.exc = StopIteration()

    def __iter__(self):
        return self

    def __next__(self):
        if self.state is not None:
            # First step: requeue the current task for the wake time, and suspend it.
            _task_queue.push(cur_task, self.state)
            self.state = None
            return None
        # Resumed: the sleep is over.
        self.exc.__traceback__ = None
        raise self.exc


def sleep_ms(t, sgen=SingletonGenerator()):
    assert sgen.state is None
    sgen.state = ticks_add(ticks(), max(0, t))
    return sgen


def sleep(t):
    return sleep_ms(int(t * 1000))


class IOQueue:
    # Tasks waiting for streams to become readable or writable, through one select.poll.
    # map: id(stream) -> [task waiting to read, task waiting to write, stream].
    def __init__(self):
        self.poller = select.poll()
        self.map = {}

    def _enqueue(self, s, idx):
        k = id(s)
        entry = self.map.get(k)
        if entry is None:
            entry = [None, None, s]
            entry[idx] = cur_task
            self.map[k] = entry
            self.poller.register(s, select.POLLOUT if idx else select.POLLIN)
        else:
            assert entry[idx] is None
            entry[idx] = cur_task
            self.poller.modify(s, select.POLLIN | select.POLLOUT)
        cur_task.data = self  # so that cancelling the task takes it off this queue

    def _dequeue(self, s):
        del self.map[id(s)]
        self.poller.unregister(s)

    # A task waits with `yield core._io_queue.queue_read(s)`: queue it, then suspend.
    def queue_read(self, s):
        self._enqueue(s, 0)

    def queue_write(self, s):
        self._enqueue(s, 1)

    def remove(self, task):
        while True:
            found = None
            for k in self.map:
                entry = self.map[k]
                if entry[0] is task or entry[1] is task:
                    found = entry[2]
                    break
            if found is None:
                return
            self._dequeue(found)

    def wait_io_event(self, dt):
        for s, ev in self.poller.ipoll(dt):
            entry = self.map[id(s)]
            if ev & ~select.POLLOUT and entry[0] is not None:
                # readable, or an error/hang-up: wake the reader
                _task_queue.push(entry[0])
                entry[0] = None
            if ev & ~select.POLLIN and entry[1] is not None:
                _task_queue.push(entry[1])
                entry[1] = None
            if entry[0] is None and entry[1] is None:
                self._dequeue(s)
            elif entry[0] is None:
                self.poller.modify(s, select.POLLOUT)
            else:
                self.poller.modify(s, select.POLLIN)


def _promote_to_task(aw):
    return aw if isinstance(aw, Task) else create_task(aw)


def create_task(coro):
    if not hasattr(coro, "send"):
        raise TypeError("coroutine expected")
    t = Task(coro, globals())
    _task_queue.push(t)
    return t


def run_until_complete(main_task=None):
    global cur_task
    excs_all = (CancelledError, Exception)
    excs_stop = (CancelledError, StopIteration)
    while True:
        # Wait for the first task of the run queue to be due, polling the I/O meanwhile.
        dt = 1
        while dt > 0:
            t = _task_queue.peek()
            if t is not None:
                dt = max(0, ticks_diff(t.ph_key, ticks()))
            elif not _io_queue.map:
                # Nothing queued can wake up.
                cur_task = None
                if main_task is None or not main_task.state:
                    return
                # The main task still waits: only a scheduled callback (an interrupt) could
                # wake it now, so keep polling briefly rather than leave.
                dt = 3
            else:
                dt = -1
            _io_queue.wait_io_event(dt)

        t = _task_queue.pop()
        cur_task = t
        try:
            exc = t.data
            if not exc:
                t.coro.send(None)
            else:
                # A cancellation (or an unretrieved exception of a finished task) to deliver.
                t.data = None
                t.coro.throw(exc)
        except excs_all as er:
            # The task's coroutine has ended, with a value (StopIteration) or an exception.
            assert t.data is None
            # The main task's outcome goes to run_until_complete's caller: it counts as awaited.
            awaited = t is main_task
            if awaited:
                cur_task = None
                if not isinstance(er, StopIteration):
                    t.state = False
                    raise er
            st = t.state
            if st:
                if st is True:
                    t.state = False if awaited else None
                elif callable(st):
                    # gather registered a callback for the end of this task
                    st(t, er)
                    t.state = False
                    awaited = True
                else:
                    # Wake every task awaiting this one.
                    while st.peek():
                        _task_queue.push(st.pop())
                        awaited = True
                    t.state = False
                if not awaited and not isinstance(er, excs_stop):
                    # Nobody awaits it and it failed: run it once more later, to report the
                    # exception then unless somebody has retrieved it by then.
                    _task_queue.push(t)
                t.data = er
            elif exc:
                # Second visit of a failed task: keep its exception as its outcome, and report
                # it unless somebody retrieved it meanwhile (state False).
                t.data = exc
                if st is None:
                    _exc_context["exception"] = exc
                    _exc_context["future"] = t
                    Loop.call_exception_handler(_exc_context)
            if t is main_task:
                return er.value


def run(coro):
    return run_until_complete(create_task(coro))


async def _stopper():
    pass


cur_task = None
_stop_task = None


class Loop:
    _exc_handler = None

    def create_task(coro):
        return create_task(coro)

    def run_forever():
        global _stop_task
        _stop_task = Task(_stopper(), globals())
        run_until_complete(_stop_task)

    def run_until_complete(aw):
        return run_until_complete(_promote_to_task(aw))

    def stop():
        global _stop_task
        if _stop_task is not None:
            _task_queue.push(_stop_task)
            _stop_task = None

    def close():
        pass

    def set_exception_handler(handler):
        Loop._exc_handler = handler

    def get_exception_handler():
        return Loop._exc_handler

    def default_exception_handler(loop, context):
        print(context["message"], file=sys.stderr)
        print("future:", context["future"], "coro=", context["future"].coro, file=sys.stderr)
        sys.print_exception(context["exception"], sys.stderr)

    def call_exception_handler(context):
        (Loop._exc_handler or Loop.default_exception_handler)(Loop, context)


def get_event_loop(runq_len=0, waitq_len=0):
    return Loop


def current_task():
    if cur_task is None:
        raise RuntimeError("no running event loop")
    return cur_task


def new_event_loop():
    global _task_queue, _io_queue
    _task_queue = TaskQueue()
    _io_queue = IOQueue()
    return Loop


new_event_loop()
