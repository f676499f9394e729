# An uncaught exception: the traceback follows what was printed, on stdout as the unix
# port prints it, and the exit status is 1.
def fail(v):
    raise ValueError('bad value %d' % v)
print('before')
fail(3)
print('never printed')
