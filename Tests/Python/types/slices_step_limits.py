# MicroPython's documented limits: str, bytes, bytearray and tuple slices take only step 1;
# list slice stores and deletions take only step 1; a bytearray slice store needs a buffer;
# an array is not searched for a number; str() and bytes() take no keyword arguments.
import array


def attempt(label, f):
    try:
        print(label, repr(f()))
    except NotImplementedError as e:
        print(label, "NotImplementedError", e)
    except TypeError as e:
        print(label, "TypeError", e)


attempt("str step", lambda: "abcdef"[::2])
attempt("str reverse", lambda: "abc"[::-1])
attempt("str step 1", lambda: "abcdef"[1:4:1])
attempt("unicode step", lambda: "\u00e9t\u00e9"[::2])
attempt("bytes step", lambda: b"123"[0:3:2])
attempt("bytearray step", lambda: bytearray(b"abc")[::-1])
attempt("tuple step", lambda: (1, 2, 3)[::2])
attempt("empty tuple step", lambda: ()[2:3:4])
attempt("tuple step 1", lambda: (1, 2, 3)[1::1])
attempt("list step", lambda: [1, 2, 3, 4][::2])


def list_store():
    l = [1, 2, 3, 4]
    l[::2] = [5, 6]
    return l


def list_delete():
    l = [1, 2, 3, 4]
    del l[::2]
    return l


def list_store_1():
    l = [1, 2, 3, 4]
    l[1:3] = ["x", "y", "z"]
    del l[:1]
    return l


def bytearray_store(v):
    def f():
        b = bytearray(4)
        b[0:1] = v
        return b
    return f


def bytearray_step_store():
    b = bytearray(4)
    b[::2] = b"xy"
    return b


attempt("list store step", list_store)
attempt("list delete step", list_delete)
attempt("list store", list_store_1)
attempt("bytearray store list", bytearray_store([1, 2]))
attempt("bytearray store bytes", bytearray_store(b"\x01\x02"))
attempt("bytearray store step", bytearray_step_store)
attempt("int in array", lambda: 1 in array.array("B", b"12"))
attempt("float in array", lambda: 1.5 in array.array("f", [1.5]))
attempt("bytes in array", lambda: b"1" in array.array("B", b"12"))
attempt("None in array", lambda: None in array.array("i", [0]))
attempt("str kw", lambda: str(b"abc", encoding="utf8"))
attempt("bytes kw", lambda: bytes("abc", encoding="utf8"))
attempt("str positional", lambda: str(b"abc", "utf8"))
