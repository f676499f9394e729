def f():
    try:
        return 'try'
    finally:
        print('finally before return')
print(f())
def g():
    try:
        return 'try'
    finally:
        return 'finally'
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print('body', i)
        finally:
            print('finally', i)
    return 'done'
print(h())
def k():
    try:
        raise ValueError('lost')
    finally:
        return 'swallowed'
print(k())
def nested():
    try:
        try:
            raise KeyError('a')
        finally:
            print('inner finally')
    except KeyError:
        print('outer except')
    finally:
        print('outer finally')
nested()
def count():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                return n
        finally:
            print('loop finally', n)
print(count())
