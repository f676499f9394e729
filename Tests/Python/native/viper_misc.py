# Assorted viper functions: globals, calls between viper functions, annotated locals, conditions,
# loops, objects, attributes, try/except, nested pointer loops.
import micropython
G = 7
@micropython.viper
def usesglobal(x: int) -> int:
    return x + int(G)
print(usesglobal(1))
@micropython.viper
def inner(a: int) -> int:
    return a * 2
@micropython.viper
def outer(a: int) -> int:
    return int(inner(a)) + 1
print(outer(20))
@micropython.viper
def ann():
    x: int = 5
    y: uint = 3
    z = x + 1
    return (x, y, z)
print(ann())
@micropython.viper
def cond(a: int, b: int) -> int:
    if a > 0 and b > 0:
        return 1
    elif a > 0 or b > 0:
        return 2
    return 3
print(cond(1,1), cond(1,-1), cond(-1,-1))
@micropython.viper
def loop_break(n: int) -> int:
    i = 0
    while True:
        i += 1
        if i >= n:
            break
    return i
print(loop_break(9))
@micropython.viper
def forobj(lst) -> int:
    s = 0
    for x in lst:
        s += int(x)
    return s
print(forobj([1,2,3]))
@micropython.viper
def retbool(x: int) -> bool:
    return x > 3
print(retbool(5), retbool(1))
@micropython.viper
def tern(x: int):
    return "big" if x > 10 else "small"
print(tern(11), tern(1))
@micropython.viper
def lst_cmp(x: int):
    return [x == 1, x != 1, x < 0]
print(lst_cmp(1))
@micropython.viper
def attr(o):
    o.val = 12
    return o.val
class C: pass
print(attr(C()))
@micropython.viper
def strs(s):
    return s.upper() + "!"
print(strs("ab"))
@micropython.viper
def exc(x: int):
    try:
        if x:
            raise ValueError("v")
        return "none"
    except ValueError:
        return "caught"
print(exc(0), exc(1))
@micropython.viper
def uintcmp() -> bool:
    a = uint(5)
    b = uint(0xFFFFFFFF)
    return a < b
print(uintcmp())
@micropython.viper
def shifts(x: int) -> int:
    return (x << 4) >> 2
print(shifts(-3), shifts(5))
@micropython.viper
def nested_ptr(b: ptr8, n: int) -> int:
    acc = 0
    for i in range(n):
        for j in range(n):
            acc += b[i] * b[j]
    return acc
print(nested_ptr(b"\x01\x02\x03", 3))
@micropython.viper
def kwcall(x):
    return sorted(x, reverse=True)
print(kwcall([3,1,2]))
@micropython.viper
def bool_local(x: int) -> bool:
    b = x > 2
    if b:
        return True
    return False
print(bool_local(3), bool_local(1))
@micropython.viper
def aug_obj(l):
    l += [1]
    return l
print(aug_obj([0]))
print(uintcmp.__class__)
