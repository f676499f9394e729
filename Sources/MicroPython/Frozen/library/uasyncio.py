# uasyncio: the old name of asyncio; every attribute comes from asyncio.
import asyncio


def __getattr__(attr):
    return getattr(asyncio, attr)
