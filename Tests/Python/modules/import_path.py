import sys
sys.path.insert(0, 'lib')
import shapes
from shapes import Square, describe
print(describe(Square(3)), shapes.Square is Square, shapes.__name__)
import pkg
print(pkg.PKG_NAME, pkg.value)
from pkg import sub
from pkg.sub import where
print(sub.value, where(), pkg.sub is sub)
