try:
    import no_such_module_anywhere
except ImportError:
    print('ImportError module')
try:
    from lib.helper import no_such_name
except ImportError:
    print('ImportError name')
try:
    import lib.no_such_sub
except ImportError:
    print('ImportError submodule')
import lib.helper
print('still works', lib.helper.CONST)
