# set.union/intersection/symmetric_difference take one other (difference any number, and
# there is no union_update); int() and float() parse a str subclass's text.
class Tag(str): pass
class B(bytes): pass
for f in (lambda: int(Tag("12")), lambda: float(Tag("1.5")), lambda: int(Tag(" 7 ")), lambda: int(Tag("x")), lambda: float(Tag("y")), lambda: int(B(b"12")), lambda: float(B(b"2.5")), lambda: int(Tag("ff"), 16),
          lambda: {1, 2}.union([3], [4]), lambda: {1, 2}.difference([1], [2]), lambda: {1, 2}.intersection([1], [2]), lambda: {1}.symmetric_difference([2], [3]), lambda: hasattr(set(), "union_update")):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
