import lib.helper
from lib import helper
from lib.helper import double, CONST as C
import lib.helper as h
print(helper is h, h is lib.helper, double(21), C, helper.CONST)
print(h.Thing('x').hello(), h.__name__)
print(h.bump(), h.bump(), helper.counter)
h.CONST = 7
from lib.helper import CONST
print(CONST, helper.CONST)
import sys
print('lib.helper' in sys.modules, sys.modules['lib.helper'] is h)
def local_import():
    from lib.helper import double as d
    return d('ab')
print(local_import())
