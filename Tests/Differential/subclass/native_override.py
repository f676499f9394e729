def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class L(list):
    def __len__(self): return 100
    def __iter__(self): return iter([7, 8])
    def __contains__(self, x): return x == "magic"
l = L([1, 2, 3])
for label, f in [("len", lambda: len(l)), ("list", lambda: list(l)), ("magic", lambda: "magic" in l), ("1in", lambda: 1 in l), ("idx", lambda: l[0]), ("sum", lambda: sum(l)),
                 ("sorted", lambda: sorted(l)), ("str", lambda: str(l)), ("bool", lambda: bool(l))]:
    t(label, f)
class S(str):
    def __eq__(self, o): return True
    def __hash__(self): return 0
    def __len__(self): return 0
s = S("abc")
print(s == "zzz", len(s), hash(s), s + "d", s.upper(), str(s) == "abc")
class I(int):
    def __add__(self, o): return "added"
    def __eq__(self, o): return o == 999
    def __hash__(self): return 7
i = I(1)
for label, f in [("add", lambda: i + 1), ("radd", lambda: 1 + i), ("eq999", lambda: i == 999), ("eq1", lambda: i == 1), ("mul", lambda: i * 3), ("hash", lambda: hash(i))]:
    t(label, f)
