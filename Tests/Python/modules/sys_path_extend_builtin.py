# sys.path can be replaced (by a list or a tuple); a file module may extend an extensible
# built-in of its name; a module from a file prints where it came from.
import sys

saved = sys.path
sys.path = ["lib/extend"]
import time

print(time, time.extra, callable(time.sleep))
sys.path = saved
print(sys.path is saved)
sys.path = ()
import time as t2

print(t2 is time, hasattr(t2, "extra"), t2)
sys.path = saved
