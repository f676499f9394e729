# help(obj) lists a builtin type's or module's members in the order they are declared, as
# MicroPython's ROM tables keep them.
import heapq, binascii, struct, json, gc
help(len)
help(int)
help(1)
for m in (heapq, binascii, struct, json, gc):
    help(m)
