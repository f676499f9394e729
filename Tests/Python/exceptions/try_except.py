def div(a, b):
    try:
        r = a // b
    except ZeroDivisionError:
        print('caught ZeroDivisionError')
        return None
    else:
        print('else runs')
        return r
    finally:
        print('finally runs')
print(div(7, 2))
print(div(1, 0))
for exc in (ValueError, KeyError, IndexError, TypeError, AttributeError):
    try:
        raise exc('msg')
    except (KeyError, IndexError) as e:
        print('lookup', type(e).__name__)
    except Exception as e:
        print('other', type(e).__name__, e.args)
try:
    int('x')
except:
    print('bare except')
try:
    try:
        raise ValueError('inner')
    except TypeError:
        print('not here')
except ValueError as e:
    print('outer caught', e)
try:
    undefined_name
except NameError:
    print('NameError')
try:
    None.attr
except AttributeError:
    print('AttributeError')
try:
    {}['k']
except LookupError as e:
    print('LookupError', type(e).__name__, e.args)
e = None
try:
    raise RuntimeError
except RuntimeError as err:
    print('no-arg raise', err.args, repr(str(err)))
print(e)
