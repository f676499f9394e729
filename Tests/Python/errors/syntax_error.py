print('this line is never run: the whole file fails to compile')
def f(:
    pass
