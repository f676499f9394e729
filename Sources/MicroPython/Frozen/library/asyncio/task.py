# asyncio for this project: Task, and TaskQueue (a pairing heap of tasks ordered by wake time).
# Written for this project; the scheduler itself is in core.py.

from micropython import const
from . import core

# Tasks with equal wake times leave the queue in the order they entered it: each push takes
# the next number of a wrapping counter (kept within small integers) and ties compare it.
_SEQ_MASK = const(0x3FFFFFFF)
_SEQ_HALF = const(0x20000000)
_seq = 0


def _before(a, b):
    d = core.ticks_diff(a.ph_key, b.ph_key)
    if d:
        return d < 0
    return (a.ph_seq - b.ph_seq) & _SEQ_MASK >= _SEQ_HALF


def _link(a, b):
    # Join two heap roots; the later of the two becomes the first child of the other.
    if _before(b, a):
        a, b = b, a
    c = a.ph_child
    b.ph_next = c
    if c is not None:
        c.ph_prev = b
    b.ph_prev = a
    a.ph_child = b
    return a


def _merge_children(c):
    # Two-pass pairing of a list of siblings into one heap, without recursion or allocation:
    # pair them left to right, stacking the pairs on ph_next, then join the stack.
    stack = None
    while c is not None:
        a = c
        b = c.ph_next
        c = None if b is None else b.ph_next
        a.ph_next = a.ph_prev = None
        if b is not None:
            b.ph_next = b.ph_prev = None
            a = _link(a, b)
        a.ph_next = stack
        stack = a
    root = None
    while stack is not None:
        a = stack
        stack = a.ph_next
        a.ph_next = None
        root = a if root is None else _link(root, a)
    return root


class TaskQueue:
    def __init__(self):
        self.heap = None

    def peek(self):
        return self.heap

    def push(self, v, key=None):
        global _seq
        v.data = None
        v.ph_key = core.ticks() if key is None else key
        _seq = (_seq + 1) & _SEQ_MASK
        v.ph_seq = _seq
        v.ph_child = v.ph_next = v.ph_prev = None
        h = self.heap
        self.heap = v if h is None else _link(h, v)

    def pop(self):
        v = self.heap
        self.heap = _merge_children(v.ph_child)
        v.ph_child = None
        return v

    def remove(self, v):
        if v is self.heap:
            self.pop()
            return
        p = v.ph_prev
        if p is None:
            return  # not in this queue
        n = v.ph_next
        if p.ph_child is v:
            p.ph_child = n
        else:
            p.ph_next = n
        if n is not None:
            n.ph_prev = p
        v.ph_next = v.ph_prev = None
        sub = _merge_children(v.ph_child)
        v.ph_child = None
        if sub is not None:
            self.heap = _link(self.heap, sub)


class Task:
    # state: True while running with nobody waiting on it; a TaskQueue of the tasks awaiting it;
    # a callable to call when it ends (gather); None once finished with nobody having awaited
    # it; False once finished and awaited (its outcome retrieved).
    # data: what the task waits on while queued elsewhere (a queue, or the Task it awaits), the
    # exception to throw into it when it next runs, or its outcome once finished.
    def __init__(self, coro, globals=None):
        self.coro = coro
        self.data = None
        self.state = True
        self.ph_key = 0
        self.ph_seq = 0
        self.ph_child = None
        self.ph_next = None
        self.ph_prev = None

    def __iter__(self):
        s = self.state
        if not s:
            self.state = False  # finished: its outcome has now been retrieved
        elif s is True:
            self.state = TaskQueue()
        elif type(s) is not TaskQueue:
            raise RuntimeError("can't wait")
        return self

    def __next__(self):
        if not self.state:
            # Finished: give its result (the StopIteration ending it) or raise its exception.
            if self.data is None:
                raise StopIteration
            raise self.data
        # Still running: the awaiting task sleeps on this one's queue until it ends.
        self.state.push(core.cur_task)
        core.cur_task.data = self

    def done(self):
        return not self.state

    def cancel(self):
        if not self.state:
            return False
        if self is core.cur_task:
            raise RuntimeError("can't cancel self")
        # A task awaiting another task is cancelled through the one it awaits.
        while isinstance(self.data, Task):
            self = self.data
        q = self.data
        if hasattr(q, "remove"):
            # Waiting on an event, lock, I/O or task queue: take it off there, run it now.
            q.remove(self)
            core._task_queue.push(self)
        elif core.ticks_diff(self.ph_key, core.ticks()) > 0:
            # Sleeping: bring it forward.
            core._task_queue.remove(self)
            core._task_queue.push(self)
        self.data = core.CancelledError
        return True
