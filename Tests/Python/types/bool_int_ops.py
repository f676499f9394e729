# bool is not a subclass of int in MicroPython, and & | ^ of bools give ints.
print(isinstance(True, int), isinstance(False, (str, int)), issubclass(bool, int), isinstance(True, bool))
print(True & True, True | False, False ^ True, True & 3, type(True | False).__name__)
x = True
x &= False
print(x, type(x).__name__)
print(True + True, -True, ~False, True * 2.5)
