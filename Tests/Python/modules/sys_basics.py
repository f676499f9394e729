import sys
print(sys.argv)
print(type(sys.argv).__name__, len(sys.argv))
print(sys.version_info[0], sys.byteorder, type(sys.path).__name__, type(sys.modules).__name__)
print(type(sys.maxsize).__name__, sys.maxsize > 2 ** 30)
try:
    sys.exit(5)
except SystemExit as e:
    print('SystemExit', e.args)
try:
    sys.exit()
except SystemExit as e:
    print('SystemExit no args', e.args)
try:
    raise SystemExit('text')
except SystemExit as e:
    print('SystemExit', e.args)
sys.stdout.write('written directly\n')
print('end')
