# A class's __bool__ makes the object true only by answering True (C compares the answer with
# True); __len__ decides when there is no __bool__.
class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
for v in (True, False, 1, 0, 2**100, "x", None, []):
    try: print(repr(v), bool(B(v)), not B(v), "yes" if B(v) else "no")
    except Exception as e: print(repr(v), type(e).__name__, e)
class L:
    def __len__(self): return 0
class L2:
    def __len__(self): return -1
for c in (L, L2):
    try: print(c.__name__, bool(c()))
    except Exception as e: print(c.__name__, type(e).__name__, e)
