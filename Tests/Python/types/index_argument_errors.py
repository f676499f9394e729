# Index and range arguments that are not ints: C's mp_obj_get_int text ("can't convert float
# to int"), str's "string indices" (its step looked at first), bytearray's own name.
for f in (lambda: range(1.5), lambda: range(0, 2.5), lambda: range(0, 5, 1.0), lambda: range("a"), lambda: range(None), lambda: [1,2][1.5], lambda: [1][None], lambda: (1,)["a"], lambda: "ab"[1.0], lambda: b"ab"[1.0], lambda: bytearray(b"a")[0.5], lambda: [1,2,3][1.0:2], lambda: "abc"["a":]):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
for seq in ([1, 2, 3], (1, 2, 3), b"abc", bytearray(b"abc"), "abc", range(3)):
    for f in (lambda s: s[1.0:2], lambda s: s[:"x"], lambda s: s[0:2:1.5], lambda s: s[None:None], lambda s: s[::2**70], lambda s: s[2**70:]):
        try: print(type(seq).__name__, f(seq))
        except Exception as e: print(type(seq).__name__, type(e).__name__, e)
l = [1, 2, 3]
try:
    l[1.0:2] = [9]
except Exception as e: print(type(e).__name__, e)
