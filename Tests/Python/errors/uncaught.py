# An uncaught exception: the traceback goes to stderr (not compared),
# stdout keeps what was printed before, and the exit status is 1.
def fail(v):
    raise ValueError('bad value %d' % v)
print('before')
fail(3)
print('never printed')
