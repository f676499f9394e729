# An uncaught MemoryError ends the program with a traceback (on stderr) and status 1.
print('before')
x = 'ab' * 2**40
print('not reached')
