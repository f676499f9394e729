# asyncio for this project: wait_for, wait_for_ms and gather.

from . import core


async def _watch(waiter, aw):
    # Runs aw for wait_for; when aw ends first, cancels the waiter's sleep, passing aw's
    # outcome in the CancelledError's arguments: (True, result) or (exception, None).
    try:
        result = await aw
        status = True
    except BaseException as er:
        result = None
        status = er
    if waiter.data is None:
        # The waiter still sleeps (it was neither cancelled nor woken otherwise).
        if waiter.cancel():
            waiter.data = core.CancelledError(status, result)


async def wait_for(aw, timeout, sleep=core.sleep):
    aw = core._promote_to_task(aw)
    if timeout is None:
        return await aw
    watcher = core.create_task(_watch(core.cur_task, aw))
    try:
        await sleep(timeout)
    except core.CancelledError as er:
        status = er.args[0] if er.args else None
        if status is None:
            # Cancelled from outside: cancel aw too.
            watcher.cancel()
            raise er
        if status is True:
            return er.args[1]
        raise status
    # Timed out: cancel aw, let it finish, and report the timeout.
    watcher.cancel()
    await watcher
    raise core.TimeoutError


def wait_for_ms(aw, timeout):
    return wait_for(aw, timeout, core.sleep_ms)


class _Remove:
    # The gather task's data while it waits: cancelling it calls this, which has nothing to do.
    @staticmethod
    def remove(t):
        pass


async def gather(*aws, return_exceptions=False):
    if not aws:
        return []

    def done(t, er):
        # Called by the scheduler when sub-task t ends with er (StopIteration or exception).
        nonlocal pending
        if gather_task.data is not _Remove:
            # Gather already woke (an earlier failure, or it was cancelled).
            return
        if not return_exceptions and not isinstance(er, StopIteration):
            pending = er
        else:
            pending -= 1
            if pending:
                return
        core._task_queue.push(gather_task)

    ts = [core._promote_to_task(aw) for aw in aws]
    pending = 0
    for t in ts:
        st = t.state
        if st is True:
            t.state = done
            pending += 1
        elif not st:
            # Already finished (a failure nobody awaited is still reported, as MicroPython's).
            if not return_exceptions and not isinstance(t.data, StopIteration):
                for u in ts:
                    if u.state is done:
                        u.state = True
                raise t.data
        else:
            raise RuntimeError("can't gather")

    gather_task = core.cur_task
    cancel_all = False
    if pending:
        gather_task.data = _Remove
        try:
            yield
        except core.CancelledError as er:
            cancel_all = True
            pending = er

    for i in range(len(ts)):
        t = ts[i]
        if t.state is done:
            # Still running: unhook it, and cancel it if the gather was cancelled.
            t.state = True
            if cancel_all:
                t.cancel()
        elif isinstance(t.data, StopIteration):
            ts[i] = t.data.value
        else:
            ts[i] = t.data

    if pending:
        raise pending
    return ts
