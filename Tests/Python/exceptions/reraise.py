def f():
    try:
        raise ValueError('original')
    except ValueError:
        print('handling')
        raise
try:
    f()
except ValueError as e:
    print('re-raised', e)
def g():
    try:
        1 // 0
    except ZeroDivisionError as e:
        raise TypeError('converted') from e
try:
    g()
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise KeyError('k')
    except KeyError:
        raise ValueError('during handling')
except ValueError as e:
    print('got', e)
try:
    raise IndexError('x') from None
except IndexError as e:
    print('from None', e)
def h():
    try:
        raise OSError(2, 'no such')
    except OSError as e:
        err = e
    raise err
try:
    h()
except OSError as e:
    print('raise saved', e.args)
try:
    raise ValueError
except ValueError as e:
    print('class raised', type(e).__name__, e.args)
