# re: what MicroPython's engine does differently from CPython (errors, reprs, byte-level
# matching, C-string patterns, heap use, the backtracking depth limit).
import re, gc

for pattern in ("?", "*", "+", "a**", "(", ")", "a)", "[a", "a\\", "(?a)", "[a-", "^*",
                "[" + "a" * 127 + "]", "[" + "a" * 128 + "]", "(a)" * 63, "(a)" * 64,
                "b" * 62 + "|a", "b" * 63 + "|a", "(" + "a" * 61 + ")?", "(" + "a" * 62 + ")?"):
    try:
        re.compile(pattern)
        print(len(pattern), "compiled")
    except ValueError as e:
        print(len(pattern), "ValueError", e)

m = re.match("(a)", "a")
print(m)
print(repr(re.compile("x"))[:6])
for n in (2, -1):
    try:
        m.group(n)
    except IndexError as e:
        print("IndexError", e)
try:
    m.group()
except TypeError:
    print("TypeError group()")
try:
    re.sub("(a)", r"\2", "a")
except IndexError as e:
    print("IndexError", e)
try:
    re.compile(",(x)").split("a,xb")
except NotImplementedError as e:
    print("NotImplementedError", e)
try:
    re.match("a", 5)
except TypeError as e:
    print("TypeError", e)
try:
    re.compile(b"a").match(bytearray(b"a"))
except TypeError as e:
    print("TypeError", e)

# escapes are the escaped character itself; the pattern ends at a NUL byte
print(re.match(r"\n", "n"), re.match("a\x00b", "ax").group(0))
# a replacement ends at a NUL; a backslash before other characters is dropped
print(re.sub("a", "x\x00y", "bab"), re.sub("a", r"\n\g<x>", "bab"))
# empty matches end sub and split
print(re.sub("x*", "-", "abc"), re.compile("x*").split("abc"))
# ^ matches at the start of the string only, also with a start position
print(re.compile("^b").search("ab", 1))
# multi-byte characters: matching is per byte
print(re.match("é+", "éé").group(0), re.match("[é]+", "é").group(0) == "é")
# match objects are made fresh for every match; sub reuses one for a callable repl
ms = []
re.sub("(.)", lambda m: ms.append(m) or "", "abc")
print(len(ms), ms[0] is ms[2], ms[0].group(1))
# the compile flags are ignored; a regex or a pattern may be given to the functions
r = re.compile("b+", 0)
print(re.search(r, "abbc").group(0), re.sub(r, "B", "abbc"), re.compile(r"\d").match("a1", 1).group(0))
# match/search on a compiled pattern take pos and endpos; the functions ignore them
print(re.match("b", "ab", 1), r.search("abbb", 0, 2).group(0))

# heap: a compiled regex is 16 bytes + its code, a match 12 + 8 per group (rounded to 16)
x = a = d = None
p20 = "a" * 20
rab = re.compile("(a)(b)")
x = None; gc.collect(); a = gc.mem_alloc(); x = re.compile("abc"); d = gc.mem_alloc() - a; print(d)
x = None; gc.collect(); a = gc.mem_alloc(); x = re.compile(p20); d = gc.mem_alloc() - a; print(d)
x = None; gc.collect(); a = gc.mem_alloc(); x = rab.match("ab"); d = gc.mem_alloc() - a; print(d)

# unbounded backtracking depth: MicroPython's C stack check
try:
    re.match("(a*)*", "aaa")
except RuntimeError as e:
    print("RuntimeError", e)
print(len(re.match("a*", "a" * 500).group(0)))
re.compile("^a|b[0-9]\\w$", re.DEBUG)
print(re.escape("1+1=2?"), re.escape(b"a.b"))
