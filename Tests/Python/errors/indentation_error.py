if True:
print('bad indent')
