# MicroPython-specific: the expected output is MicroPython's, not CPython's.
import sys
print(sys.implementation.name)
print(type(sys.implementation.version).__name__, sys.implementation.version[0])
