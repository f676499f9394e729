# execfile(): a file's source run in the given namespaces (host profile, as the unix port).
import os

with open("_execfile_tmp.py", "w") as f:
    f.write("x = 6 * 7\nprint('ran', __name__ if '__name__' in globals() else None)\n")
g = {}
execfile("_execfile_tmp.py", g)
print(g["x"])
execfile("_execfile_tmp.py")
print(x)
try:
    execfile("_no_such_file.py")
except OSError as e:
    print("OSError", e.errno)
try:
    execfile(b"_execfile_tmp.py")
except TypeError:
    print("TypeError")
os.remove("_execfile_tmp.py")
