import os
import os.path
import os.path as p
from os import path, sep as s
from . import sibling
from ..pkg import mod
from micropython import const
from sys import *
X = const(100)
_Y = const(2)
Z = const(X * 2)
print(X, _Y, Z, __debug__)
def f():
    import time
    return time
