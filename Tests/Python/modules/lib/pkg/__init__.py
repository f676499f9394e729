from .sub import value
PKG_NAME = 'pkg'
