# asyncio for this project (MicroPython's asyncio API), written in Python and frozen.
# The core (scheduler, Task, sleep) loads with the package; the rest loads on first use.

from .core import *

__version__ = (3, 0, 0)

_lazy = {
    "wait_for": "funcs",
    "wait_for_ms": "funcs",
    "gather": "funcs",
    "Event": "event",
    "ThreadSafeFlag": "event",
    "Lock": "lock",
    "open_connection": "stream",
    "start_server": "stream",
    "StreamReader": "stream",
    "StreamWriter": "stream",
}


def __getattr__(attr):
    mod = _lazy.get(attr)
    if mod is None:
        raise AttributeError(attr)
    value = getattr(__import__(mod, globals(), None, True, 1), attr)
    globals()[attr] = value
    return value
