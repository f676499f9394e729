# Extends the built-in time: an empty sys.path makes the import below find the built-in,
# not this module (which is being imported under the same name).
import sys

saved = sys.path
sys.path = ()
from time import *

sys.path = saved
extra = "from a file"
