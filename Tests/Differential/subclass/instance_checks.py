class A: pass
class B(A): pass
class MyInt(int): pass
class MyStr(str): pass
class MyErr(OSError): pass
objs = [A(), B(), MyInt(3), MyStr("s"), MyErr(), 1, "s", True, 1.5, None, [], (), {}]
classes = [A, B, int, str, object, OSError, Exception, bool, float, list, tuple, dict]
for o in objs:
    print(type(o).__name__, "".join("1" if isinstance(o, c) else "0" for c in classes))
print(isinstance(1, (str, int)), isinstance("x", ()), issubclass(bool, int), issubclass(MyErr, Exception), issubclass(int, object))
try:
    isinstance(1, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__, e)
