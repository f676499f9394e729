# asyncio for this project (MicroPython's asyncio API), written in Python and frozen.
# The scheduler (core: Task, sleep, run, Loop...) loads with the package; each other part
# loads with its submodule the first time one of its names is asked for.

from .core import *

__version__ = (3, 0, 0)

_PARTS = (
    ("funcs", ("wait_for", "wait_for_ms", "gather")),
    ("event", ("Event", "ThreadSafeFlag")),
    ("lock", ("Lock",)),
    ("stream", ("open_connection", "start_server", "StreamReader", "StreamWriter")),
)


def __getattr__(name):
    for part, names in _PARTS:
        if name in names:
            sub = __import__(part, globals(), None, names, 1)
            # Keep every name of the part here, so later lookups skip this hook.
            g = globals()
            for n in names:
                g[n] = getattr(sub, n)
            return g[name]
    raise AttributeError(name)
