#!/usr/bin/env python3
"""Fuzzer for the `micropython` binary (stdlib only).

Two kinds of programs:

  * generated: random, mostly valid programs from a small grammar (ints and big ints,
    floats, strings, bytes, containers, slices, comprehensions, f-strings and
    %-formatting, functions with default/star arguments, closures, generators,
    classes with inheritance and special methods, exceptions, `with`, bounded loops,
    global/nonlocal, and calls into struct/json/re/binascii/collections/math).
    Every intermediate result is printed, and every expression that may raise is
    wrapped so the program carries on;
  * mutated: programs from the corpus (Tests/Python) and any --seeds folders, with
    tokens and lines changed (operators swapped, numbers replaced by corner values,
    lines deleted, duplicated or swapped, the text truncated...), which also
    exercises the compiler on broken input.

Each program runs on every profile asked for (host, esp8266), normally and, with
--gcstress, under `-X gcstress` too. A finding is one of:

  signal     the process died of a signal (negative exit status)
  trap       a Swift runtime trap or fatal error in stderr
  verifier   a heap-verifier report in stderr
  hang       the timeout expired (for a mutated program only when the reference, or
             CPython when there is none, finishes in time)
  slow       the timeout expired under -X gcstress only (reported, not a failure)
  gcstress   a generated program printed something else under -X gcstress than without
  diff       the output differs from the reference binary's (--ref, --ref-esp8266),
             after normalisation and the known-difference patterns

Findings are saved under --out (program, minimised program, outputs, command). The
exit status is 1 when any signal/trap/verifier/hang/gcstress finding was made (and for
diff findings with --strict-diff), 0 otherwise.

    scripts/fuzz.py --seconds 60 --seed 1
    scripts/fuzz.py --seconds 1800 --gcstress --profiles host,esp8266 \\
        --ref C_UNIX_MICROPYTHON --ref-esp8266 C_32BIT_MICROPYTHON --seeds MP_TESTS/basics
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import os
import random
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BINARY = os.path.join(ROOT, ".build", "release", "micropython")
CORPUS = os.path.join(ROOT, "Tests", "Python")
KNOWN_DIFFS = os.path.join(ROOT, "scripts", "fuzz-known-diffs.txt")

PROFILE_ARGS = {"host": [], "esp8266": ["-X", "profile=esp8266"]}
# Kinds that fail the run.
BUG_KINDS = ("signal", "trap", "verifier", "hang", "gcstress")
# stderr text that means the process was killed by the Swift runtime (or a sanitizer).
TRAP_PATTERNS = [
    re.compile(r"Fatal error", re.I),
    re.compile(r"Swift runtime failure"),
    re.compile(r"Precondition failed|Assertion failed|Unexpectedly found nil"),
    re.compile(r"Segmentation fault|Illegal instruction|Bus error|Trace/breakpoint trap"),
    re.compile(r"AddressSanitizer|UndefinedBehaviorSanitizer"),
    re.compile(r"Current stack trace:|💣 Program crashed"),
]
# What the heap verifier prints (Heap.verify, -X gcstress): "heap verifier: ...".
VERIFIER_PATTERN = re.compile(r"heap verifier", re.I)
OUTPUT_CAP = 1 << 20  # bytes of stdout/stderr kept; a program writing more is stopped


# ---------------------------------------------------------------------------------------
# Running a program

class Result:
    def __init__(self, rc, out, err, seconds, timed_out, overflow):
        self.rc, self.out, self.err = rc, out, err
        self.seconds, self.timed_out, self.overflow = seconds, timed_out, overflow


def run_capped(cmd, timeout, cwd, cap=OUTPUT_CAP):
    """Runs cmd with stdin closed; stops it at the timeout or when it writes more than cap."""
    start = time.monotonic()
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=cwd, start_new_session=True)
    except OSError as e:
        sys.exit("fuzz: cannot run %s: %s" % (cmd[0], e))
    bufs = {p.stdout: bytearray(), p.stderr: bytearray()}
    sel = selectors.DefaultSelector()
    for f in bufs:
        os.set_blocking(f.fileno(), False)
        sel.register(f, selectors.EVENT_READ)
    timed_out = overflow = False
    open_count = 2
    while open_count:
        left = timeout - (time.monotonic() - start)
        if left <= 0:
            timed_out = True
            break
        for key, _ in sel.select(min(left, 0.5)):
            chunk = key.fileobj.read(65536)
            if not chunk:
                sel.unregister(key.fileobj)
                open_count -= 1
                continue
            buf = bufs[key.fileobj]
            if len(buf) < cap:
                buf += chunk[:cap - len(buf)]
            else:
                overflow = True
        if overflow:
            break
    if timed_out or overflow:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        rc = p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        rc = None
    sel.close()
    for f in bufs:
        f.close()
    return Result(rc, bytes(bufs[p.stdout]), bytes(bufs[p.stderr]),
                  time.monotonic() - start, timed_out, overflow)


# ---------------------------------------------------------------------------------------
# Comparing outputs

# Addresses: "0x..." (functions) and the bare hex of "<C object at 7f..>" and generators.
ADDRESS = re.compile(r"0x[0-9a-fA-F]{4,}|(?<= at )[0-9a-fA-F]{4,}(?=>)|(?<=<bound_method )[0-9a-fA-F]{4,}")
BANNER = re.compile(r"^MicroPython v\S+.*$", re.M)
TRACEBACK_LINE = re.compile(r'^  File "[^"]*", line \d+.*\n', re.M)


def normalise(text):
    text = ADDRESS.sub("0xADDR", text)
    text = BANNER.sub("MicroPython BANNER", text)
    return text


TRACEBACK = re.compile(r"Traceback \(most recent call last\):\n(?:  .*\n)*([^\n]*)\n?")


def comparable(res):
    """stdout, the exit status and the uncaught exception's line. A traceback (on stdout in
    both, as the unix port prints it; stderr is looked at too) is reduced to its last line."""
    out = res.out.decode("utf-8", "replace")
    err = res.err.decode("utf-8", "replace")
    exc = ""
    for m in TRACEBACK.finditer(out + "\n" + err):
        exc = m.group(1)
    out = TRACEBACK.sub("", out)
    if res.timed_out:
        return normalise(out) + "\nexit timeout\n"
    return normalise(out) + "\nexit %s %s\n" % (res.rc, normalise(exc) if res.rc else "")


def memory_dependent(a, b):
    """Outputs where the heap ran out: where that happens depends on heap size, placement and
    the conservative stack scan, so such outputs are not compared."""
    return "MemoryError" in a or "MemoryError" in b


def load_known_diffs(path):
    """(profile or None, regex) pairs from the known-differences file."""
    pats = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                profile = None
                if line.startswith("@"):
                    profile, _, line = line[1:].partition(" ")
                pats.append((profile, re.compile(line)))
    return pats


DIFF_LINES = 300


def real_diff(a, b, known, profile):
    """The changed lines of a diff of a and b ("-" reference, "+" ours) that no known pattern
    explains. A changed line and the line that replaced it go together: when either matches
    a pattern, both are dropped (an error on one side, a value on the other)."""
    pats = [p for prof, p in known if prof in (None, profile)]
    al, bl = a.splitlines(), b.splitlines()
    # The common start and end aside, at most DIFF_LINES lines a side are diffed (the matcher
    # is quadratic, and outputs may be a megabyte).
    lo = 0
    while lo < len(al) and lo < len(bl) and al[lo] == bl[lo]:
        lo += 1
    hi = 0
    while hi < len(al) - lo and hi < len(bl) - lo and al[-1 - hi] == bl[-1 - hi]:
        hi += 1
    al, bl = al[lo:len(al) - hi][:DIFF_LINES], bl[lo:len(bl) - hi][:DIFF_LINES]
    known_line = lambda line: any(p.search(line) for p in pats)
    changed = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, al, bl, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        old, new = al[i1:i2], bl[j1:j2]
        for k in range(max(len(old), len(new))):
            o = old[k] if k < len(old) else None
            n = new[k] if k < len(new) else None
            if (o is not None and known_line(o)) or (n is not None and known_line(n)):
                continue
            if o is not None:
                changed.append("-" + o)
            if n is not None:
                changed.append("+" + n)
    return changed


# ---------------------------------------------------------------------------------------
# Generated programs

INT_CORNERS = ["0", "1", "-1", "2", "7", "-3", "10", "255", "256", "1000", "12345",
               "2**30", "2**30-1", "-2**30", "2**31", "2**31-1", "-2**31", "2**32",
               "2**62", "2**63", "2**63-1", "-2**63", "2**64", "2**64-1", "10**20",
               "-10**25", "3**40", "0x7fffffff", "0xffffffff", "0o777", "0b1011",
               "123456789012345678901234567890", "-(2**100)", "2**200+1"]
FLOAT_CORNERS = ["0.0", "-0.0", "1.0", "-1.5", "0.1", "0.5", "2.5", "3.14159", "1e10",
                 "1e-10", "1e308", "-1e308", "1e-308", "5e-324", "1e38", "3.4e38", "1e-45",
                 "123456.789", "float('nan')", "float('inf')", "-float('inf')", "1/3",
                 "2.0**52", "2.0**53+1", "1e16", "1e22", "0.3"]
STR_CORNERS = ["''", "'a'", "'abc'", "'Hello, World'", "' spaced out '", "'a,b,,c'",
               "'x\\ny\\tz'", "'\\x00\\x01'", "'caf\\u00e9'", "'\\u20ac10'", "'\\U0001f600'",
               "'123'", "'-42'", "'3.5'", "'1e5'", "'0x1f'", "'nan'", "'inf'", "'  7  '",
               "'aAbBcC'", "'%s'", "'{}'", "'{0}{1}'", "('a' * 20)", "'日本語'", "'tab\\there'",
               "'MiXeD CaSe wOrDs'", "'one two  three'", "'#$%&'", "'\"quoted\"'"]
BYTES_CORNERS = ["b''", "b'a'", "b'abc'", "b'\\x00\\xff'", "b'hello world'", "b'1234'",
                 "bytes(3)", "bytes([1, 2, 3, 250])", "b'A,B,C'", "b'  pad  '", "(b'\\x80' * 5)",
                 "'caf\\u00e9'.encode()", "bytes(range(10))"]
NAMES_POOL = ["alpha", "beta", "gamma", "delta", "eps"]
# Values at the edges of the machine words and of the heap, for the hostile statements.
EDGE_INTS = ["0", "1", "-1", "2", "31", "32", "63", "64", "2**15", "2**16", "2**17", "2**30-1", "2**30",
             "-2**30", "-2**30-1", "2**31-1", "2**31", "-2**31", "-2**31-1", "2**32", "2**62", "2**63-1",
             "2**63", "-2**63", "-2**63-1", "2**64", "10**20", "-10**20", "2**100"]
# Calls whose arguments come from user values: sizes, counts, indices, shifts, widths.
EDGE_TEMPLATES = [
    "'%*d' % (@A, 1)", "'%.*f' % (@A, 1.5)", "'{:{}}'.format(1, @A)", "'{:.{}f}'.format(1.5, @A)", "'x'.center(@A)",
    "'x'.ljust(@A, '-')", "'x'.zfill(@A)", "'a\\tb'.expandtabs(@A)", "bytes(@A)", "bytearray(@A)", "[0] * @A", "'ab' * @A",
    "b'ab' * @A", "(1, 2) * @A", "range(@A)[@B]", "range(@A, @B, 3)[-1]", "len(range(@A, @B))", "range(0, @A, @B)[2:5]",
    "(1).to_bytes(@A, 'little')", "(@A).to_bytes(8, 'big')", "(@A).to_bytes(@B, 'little')",
    "struct.pack('<%ds' % @A, b'')", "struct.pack('<i', @A)", "struct.pack('<Q', @A)", "struct.pack('<h', @A)",
    "struct.unpack_from('<i', bytes(8), @A)", "struct.calcsize('%dB' % @A)", "round(1.5, @A)", "round(@A, @B)",
    "1 << @A", "@A >> @B", "@A << @B", "pow(@A, @B, 7)", "pow(3, @A, @B)", "[1, 2, 3][@A:@B:3]", "'abc'[@A:@B]",
    "'abcdef'[@A::@B]", "b'abc'[@A:@B:2]", "[1, 2, 3].insert(@A, 0)", "[1, 2, 3].pop(@A)", "'abc'.find('b', @A, @B)",
    "'abc'.index('c', @A)", "list(range(0, @A, @B))[:3]", "math.ldexp(1.0, @A)", "int(float(@A))", "divmod(@A, @B)",
    "@A // @B", "@A % @B", "abs(@A)", "-@A", "@A * @B", "@A - @B", "~@A", "hash(@A)", "'%c' % @A", "chr(@A)", "bytes([@A])",
    "float(@A)", "(@A).bit_length()", "bytearray(3)[@A]", "memoryview(b'abc')[@A]", "'a b c'.split(None, @A)",
    "'a,b'.rsplit(',', @A)", "'abc'.replace('b', 'x', @A)", "collections.deque((), @A)", "int('1' * 30, @A)",
    "int(str(@A)[:30])", "'%x %o' % (@A, @B)", "format(@A, 'b')[:20]", "int(@A)",
    "bytearray(b'abcd')[@A:@B] ", "sum([@A, @B, @A])", "max(@A, @B) - min(@A, @B)", "@A == @B or @A < @B",
    "float(@A) / @B", "@A / @B", "@A ** 2 % 1000", "isinstance(@A, int) and @A.to_bytes(9, 'big', signed=True)",
    "sorted([@A, @B, 0, -1])", "{@A: 1, @B: 2}[@A]", "{@A, @B, @A}", "str(@A) * 2", "[@A, @B].index(@B)",
    "list(zip(range(@A % 5), 'abc'))", "'abc'[@A]", "(1, 2, 3)[@A]", "[1, 2][@A] if @A < 2 else None",
]
# Programs that change containers under their own feet, or recurse, or misbehave in hooks.
HOSTILE_SNIPPETS = [
    "l = [1]; l.append(l); print(repr(l)[:30])",
    "d = {}; d[1] = d; print(repr(d)[:30])",
    "x = []\nfor i in range(%(n)d): x = [x]\nprint(len(str(x)))",
    "def rec(n): return rec(n + 1)\nrec(0)",
    "class E:\n    def __eq__(s, o): return s == o\nprint(E() == E())",
    "l = [3, 1, 2] * 5\nl.sort(key=lambda x: l.append(1) or x)\nprint(len(l))",
    "l = [3, 1, 2] * 5\nl.sort(key=lambda x: l.clear() or x)\nprint(l)",
    "l = list(range(10))\nprint(min(l, key=lambda x: l.clear() or x), l)",
    "l = list(range(%(n)d))\nfor x in l:\n    if len(l) > 1: l.remove(x)\nprint(len(l))",
    "l = [1, 2, 3]\nl[:] = l\nl += l\nl.extend(l)\nl[::2] = l[1::2] if len(l) %% 2 == 0 else l[::2]\nprint(l)",
    "d = {i: i for i in range(%(n)d)}\nn = 0\nfor k in d:\n    n += 1\n    if n > 50: break\n    d[str(k)] = 1\nprint(len(d))",
    "s = set(range(%(n)d)); s |= s; s ^= s; s.update(s); print(s)",
    "d = {1: 2}; d.update(d); d.update(d.items()); print(d)",
    "b = bytearray(%(n)d); m = memoryview(b)\nb.extend(b'x' * %(m)d)\nprint(m[0], bytes(m[-2:]))",
    "b = bytearray(b'abcdef'); m = memoryview(b)[1:4]\nb[:] = b''\nprint(len(m), bytes(m))",
    "b = bytearray(b'abc'); b += b; b[1:2] = b; print(b)",
    "def g():\n    yield next(it)\nit = g()\nprint(next(it))",
    "def g():\n    try:\n        yield 1\n    finally:\n        yield 2\nit = g(); next(it); it.close()",
    "class L:\n    def __len__(s): return %(big)s\nprint(len(L()))",
    "class H:\n    def __hash__(s): return %(big)s\nprint(hash(H()), len({H(), H()}))",
    "class I:\n    def __index__(s): return %(big)s\nprint([1, 2, 3][I()])",
    "class B:\n    def __bool__(s): return %(big)s\nprint(not B())",
    "class It:\n    def __iter__(s): return 5\nprint(list(It()))",
    "class It:\n    def __iter__(s): return s\n    def __next__(s): raise ValueError('boom')\nprint(sorted(It()))",
    "class G:\n    def __getitem__(s, i):\n        if i > %(n)d: raise IndexError\n        return i\nprint(sum(G()), list(G())[-1:])",
    "l = [1, 2, 3, 4]\nclass Q:\n    def __eq__(s, o):\n        l.clear()\n        return False\nprint(Q() in l, l.count(Q()), len(l))",
    "l = [1, 2, 3, 4]\nclass Q:\n    def __eq__(s, o):\n        l.extend(range(50))\n        return False\nprint(Q() in l[:3], len(l))",
    "a = [1, 2, 3]\nclass Q:\n    def __eq__(s, o):\n        a.clear()\n        return True\nprint([Q(), Q(), Q()] == a, a)",
    "a = [1, 2, 3]\nclass Q:\n    def __lt__(s, o):\n        a.clear()\n        return True\n    def __eq__(s, o): return False\nprint([Q(), Q()] < a, a)",
    "a = [3, 1, 2]\nclass Q:\n    def __lt__(s, o):\n        a.append(0)\n        return True\nprint(max(a + [Q()]) is not None)",
    "d = {}\nclass K:\n    def __hash__(s): return 1\n    def __eq__(s, o):\n        d.clear()\n        return False\nfor i in range(%(n)d): d[K()] = i\nprint(len(d))",
    "s = set()\nclass K:\n    def __hash__(s): return 1\n    def __eq__(self, o):\n        s.clear()\n        return False\nfor i in range(%(n)d): s.add(K())\nprint(len(s))",
    "d = {}\nclass K:\n    def __hash__(s): return 1\n    def __eq__(s, o):\n        for j in range(20): d[str(j) + 'x'] = j\n        return False\nfor i in range(5): d[K()] = i\nprint(len(d))",
    "class S(str):\n    def __hash__(s): return 7\nd = {S('a'): 1, 'a': 2}\nprint(len(d), d.get('a'))",
    "class D(dict):\n    def __missing__(s, k): return k * 2\nprint(D()[%(big)s], D(a=1).get('b'))",
    "class T(tuple): pass\nprint(T((1, 2)) + (3,), T(range(%(n)d))[-1:])",
    "class Li(list):\n    def __len__(s): return -1\nprint(list(Li([1, 2])), sorted(Li([2, 1])))",
    "x = 0\ntry:\n    raise ValueError(x)\nexcept ValueError as e:\n    try:\n        raise TypeError from e\n    except TypeError as f:\n        print(f.__cause__ is e)",
    "def f():\n    try:\n        return 1\n    finally:\n        return 2\nprint(f())",
    "def f():\n    for i in range(3):\n        try:\n            continue\n        finally:\n            print('fin', i)\nf()",
    "import json\nprint(json.loads('[' * %(n)d + ']' * %(n)d) is not None)",
    "import json\nprint(len(json.dumps([[[[[[[[[[[[]]]]]]]]]]]] * %(n)d)))",
    "import re\nprint(re.match('(ab|a)*c', 'a' * 12 + 'b'), re.match('a*b', 'a' * %(n)d))",
    "import re\nprint(re.sub('(a)', '\\\\1\\\\1', 'a' * %(n)d)[:20])",
    "exec('x = 1 + ' * %(n)d + '1')\nprint(x)",
    "print(eval('(' * %(n)d + '1' + ')' * %(n)d))",
    "print(eval('-' * %(n)d + '1'))",
    "print(eval('[' * %(n)d + ']' * %(n)d) is not None)",
    "f = lambda: 0\nfor i in range(%(n)d): f = (lambda g: lambda: g() + 1)(f)\nprint(f())",
    "print(str(%(big)s ** 7)[:40], len(str(2 ** 3000)))",
    "import struct\nprint(struct.unpack('<%(n)dB', bytes(%(n)d))[-1:])",
    "print(int('9' * %(n)d) %% 1000, int('-' + '7' * %(n)d, 8) %% 10)",
    "print('%%s' %% ((1,) * 3,), '%%s %%s' %% (1, 2), '%%(a)s' %% {'a': %(big)s})",
    "print(float('1e' + str(%(n)d)), float('-1e-' + str(%(n)d)), 1e308 * 10, -1e308 * 10)",
    "print(round(%(big)s / 3), round(float(%(n)d), -2), %(big)s // 3.0)",
]


STRUCT_FORMATS = ["<i", ">I", "<h", "<H", "<b", "<B", "<q", "<Q", "<f", "<d", ">ii", "<hh",
                  "<2s", "<?", "<ihb", "@i", "<l", "<L", "!H", "<5s", "<x", "<3B"]


def paren(text):
    """text, parenthesised unless it is a plain name or unsigned number (safe as an operand)."""
    return text if re.fullmatch(r"\w+", text) else "(%s)" % text


def recv(text):
    """text as the receiver of a method call (`(5).bit_length()`, not `5.bit_length()`)."""
    return "(%s)" % text if re.fullmatch(r"[\d.]+", text) or not re.fullmatch(r"[\w.()\[\]]+", text) else text


class Gen:
    """Random programs. Every value is kept type-tagged so expressions mostly make sense."""

    TYPES = ["int", "float", "str", "bytes", "list", "tuple", "dict", "set", "bool"]

    def __init__(self, rng):
        self.r = rng
        self.lines = []
        self.indent = 0
        self.vars = {}       # name -> type, at the current scope
        self.funcs = []      # (name, param types, return type)
        self.classes = []    # class names with a one-argument constructor
        self.counter = 0
        self.depth_budget = 0

    # -- helpers
    def name(self, prefix="v"):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def emit(self, line):
        self.lines.append("    " * self.indent + line)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def var_of(self, t):
        names = [n for n, vt in self.vars.items() if vt == t]
        return self.pick(names) if names else None

    def small_int(self):
        return str(self.r.randint(-5, 12))

    # -- expressions (a string of Python source of roughly the given type)
    def expr(self, t, d=0):
        if d > 3 or self.chance(0.25):
            v = self.var_of(t)
            if v and self.chance(0.7):
                return v
            return self.literal(t, d)
        return getattr(self, "e_" + t)(d + 1)

    def literal(self, t, d=0):
        r = self.r
        if t == "int":
            return paren(self.pick(INT_CORNERS) if self.chance(0.4) else str(r.randint(-100, 100)))
        if t == "float":
            return paren(self.pick(FLOAT_CORNERS) if self.chance(0.5) else repr(round(r.uniform(-1e3, 1e3), r.randint(0, 6))))
        if t == "str":
            return self.pick(STR_CORNERS)
        if t == "bytes":
            return self.pick(BYTES_CORNERS)
        if t == "bool":
            return self.pick(["True", "False"])
        if t == "list":
            return "[%s]" % ", ".join(self.literal(self.pick(["int", "str", "float", "int"])) for _ in range(r.randint(0, 5)))
        if t == "tuple":
            items = [self.literal(self.pick(["int", "str", "bool"])) for _ in range(r.randint(0, 4))]
            return "(%s)" % (", ".join(items) + ("," if len(items) == 1 else ""))
        if t == "dict":
            return "{%s}" % ", ".join("%s: %s" % (self.pick(["'k%d'" % i, str(i), "%d.5" % i]), self.literal("int"))
                                       for i in range(r.randint(0, 4)))
        if t == "set":
            n = r.randint(0, 5)
            return "{%s}" % ", ".join(str(r.randint(-4, 9)) for _ in range(n)) if n else "set()"
        return "None"

    def e_int(self, d):
        r = self.r
        k = r.randint(0, 21)
        a = lambda: self.expr("int", d)
        if k <= 4:
            op = self.pick(["+", "-", "*", "//", "%", "&", "|", "^", "+", "-", "*"])
            return "(%s %s %s)" % (a(), op, a())
        if k == 5:
            return "(%s %s %d)" % (a(), self.pick(["<<", ">>"]), r.randint(0, 70))
        if k == 6:
            return "(%s ** %d)" % (self.literal("int"), r.randint(0, 40))
        if k == 7:
            return "%s(%s)" % (self.pick(["-", "~", "abs", "+", "int", "hash"]), a())
        if k == 8:
            return "len(%s)" % self.expr(self.pick(["str", "bytes", "list", "tuple", "dict", "set"]), d)
        if k == 9:
            return "int(%s)" % self.pick(["'%d'" % r.randint(-999, 999), "'0x1F', 16", "'777', 8", "'zz', 36",
                                         "'  -12 '", "'1_000'", "'12345678901234567890123'", "'11', 2",
                                         "%s" % self.expr("float", d), "'0b101', 0", "'', 10", "'9', 9"])
        if k == 10:
            return "round(%s)" % self.expr("float", d)
        if k == 11:
            return "%s(%s)" % (self.pick(["sum", "min", "max", "len"]), self.int_list(d))
        if k == 12:
            return "%s.%s(%s)" % (recv(self.expr("str", d)), self.pick(["find", "count", "rfind"]), self.expr("str", d))
        if k == 13:
            return "int.from_bytes(%s, '%s')" % (self.expr("bytes", d), self.pick(["little", "big"]))
        if k == 14:
            return "ord(%s)" % self.pick(["'A'", "'\\u20ac'", "'\\x00'", "chr(%d)" % r.randint(0, 0x10ffff)])
        if k == 15:
            return "(%s if %s else %s)" % (a(), self.expr("bool", d), a())
        if k == 16:
            return "divmod(%s, %s)[%d]" % (a(), a(), r.randint(0, 1))
        if k == 17:
            return "pow(%s, %d, %s)" % (a(), r.randint(0, 100), a())
        if k == 18 and self.funcs:
            f = self.pick(self.funcs)
            if f[2] == "int":
                return self.call(f, d)
        if k == 19:
            return "%s.index(%s)" % (self.int_list(d), a())
        if k == 20:
            return "(%s)" % " + ".join(a() for _ in range(r.randint(2, 4)))
        return self.literal("int")

    def int_list(self, d):
        return self.pick(["[%s]" % ", ".join(self.expr("int", d + 1) for _ in range(self.r.randint(1, 4))),
                          "list(range(%d, %d, %d))" % (self.r.randint(-5, 5), self.r.randint(-5, 20), self.pick([1, 2, 3, -1])),
                          "[x * %s for x in range(%d)]" % (self.small_int(), self.r.randint(1, 6))])

    def e_float(self, d):
        r = self.r
        k = r.randint(0, 10)
        a = lambda: self.expr("float", d)
        if k <= 3:
            return "(%s %s %s)" % (a(), self.pick(["+", "-", "*", "/", "//", "%", "**"]), self.pick([a(), self.expr("int", d)]))
        if k == 4:
            return "float(%s)" % self.pick([self.expr("int", d), self.pick(STR_CORNERS), "'1e500'", "'-inf'", "'  2.5 '", "'1_0.5'"])
        if k == 5:
            return "math.%s(%s)" % (self.pick(["sqrt", "exp", "log", "sin", "cos", "atan", "fabs", "floor", "ceil", "trunc"]), a())
        if k == 6:
            return "math.%s(%s, %s)" % (self.pick(["pow", "atan2", "fmod", "copysign", "ldexp"]), a(),
                                       self.pick([a(), self.small_int()]))
        if k == 7:
            return "abs(%s)" % a()
        if k == 8:
            return "round(%s, %d)" % (a(), r.randint(-3, 8))
        if k == 9:
            return "(%s / %s)" % (self.expr("int", d), self.expr("int", d))
        return self.literal("float")

    def e_str(self, d):
        r = self.r
        k = r.randint(0, 20)
        s = lambda: self.expr("str", d)
        if k == 0:
            return "(%s + %s)" % (s(), s())
        if k == 1:
            return "(%s * %d)" % (s(), r.randint(-1, 4))
        if k == 2:
            return "%s%s" % (s(), self.slice())
        if k == 3:
            m = self.pick(["upper()", "lower()", "strip()", "lstrip()", "rstrip()", "strip('a ')",
                           "replace('a', 'XY')", "replace('', '-')", "upper()",
                           "center(%d, '*')" % r.randint(0, 12), "ljust(5)", "rjust(6, '0')", "zfill(%d)" % r.randint(0, 8),
                           "lower()"])
            return "%s.%s" % (s(), m)
        if k == 4:
            return "%s.join(%s)" % (self.pick(["','", "''", "' - '", "'\\n'"]), self.expr("list", d) if self.chance(0.3) else "[str(x) for x in %s]" % self.expr("list", d))
        if k == 5:
            return "%s(%s)" % (self.pick(["str", "repr"]), self.expr(self.pick(self.TYPES), d))
        if k == 6:
            return "%s(%s)" % (self.pick(["hex", "oct", "bin", "chr"]), self.expr("int", d) if self.chance(0.6) else str(r.randint(0, 300)))
        if k == 7:
            return self.fstring(d)
        if k == 8:
            return self.percent(d)
        if k == 9:
            return "%s.format(%s)" % (self.pick(["'{}'", "'{0}-{0}'", "'{:>8}'", "'{:<6}|'", "'{:^7}'", "'{:08.3f}'",
                                                "'{!r}'", "'{:x}'", "'{:,}'", "'{:e}'", "'{:g}'", "'{:+d}'", "'{a}'",
                                                "'{0[0]}'", "'{:.3}'", "'{:%}'", "'{:b}'", "'{:c}'", "'{:o}'"]),
                                     self.expr(self.pick(["int", "float", "str", "list"]), d))
        if k == 10:
            return "%s.decode()" % self.expr("bytes", d)
        if k == 11:
            return "format(%s, %s)" % (self.expr(self.pick(["int", "float"]), d),
                                       self.pick(["''", "'5'", "'x'", "'.2f'", "'>10'", "'e'", "'08.2'", "'g'", "'X'", "'.0f'", "'n'"]))
        if k == 12:
            return "%s[%s]" % (s(), self.small_int())
        if k == 13:
            return "str(%s)" % self.expr(self.pick(["int", "float"]), d)
        if k == 14:
            return "' '.join(sorted(%s.split()))" % s()
        if k == 15:
            return "json.dumps(%s)" % self.expr(self.pick(["int", "str", "list", "dict", "float", "bool", "tuple"]), d)
        if k == 16:
            return "binascii.hexlify(%s).decode()" % self.expr("bytes", d)
        if k == 17:
            return "re.sub(%s, %s, %s)" % (self.regex(), self.pick(["'_'", "''", "'<\\\\0>'", "'[\\\\1]'"]), s())
        if k == 18 and self.funcs:
            f = self.pick(self.funcs)
            if f[2] == "str":
                return self.call(f, d)
        return self.literal("str")

    def regex(self):
        return self.pick(["'a'", "'[a-c]+'", "'\\\\d+'", "'(\\\\w)(\\\\w)?'", "'^ *'", "'x*'", "'(a|b)c'",
                          "'[^ ]+'", "'\\\\s'", "'.'", "'(\\\\d+)\\\\.(\\\\d+)'", "'e$'", "'(?:ab)+'", "'[0-9]{2,3}'"])

    def fstring(self, d):
        parts = []
        for _ in range(self.r.randint(1, 3)):
            t = self.pick(["int", "float", "str", "list"])
            spec = self.pick(["", "", "!r", ":>6", ":<4", ":^9", ":.2f" if t == "float" else ":5",
                              ":x" if t == "int" else "", ":08.3f" if t == "float" else "", ":,"  if t == "int" else "",
                              ":e" if t == "float" else ""])
            parts.append("{%s%s}" % (self.simple(t), spec))
            parts.append(self.pick(["", " ", "-", "=", "{{}}"]))
        return "f'%s'" % "".join(parts)

    def simple(self, t):
        """A variable or a literal without quotes (fits inside an f-string)."""
        v = self.var_of(t)
        if v and self.chance(0.8):
            return v
        if t == "int":
            return self.pick(["1", "-7", "2**70", "255", "0"])
        if t == "float":
            return self.pick(["1.5", "-0.0", "1e100", "2.0**0.5", "1/3"])
        if t == "str":
            return "chr(%d)" % self.r.randint(32, 126)
        return "[1, 2]"

    def percent(self, d):
        spec = self.pick(["'%d'", "'%5d'", "'%-5d|'", "'%x'", "'%X'", "'%o'", "'%s'", "'%r'", "'%.3f'", "'%e'",
                          "'%g'", "'%10.4f'", "'%c'", "'%%'", "'%+d'", "'%05d'", "'%.2s'", "'%i'", "'%u'"])
        return "(%s %% %s)" % (spec, self.expr(self.pick(["int", "float", "str"]), d))

    def slice(self):
        r = self.r
        parts = [self.pick(["", str(r.randint(-6, 6)), "None"]) for _ in range(2)]
        if self.chance(0.4):
            parts.append(self.pick(["", "1", "2", "-1", "-2", "3", "0"]))
        return "[%s]" % ":".join(parts)

    def e_bytes(self, d):
        r = self.r
        k = r.randint(0, 12)
        b = lambda: self.expr("bytes", d)
        if k == 0:
            return "(%s + %s)" % (b(), b())
        if k == 1:
            return "(%s * %d)" % (b(), r.randint(0, 3))
        if k == 2:
            return "%s%s" % (b(), self.slice())
        if k == 3:
            return "%s.encode(%s)" % (self.expr("str", d), self.pick(["", "'utf-8'"]))
        if k == 4:
            return "bytes(%s)" % self.pick(["[%s]" % ", ".join(str(r.randint(0, 300)) for _ in range(r.randint(0, 4))),
                                            str(r.randint(0, 8)), "%s, 'utf-8'" % self.expr("str", d), "bytearray(b'xy')"])
        if k == 5:
            return "struct.pack(%r, %s)" % (self.pick(STRUCT_FORMATS), ", ".join(
                self.expr(self.pick(["int", "int", "float", "bytes"]), d) for _ in range(r.randint(0, 3))))
        if k == 6:
            return "binascii.%s(%s)" % (self.pick(["hexlify", "unhexlify", "a2b_base64", "b2a_base64"]), b())
        if k == 7:
            return "%s.%s" % (b(), self.pick(["upper()", "lower()", "strip()", "replace(b'a', b'--')", "rstrip(b'\\x00')"]))
        if k == 8:
            return "%s.to_bytes(%d, '%s')" % (recv(self.expr("int", d)), r.randint(0, 9), self.pick(["little", "big"]))
        if k == 9:
            return "bytes(bytearray(%s))" % b()
        return self.literal("bytes")

    def e_list(self, d):
        r = self.r
        k = r.randint(0, 14)
        l = lambda: self.expr("list", d)
        if k == 0:
            return "[%s]" % ", ".join(self.expr(self.pick(self.TYPES), d) for _ in range(r.randint(0, 4)))
        if k == 1:
            return "(%s + %s)" % (l(), l())
        if k == 2:
            return "(%s * %d)" % (l(), r.randint(-1, 3))
        if k == 3:
            return "%s%s" % (l(), self.slice())
        if k == 4:
            return "sorted(%s%s)" % (self.pick([self.int_list(d), self.expr("str", d), "%s.keys()" % self.expr("dict", d)]),
                                     self.pick(["", ", reverse=True", ", key=str"]))
        if k == 5:
            return "[%s for %s in %s%s]" % (self.pick(["x", "x * 2", "str(x)", "[x]", "x if x else 0"]), "x",
                                              self.pick([l(), self.expr("str", d), "range(%d)" % r.randint(0, 8),
                                                         self.expr("tuple", d)]),
                                              self.pick(["", " if x", " if not x", " if x != 2"]))
        if k == 6:
            return "list(%s)" % self.pick(["range(%d, %d, %d)" % (r.randint(-5, 5), r.randint(-10, 10), self.pick([1, 2, -1, -3])),
                                           self.expr("str", d), self.expr("bytes", d), self.expr("dict", d), self.expr("set", d),
                                           "reversed(%s)" % l(), "enumerate(%s)" % self.expr("str", d),
                                           "zip(%s, %s)" % (l(), self.expr("str", d)), "map(abs, %s)" % self.int_list(d),
                                           "filter(None, %s)" % l(), "%s.items()" % self.expr("dict", d)])
        if k == 7:
            return "%s.split(%s)" % (self.expr("str", d), self.pick(["", "','", "' '", "'a'", "None, 1", "',', 2"]))
        if k == 8:
            return "re.split(%s, %s)" % (self.regex(), self.expr("str", d))
        if k == 9:
            return "[y for x in %s for y in (x, x)]" % self.int_list(d)
        if k == 10:
            return "json.loads(%s)" % self.pick(["'[1, 2.5, \"x\", null, true]'", "'[]'", "'[[1], {\"a\": 2}]'", "'[1e400]'", "'[1,]'", "'[\"\\\\u00e9\"]'"])
        if k == 11 and self.funcs:
            f = self.pick(self.funcs)
            if f[2] == "list":
                return self.call(f, d)
        return self.literal("list")

    def e_tuple(self, d):
        r = self.r
        k = r.randint(0, 8)
        if k == 0:
            return "tuple(%s)" % self.expr(self.pick(["list", "str", "bytes"]), d)
        if k == 1:
            return "divmod(%s, %s)" % (self.expr(self.pick(["int", "float"]), d), self.expr(self.pick(["int", "float"]), d))
        if k == 2:
            return "struct.unpack(%r, %s)" % (self.pick(STRUCT_FORMATS), self.expr("bytes", d))
        if k == 3:
            return "(%s) + (%s,)" % (self.expr("tuple", d), self.expr(self.pick(self.TYPES), d))
        if k == 4:
            return "%s%s" % (self.expr("tuple", d), self.slice())
        if k == 5:
            return "tuple(sorted(%s))" % self.expr("set", d)
        if k == 6:
            return "Point(%s, %s)" % (self.expr("int", d), self.expr("str", d))
        return self.literal("tuple")

    def e_dict(self, d):
        r = self.r
        k = r.randint(0, 7)
        if k == 0:
            return "{x: %s for x in %s}" % (self.pick(["x", "str(x)", "x * x", "[x]"]), self.pick([self.int_list(d), self.expr("str", d)]))
        if k == 1:
            return "dict(zip(%s, %s))" % (self.expr("str", d), self.expr("list", d))
        if k == 2:
            return "dict(%s, extra=%s)" % (self.expr("dict", d), self.expr("int", d))
        if k == 3:
            return "{**%s, **%s}" % (self.expr("dict", d), self.expr("dict", d))
        if k == 4:
            return "json.loads(%s)" % self.pick(["'{\"a\": 1, \"b\": [1, 2]}'", "'{}'", "'{\"x\": {\"y\": null}}'", "'{1: 2}'"])
        if k == 5:
            return "dict.fromkeys(%s, %s)" % (self.expr("str", d), self.expr("int", d))
        return self.literal("dict")

    def e_set(self, d):
        r = self.r
        k = r.randint(0, 6)
        s = lambda: self.expr("set", d)
        if k <= 2:
            return "(%s %s %s)" % (s(), self.pick(["|", "&", "-", "^"]), s())
        if k == 3:
            # (Not from any list: a tuple's hash is address-dependent in the C port.)
            return "set(%s)" % self.pick([self.int_list(d), self.expr("str", d), self.expr("bytes", d)])
        if k == 4:
            return "{x %% %d for x in %s}" % (r.randint(1, 5), self.int_list(d))
        if k == 5:
            return "frozenset(%s)" % self.int_list(d)
        return self.literal("set")

    def e_bool(self, d):
        r = self.r
        k = r.randint(0, 8)
        t = self.pick(self.TYPES)
        if k <= 2:
            op = self.pick(["==", "!=", "<", "<=", ">", ">=", "is", "is not"])
            tt = self.pick([t, "int", "float"]) if t in ("int", "float") else t
            return "(%s %s %s)" % (self.expr(t, d), op, self.expr(tt, d))
        if k == 3:
            return "(%s in %s)" % (self.expr(self.pick(["int", "str"]), d), self.expr(self.pick(["list", "str", "dict", "set", "tuple"]), d))
        if k == 4:
            return "%s(%s)" % (self.pick(["bool", "not", "all", "any"]), self.expr(self.pick(["list", "str", "tuple", "set"]), d))
        if k == 5:
            return "isinstance(%s, %s)" % (self.expr(t, d), self.pick(["int", "str", "(list, tuple)", "object", "float", "Exception"]))
        if k == 6:
            return "(%s < %s < %s)" % (self.expr("int", d), self.expr("int", d), self.expr("int", d))
        if k == 7:
            return "%s.%s(%s)" % (self.expr("str", d), self.pick(["startswith", "endswith"]), self.expr("str", d))
        return self.pick(["True", "False"])

    def call(self, f, d):
        name, params, _ = f
        args = [self.expr(p, d + 1) for p in params[:self.r.randint(1, len(params))]] if params else []
        if self.chance(0.2):
            return "%s(*[%s])" % (name, ", ".join(args))
        return "%s(%s)" % (name, ", ".join(args))

    # -- statements
    def show(self, expr, label=None):
        label = label or "p%d" % self.counter
        self.counter += 1
        self.emit("try:")
        self.emit("    print(%r, %s)" % (label, expr))
        self.emit("except Exception as e:")
        self.emit("    print(%r, 'E', type(e).__name__, e)" % label)

    def assign(self, t=None):
        t = t or self.pick(self.TYPES)
        n = self.name()
        self.emit("try:")
        self.emit("    %s = %s" % (n, self.expr(t)))
        self.emit("except Exception as e:")
        self.emit("    print('A', type(e).__name__, e)")
        self.emit("    %s = %s" % (n, self.literal(t)))
        self.emit("print(%r, %s)" % (n, n))
        self.vars[n] = t
        return n

    def stmt(self, depth=0):
        r = self.r
        kinds = ["assign", "show", "show", "aug", "mutate", "if", "for", "while", "unpack", "method_calls", "edge"]
        if depth == 0:
            kinds += ["func", "closure", "gen", "cls", "exc", "with", "global", "lambda", "walrus", "modules", "del",
                      "hostile", "edge"]
        k = self.pick(kinds)
        getattr(self, "s_" + k)(depth)

    def s_assign(self, depth):
        self.assign()

    def s_show(self, depth):
        self.show(self.expr(self.pick(self.TYPES)))

    def s_aug(self, depth):
        t = self.pick(["int", "float", "str", "list"])
        v = self.var_of(t) or self.assign(t)
        op = {"int": ["+=", "-=", "*=", "//=", "%=", "|=", "^=", "<<=", ">>=", "&="],
              "float": ["+=", "-=", "*=", "/="], "str": ["+=", "*="], "list": ["+=", "*="]}[t]
        o = self.pick(op)
        rhs = self.expr("int" if o in ("*=", "<<=", ">>=", "//=", "%=", "|=", "^=", "&=") else t)
        if o in ("*=", "<<=", ">>="):
            rhs = str(self.r.randint(0, 2) if t in ("str", "list") else self.r.randint(0, 40))
        self.emit("try:")
        self.emit("    %s %s %s" % (v, o, rhs))
        self.emit("except Exception as e:")
        self.emit("    print('aug', type(e).__name__)")
        self.emit("print(%r, %s)" % (v, v))

    def s_mutate(self, depth):
        t = self.pick(["list", "dict", "set"])
        v = self.var_of(t) or self.assign(t)
        m = {"list": ["append(%s)" % self.expr("int"), "extend(%s)" % self.expr("list"), "insert(%s, %s)" % (self.small_int(), self.expr("str")),
                      "pop()", "pop(%s)" % self.small_int(), "remove(%s)" % self.expr("int"), "reverse()", "sort()",
                      "sort(key=str, reverse=True)", "clear()", "index(%s)" % self.expr("int"), "count(%s)" % self.expr("int"),
                      "__setitem__(%s, %s)" % (self.small_int(), self.expr("int")), "copy()"],
             "dict": ["get(%s)" % self.expr("str"), "setdefault('k1', %s)" % self.expr("int"), "pop('k0', None)", "popitem()",
                      "update(%s)" % self.expr("dict"), "keys()", "values()", "items()", "copy()", "clear()",
                      "pop(%s)" % self.expr("int")],
             "set": ["add(%s)" % self.expr("int"), "discard(%s)" % self.small_int(), "remove(%s)" % self.small_int(), "pop()",
                     "update(%s)" % self.expr("list"), "intersection(%s)" % self.expr("set"), "issubset(%s)" % self.expr("set"),
                     "union(%s)" % self.expr("list"), "difference_update(%s)" % self.expr("set"), "copy()", "clear()"]}[t]
        self.show("%s.%s" % (v, self.pick(m)))
        if t == "list" and self.chance(0.4):
            self.emit("try:")
            self.emit("    %s%s = %s" % (v, self.slice(), self.expr("list")))
            self.emit("except Exception as e:")
            self.emit("    print('slice-assign', type(e).__name__)")
            if self.chance(0.5):
                self.emit("try:")
                self.emit("    del %s%s" % (v, self.slice()))
                self.emit("except Exception as e:")
                self.emit("    print('slice-del', type(e).__name__)")
        self.emit("print(%r, %s)" % (v, v))

    def block(self, depth, n=None):
        self.indent += 1
        self.body(depth, n)
        self.indent -= 1

    def body(self, depth, n=None):
        # Names bound in a block that may not run are not used after it.
        saved = dict(self.vars)
        for _ in range(n or self.r.randint(1, 3)):
            self.stmt(depth + 1)
        self.vars = saved

    def s_if(self, depth):
        self.emit("if %s:" % self.guarded_bool())
        self.block(depth)
        if self.chance(0.4):
            self.emit("elif %s:" % self.guarded_bool())
            self.block(depth)
        if self.chance(0.5):
            self.emit("else:")
            self.block(depth)

    def guarded_bool(self):
        # A condition that cannot raise (so the if statement itself needs no try).
        return self.pick(["%s == %s" % (self.literal("int"), self.literal("int")),
                          "len(%s) > %d" % (self.literal(self.pick(["str", "list"])), self.r.randint(0, 3)),
                          "%s" % (self.var_of("bool") or "True"), "%s %% 2" % (self.var_of("int") or "3"),
                          "not %s" % (self.var_of("list") or "[]")])

    def iterable(self):
        r = self.r
        return self.pick(["range(%d)" % r.randint(0, 6), "range(%d, %d, %d)" % (r.randint(-3, 3), r.randint(-3, 8), self.pick([1, 2, -1])),
                          self.var_of("list") or self.literal("list"), self.var_of("str") or self.literal("str"),
                          self.var_of("dict") or self.literal("dict"), self.var_of("bytes") or self.literal("bytes"),
                          "enumerate(%s)" % self.literal("list"), "zip(%s, %s)" % (self.literal("str"), self.literal("list"))])

    def s_for(self, depth):
        i = self.name("i")
        self.emit("for %s in list(%s)[:8]:" % (i, self.iterable()))
        self.indent += 1
        self.emit("print(%r, %s)" % (i, i))
        if self.chance(0.3):
            self.emit("if %s == %s: continue" % (i, self.small_int()))
        if self.chance(0.3):
            self.emit("if %s == %s: break" % (i, self.small_int()))
        self.body(depth)
        self.indent -= 1
        if self.chance(0.3):
            self.emit("else:")
            self.emit("    print('for-else')")

    def s_while(self, depth):
        c = self.name("w")
        self.emit("%s = 0" % c)
        self.emit("while %s < %d:" % (c, self.r.randint(0, 6)))
        self.indent += 1
        self.emit("%s += 1" % c)
        if self.chance(0.4):
            self.emit("if %s == %d: continue" % (c, self.r.randint(1, 3)))
        if self.chance(0.3):
            self.emit("if %s == %d: break" % (c, self.r.randint(1, 4)))
        self.body(depth)
        self.indent -= 1
        if self.chance(0.3):
            self.emit("else:")
            self.emit("    print('while-else', %s)" % c)

    def s_unpack(self, depth):
        a, b = self.name(), self.name()
        form = self.pick(["%s, %s = %s" % (a, b, "divmod(%s, %s)" % (self.expr("int"), self.expr("int"))),
                          "%s, *%s = %s" % (a, b, self.expr("list")),
                          "*%s, %s = %s" % (a, b, self.expr("str")),
                          "(%s, %s), = [(%s, %s)]" % (a, b, self.expr("int"), self.expr("str")),
                          "%s, %s = %s, %s" % (a, b, self.expr("int"), self.expr("int"))])
        self.emit("try:")
        self.emit("    " + form)
        self.emit("    print('unpack', %s, %s)" % (a, b))
        self.emit("except Exception as e:")
        self.emit("    print('unpack', type(e).__name__, e)")

    def s_method_calls(self, depth):
        t = self.pick(["str", "bytes", "int", "float"])
        m = {"str": ["split()", "rsplit(' ', 1)", "partition(',')", "rpartition('a')", "splitlines()", "isdigit()",
                     "isalpha()", "isspace()", "isupper()", "islower()", "encode()", "index('a')", "count('')",
                     "startswith(('a', 'b'))", "endswith('')", "find('b', 1, 3)", "lstrip('ab')", "format(1, 2)"],
             "bytes": ["hex()", "decode('utf-8')", "split(b',')", "find(b'b')", "count(b'a')", "isdigit()", "startswith(b'a')",
                       "index(b'\\x00')", "join([b'x', b'y'])", "partition(b' ')"],
             "int": ["bit_length()", "to_bytes(8, 'big')", "__add__(1)", "__neg__()"],
             "float": ["is_integer()", "__int__()", "__repr__()"]}[t]
        self.show("%s.%s" % (recv(self.expr(t)), self.pick(m)))

    def s_func(self, depth):
        n = self.name("f")
        ptypes = [self.pick(["int", "str", "list", "float"]) for _ in range(self.r.randint(0, 3))]
        params = ["a%d" % i for i in range(len(ptypes))]
        sig = list(params)
        if sig and self.chance(0.6):
            sig[-1] += "=%s" % self.literal(ptypes[-1])
        if self.chance(0.4):
            sig.append("*rest")
        if self.chance(0.3):
            sig.append("**kw")
        ret = self.pick(["int", "str", "list"])
        saved = self.vars
        self.vars = dict(saved)
        for p, t in zip(params, ptypes):
            self.vars[p] = t
        self.emit("def %s(%s):" % (n, ", ".join(sig)))
        self.indent += 1
        for _ in range(self.r.randint(0, 2)):
            self.stmt(1)
        if "*rest" in sig:
            self.emit("print('rest', rest)")
        if "**kw" in sig:
            self.emit("print('kw', sorted(kw.items()))")
        self.emit("return %s" % self.expr(ret))
        self.indent -= 1
        self.vars = saved
        self.funcs.append((n, ptypes, ret))
        for _ in range(self.r.randint(1, 3)):
            extra = ""
            if "*rest" in sig and self.chance(0.5):
                extra = ", " + ", ".join(self.literal("int") for _ in range(self.r.randint(1, 3)))
            if "**kw" in sig and self.chance(0.5):
                extra += ", z=%s" % self.literal("str")
            call = self.call((n, ptypes, ret), 1)
            if extra and call.endswith(")") and not call.startswith(n + "(*"):
                call = call[:-1] + (extra if call[-2] != "(" else extra[2:]) + ")"
            self.show(call)

    def s_closure(self, depth):
        n = self.name("mk")
        self.emit("def %s(start):" % n)
        self.emit("    total = start")
        self.emit("    def step(x=1):")
        self.emit("        nonlocal total")
        self.emit("        total %s x" % self.pick(["+=", "-=", "*="]))
        self.emit("        return total")
        self.emit("    return step")
        c = self.name("c")
        self.emit("%s = %s(%s)" % (c, n, self.literal("int")))
        for _ in range(self.r.randint(1, 4)):
            self.show("%s(%s)" % (c, self.pick(["", self.literal("int"), self.literal("float")])))

    def s_gen(self, depth):
        n = self.name("g")
        self.emit("def %s(n):" % n)
        self.indent += 1
        kind = self.r.randint(0, 3)
        if kind == 0:
            self.emit("for i in range(n):")
            self.emit("    yield %s" % self.pick(["i", "i * i", "str(i)", "(i, -i)"]))
        elif kind == 1:
            self.emit("yield from range(n)")
            self.emit("yield from %s" % self.literal(self.pick(["list", "str"])))
        elif kind == 2:
            self.emit("acc = 0")
            self.emit("for i in range(n):")
            self.emit("    got = yield acc")
            self.emit("    if got is not None: acc += got")
            self.emit("    acc += i")
        else:
            self.emit("try:")
            self.emit("    for i in range(n):")
            self.emit("        yield i")
            self.emit("finally:")
            self.emit("    print('gen-finally')")
        self.emit("return %s" % self.literal("int"))
        self.indent -= 1
        arg = self.r.randint(0, 6)
        self.show("list(%s(%d))" % (n, arg))
        it = self.name("it")
        self.emit("%s = %s(%d)" % (it, n, arg))
        self.emit("try:")
        self.emit("    print(next(%s), %s.send(%s))" % (it, it, self.pick(["None", "5", "1"])))
        self.emit("    print(next(%s))" % it)
        self.emit("    %s.close()" % it)
        self.emit("except StopIteration as e:")
        self.emit("    print('stop', e.args)")
        self.emit("except Exception as e:")
        self.emit("    print('gen', type(e).__name__)")
        self.show("sum(x for x in range(%d) if x %% %d)" % (self.r.randint(0, 30), self.r.randint(1, 4)))

    def s_cls(self, depth):
        base = self.name("B")
        sub = self.name("C")
        self.emit("class %s:" % base)
        self.emit("    tag = %s" % self.literal(self.pick(["int", "str"])))
        self.emit("    def __init__(self, v):")
        self.emit("        self.v = v")
        self.emit("    def __repr__(self):")
        self.emit("        return '%s(%%r)' %% (self.v,)" % base)
        specials = self.r.sample([
            ("__eq__", "    def __eq__(self, o):\n        return isinstance(o, %s) and self.v == o.v" % base),
            ("__lt__", "    def __lt__(self, o):\n        return self.v < o.v"),
            ("__add__", "    def __add__(self, o):\n        return %s(self.v + (o.v if isinstance(o, %s) else o))" % (base, base)),
            ("__len__", "    def __len__(self):\n        return len(str(self.v))"),
            ("__getitem__", "    def __getitem__(self, i):\n        return str(self.v)[i]"),
            ("__contains__", "    def __contains__(self, x):\n        return x == self.v"),
            ("__iter__", "    def __iter__(self):\n        yield self.v\n        yield self.tag"),
            ("__call__", "    def __call__(self, *a):\n        return (self.v,) + a"),
            ("__bool__", "    def __bool__(self):\n        return bool(self.v)"),
            ("__hash__", "    def __hash__(self):\n        return 7"),
            ("__str__", "    def __str__(self):\n        return 'str:' + repr(self.v)"),
            ("__neg__", "    def __neg__(self):\n        return %s(-self.v)" % base),
            ("__setitem__", "    def __setitem__(self, k, x):\n        print('set', k, x)"),
            ("__getattr__", "    def __getattr__(self, name):\n        return 'missing:' + name"),
            ("prop", "    @property\n    def double(self):\n        return self.v * 2"),
            ("static", "    @staticmethod\n    def st(x):\n        return x\n    @classmethod\n    def cm(cls, x):\n        return cls(x)"),
        ], self.r.randint(2, 7))
        for _, text in specials:
            for line in text.split("\n"):
                self.emit(line)
        self.emit("class %s(%s):" % (sub, base))
        self.emit("    def __init__(self, v, w=%s):" % self.literal("int"))
        self.emit("        super().__init__(v)")
        self.emit("        self.w = w")
        if self.chance(0.5):
            self.emit("    def __repr__(self):")
            self.emit("        return 'sub:' + super().__repr__() + str(self.w)")
        self.classes.append(base)
        names = [s for s, _ in specials]
        objs = []
        for _ in range(self.r.randint(2, 4)):
            o = self.name("o")
            cls = self.pick([base, sub])
            t = self.pick(["int", "str", "int", "list", "float"])
            self.emit("try:")
            self.emit("    %s = %s(%s)" % (o, cls, self.expr(t)))
            self.emit("except Exception as e:")
            self.emit("    print('new', type(e).__name__)")
            self.emit("    %s = %s(%s)" % (o, cls, self.literal("int")))
            objs.append(o)
        a, b = objs[0], objs[1]
        uses = ["repr(%s)" % a, "str(%s)" % b, "%s == %s" % (a, b), "%s.v" % a, "%s.tag" % b,
                "isinstance(%s, %s)" % (a, base), "isinstance(%s, %s)" % (b, sub), "issubclass(%s, %s)" % (sub, base),
                "type(%s).__name__" % a, "hasattr(%s, 'w')" % a, "getattr(%s, 'nothing', 'dflt')" % b]
        ops = {"__eq__": ["%s != %s" % (a, b), "%s in [%s]" % (a, b)], "__lt__": ["sorted([%s])" % ", ".join(objs), "%s > %s" % (a, b), "max(%s)" % ", ".join(objs)],
               "__add__": ["%s + %s" % (a, b), "%s + 1" % a], "__len__": ["len(%s)" % a], "__getitem__": ["%s[0]" % a, "%s[-1:]" % b],
               "__contains__": ["1 in %s" % a], "__iter__": ["list(%s)" % a, "[*%s]" % b], "__call__": ["%s(1, 2)" % a],
               "__bool__": ["not %s" % a, "bool(%s)" % b], "__hash__": ["len({%s})" % ", ".join(objs)], "__str__": ["str(%s)" % a, "'%%s' %% (%s,)" % b],
               "__neg__": ["-%s" % a], "__setitem__": ["%s.__setitem__(1, 2)" % a], "__getattr__": ["%s.zzz" % a],
               "prop": ["%s.double" % a], "static": ["%s.st(5)" % base, "%s.cm(3)" % sub]}
        for nm in names:
            uses += ops.get(nm, [])
        for u in self.r.sample(uses, min(len(uses), self.r.randint(3, 8))):
            self.show(u)
        if "__setitem__" in names:
            self.emit("%s[1] = %s" % (a, self.literal("int")))
        else:
            self.emit("%s.extra = %s" % (a, self.literal("str")))
            self.show("%s.extra" % a)

    def s_exc(self, depth):
        e = self.name("Err")
        self.emit("class %s(%s):" % (e, self.pick(["Exception", "ValueError", "KeyError", "ArithmeticError"])))
        self.emit("    pass")
        f = self.name("r")
        self.emit("def %s(k):" % f)
        self.emit("    if k == 0: raise %s('zero', k)" % e)
        self.emit("    if k == 1: return 1 // (k - 1)")
        self.emit("    if k == 2: return [][k]")
        self.emit("    if k == 3: return {}['missing']")
        self.emit("    if k == 4: raise %s from ValueError('cause')" % e)
        self.emit("    if k == 5: return int('nope')")
        self.emit("    if k == 6: raise StopIteration")
        self.emit("    return k")
        for _ in range(self.r.randint(1, 3)):
            k = self.r.randint(0, 8)
            self.emit("try:")
            self.emit("    try:")
            self.emit("        print('call', %s(%d))" % (f, k))
            self.emit("    except (%s, ZeroDivisionError) as ex:" % e)
            self.emit("        print('inner', type(ex).__name__, ex.args)")
            if self.chance(0.4):
                self.emit("        raise")
            self.emit("    else:")
            self.emit("        print('else')")
            self.emit("    finally:")
            self.emit("        print('finally', %d)" % k)
            self.emit("except LookupError as ex:")
            self.emit("    print('lookup', type(ex).__name__, repr(ex))")
            self.emit("except Exception as ex:")
            self.emit("    print('outer', type(ex).__name__, ex)")
        g = self.name("fin")
        self.emit("def %s():" % g)
        self.emit("    for i in range(3):")
        self.emit("        try:")
        self.emit("            if i == %d: return i" % self.r.randint(0, 3))
        self.emit("            if i == %d: continue" % self.r.randint(0, 3))
        self.emit("            if i == %d: break" % self.r.randint(0, 3))
        self.emit("        finally:")
        self.emit("            print('f', i)")
        self.emit("    return -1")
        self.show("%s()" % g)

    def s_with(self, depth):
        cm = self.name("CM")
        self.emit("class %s:" % cm)
        self.emit("    def __init__(self, n): self.n = n")
        self.emit("    def __enter__(self):")
        self.emit("        print('enter', self.n)")
        self.emit("        return self.n")
        self.emit("    def __exit__(self, t, v, tb):")
        self.emit("        print('exit', self.n, t.__name__ if t else None)")
        self.emit("        return %s" % self.pick(["True", "False", "None", "self.n == 1"]))
        self.emit("try:")
        self.emit("    with %s(%d) as n, %s(%d):" % (cm, self.r.randint(0, 2), cm, self.r.randint(0, 2)))
        self.emit("        print('body', n)")
        self.emit("        %s" % self.pick(["raise ValueError('in with')", "print(1 // n)", "pass", "[][n]"]))
        self.emit("except Exception as e:")
        self.emit("    print('with', type(e).__name__, e)")

    def s_global(self, depth):
        g = self.name("G")
        self.emit("%s = %s" % (g, self.literal("int")))
        f = self.name("setg")
        self.emit("def %s(x):" % f)
        self.emit("    global %s" % g)
        self.emit("    %s = %s * 2 + x" % (g, g))
        self.emit("    return %s" % g)
        self.show("%s(%s), %s(1), %s" % (f, self.literal("int"), f, g))

    def s_lambda(self, depth):
        l = self.name("lam")
        self.emit("%s = lambda x, y=%s, *z: (x, y, z)" % (l, self.literal("int")))
        self.show("%s(%s)" % (l, ", ".join(self.literal(self.pick(["int", "str"])) for _ in range(self.r.randint(0, 4)))))
        self.show("sorted(%s, key=lambda x: %s)" % (self.int_list(0), self.pick(["-x", "x % 3", "str(x)", "(x > 2, x)", "abs(x)"])))
        self.show("list(map(lambda a, b: a %s b, %s, %s))" % (self.pick(["+", "*", "-"]), self.int_list(0), self.int_list(0)))

    def s_walrus(self, depth):
        self.show("[y for x in range(%d) if (y := x * %s) %% 2]" % (self.r.randint(0, 8), self.small_int()))

    def s_edge(self, depth):
        t = self.pick(EDGE_TEMPLATES)
        a, b = self.pick(EDGE_INTS), self.pick(EDGE_INTS)
        self.show(t.replace("@A", "(%s)" % a).replace("@B", "(%s)" % b))

    def s_hostile(self, depth):
        text = self.pick(HOSTILE_SNIPPETS) % {"n": self.pick([0, 1, 3, 10, 100, 1000, 5000]),
                                               "m": self.pick([1, 100, 10000]), "big": self.pick(EDGE_INTS)}
        # Run in its own namespace, so its names (l, d, s...) cannot clash with the program's.
        self.emit("try:")
        self.emit("    exec(%r, {'struct': struct, 'collections': collections})" % text)
        self.emit("except Exception as e:")
        self.emit("    print('hostile', type(e).__name__)")

    def s_del(self, depth):
        v = self.var_of(self.pick(["dict", "list"]))
        if v:
            self.emit("try:")
            self.emit("    del %s[%s]" % (v, self.pick([self.small_int(), "'k0'", "'k1'", "0"])))
            self.emit("except Exception as e:")
            self.emit("    print('del', type(e).__name__, e)")
            self.emit("print(%r, %s)" % (v, v))

    def s_modules(self, depth):
        r = self.r
        choices = [
            "struct.calcsize(%r)" % self.pick(STRUCT_FORMATS),
            "struct.unpack_from(%r, %s, %d)" % (self.pick(STRUCT_FORMATS), self.expr("bytes"), r.randint(-2, 4)),
            "json.loads(json.dumps(%s))" % self.expr(self.pick(["dict", "list", "str", "int", "float"])),
            "json.loads(%s)" % self.pick(["'1.5e3'", "'\"a\\\\nb\"'", "'[1, 2'", "'tru'", "'  {\"a\" : [ ] } '", "'-0'", "'123456789012345678901234'"]),
            "re.match(%s, %s)" % (self.regex(), self.expr("str")),
            "(lambda m: m and (m.group(0), m.groups()))(re.search(%s, %s))" % (self.regex(), self.expr("str")),
            "re.compile(%s).split(%s)" % (self.regex(), self.expr("str")),
            "binascii.crc32(%s)" % self.expr("bytes"),
            "binascii.unhexlify(%s)" % self.pick(["'0a1B'", "'abc'", "b'zz'", "''"]),
            "binascii.a2b_base64(%s)" % self.pick(["b'aGVsbG8='", "'YQ'", "b'!!!'", "b''"]),
            "collections.OrderedDict([(3, 'c'), (1, 'a')])",
            "list(collections.deque(%s, %d))" % (self.int_list(0), r.randint(0, 5)),
            "Point(%s, %s)[%d]" % (self.literal("int"), self.literal("int"), r.randint(-3, 2)),
            "Point(x=%s, y=%s)" % (self.literal("int"), self.literal("str")),
            "math.isnan(%s), math.isinf(%s)" % (self.expr("float"), self.expr("float")),
            "math.frexp(%s)" % self.expr("float"),
            "math.modf(%s)" % self.expr("float"),
            "float(%s).__repr__()" % self.expr("int"),
        ]
        self.show(self.pick(choices))
        if self.chance(0.3):
            d = self.name("dq")
            self.emit("%s = collections.deque((), %d)" % (d, r.randint(1, 6)))
            self.emit("for i in range(%d):" % r.randint(0, 9))
            self.emit("    %s.append(i)" % d)
            self.emit("    if i %% %d == 0: print('popleft', %s.popleft())" % (r.randint(2, 4), d))
            self.show("list(%s), len(%s)" % (d, d))

    def program(self):
        self.emit("import struct, json, re, binascii, collections, math")
        self.emit("Point = collections.namedtuple('Point', ('x', 'y'))")
        for t in self.TYPES:
            if self.chance(0.7):
                self.assign(t)
        for _ in range(self.r.randint(8, 25)):
            self.stmt(0)
        self.emit("print('done')")
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------------------------------
# Mutated programs

NUM_RE = re.compile(r"(?<![\w.])(?:0[xX][0-9a-fA-F]+|\d+\.\d*(?:[eE][-+]?\d+)?|\d+(?:[eE][-+]?\d+)?)(?![\w.])")
STR_RE = re.compile(r"'[^'\\\n]*'|\"[^\"\\\n]*\"")
OP_RE = re.compile(r"(?<=[\w)\] ])(\*\*|//|<<|>>|<=|>=|==|!=|[-+*/%&|^<>])(?=[\w(\[ ])")
NAME_RE = re.compile(r"\b[A-Za-z_]\w*\b")
OPS = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "<", ">", "<=", ">=", "==", "!="]
NUM_CORNERS = ["0", "-1", "1", "2**31", "2**31-1", "-2**31", "2**63", "-2**63", "2**64", "2**30", "2**30-1",
               "1e308", "-1e308", "1e-320", "float('nan')", "float('inf')", "-0.0", "0.5", "255", "256",
               "65535", "65536", "10**50", "0x7fffffff", "(2**100)", "3", "-2", "1000000"]
STR_SUBS = ["''", "'a' * 1000", "'\\x00'", "'\\u20ac'", "'%s%d'", "'{}{0}'", "'\\U0010ffff'",
            "b'\\xff\\xfe'", "'{'", "'%'", "'\\n'", "None"]
KEYWORD_SWAPS = [("break", "continue"), ("continue", "break"), ("return", "yield"), ("True", "None"),
                 ("False", "0"), ("is not", "is"), (" and ", " or "), ("not ", ""), ("if ", "while "),
                 ("elif ", "if "), ("try:", "if 1:"), ("self", "None"), ("[]", "()"), ("()", "[]"),
                 ("(", "(*"), ("[", "[-1:"), ("+=", "="), ("== ", "is "), ("range(", "range(-"),
                 ("yield", "yield from"), ("lambda", "lambda *a,"), (".", "..")]
JUNK = ["(", ")", ":", "*", "**", "lambda", "yield", "await", "async", "\\", "'", '"', "[", "]", "{", "}",
        "@", ";", ",", "nonlocal x", "global x", "del ", " for x in y", " if 0 else ", "=", ":=", "\t", "#"]


class Mutator:
    def __init__(self, rng, seeds):
        self.r = rng
        self.seeds = seeds

    def splice_line(self):
        try:
            with open(self.r.choice(self.seeds), encoding="utf-8") as f:
                lines = [l for l in f.read().splitlines() if l.strip()]
        except (OSError, UnicodeDecodeError):
            return "pass"
        return self.r.choice(lines).strip() if lines else "pass"

    def mutate_once(self, text):
        r = self.r
        lines = text.split("\n")
        k = r.randint(0, 13)
        if k <= 2:  # a number
            ms = list(NUM_RE.finditer(text))
            if ms:
                m = r.choice(ms)
                return text[:m.start()] + r.choice(NUM_CORNERS) + text[m.end():]
        if k == 3:  # an operator
            ms = list(OP_RE.finditer(text))
            if ms:
                m = r.choice(ms)
                return text[:m.start()] + r.choice(OPS) + text[m.end():]
        if k == 4:  # a string
            ms = list(STR_RE.finditer(text))
            if ms:
                m = r.choice(ms)
                return text[:m.start()] + r.choice(STR_SUBS) + text[m.end():]
        if k == 5 and len(lines) > 1:  # delete a line
            del lines[r.randrange(len(lines))]
            return "\n".join(lines)
        if k == 6:  # duplicate a line
            i = r.randrange(len(lines))
            lines.insert(i, lines[i])
            return "\n".join(lines)
        if k == 7 and len(lines) > 2:  # swap two lines
            i, j = r.randrange(len(lines)), r.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            return "\n".join(lines)
        if k == 8 and r.random() < 0.3:  # truncate
            return text[:r.randrange(len(text) + 1)]
        if k == 9:  # a keyword or construct
            a, b = r.choice(KEYWORD_SWAPS)
            idx = [m.start() for m in re.finditer(re.escape(a), text)]
            if idx:
                i = r.choice(idx)
                return text[:i] + b + text[i + len(a):]
        if k == 10:  # junk token
            i = r.randrange(len(text) + 1)
            return text[:i] + r.choice(JUNK) + text[i:]
        if k == 11:  # one name for another
            names = list(NAME_RE.finditer(text))
            if len(names) > 1:
                m = r.choice(names)
                return text[:m.start()] + r.choice(names).group(0) + text[m.end():]
        if k == 12:  # a line from another program, at this line's indentation
            i = r.randrange(len(lines))
            ind = re.match(r"\s*", lines[i]).group(0)
            lines.insert(i, ind + self.splice_line())
            return "\n".join(lines)
        if k == 13 and len(lines) > 1:  # a line indented or dedented
            i = r.randrange(len(lines))
            lines[i] = lines[i][4:] if lines[i].startswith("    ") else "    " + lines[i]
            return "\n".join(lines)
        return text

    def program(self):
        path = self.r.choice(self.seeds)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            text = "print(1)\n"
        for _ in range(self.r.randint(1, 4)):
            text = self.mutate_once(text)
        return text, path


def find_seeds(dirs):
    seeds = []
    for top in dirs:
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__",))
            for n in sorted(filenames):
                if n.endswith(".py"):
                    p = os.path.join(dirpath, n)
                    try:
                        if os.path.getsize(p) < 20000:
                            seeds.append(p)
                    except OSError:
                        pass
    return seeds


# ---------------------------------------------------------------------------------------
# Classification

def crash_kind(res):
    """signal / trap / verifier / None for one run of our binary."""
    err = res.err.decode("utf-8", "replace")
    if res.rc is not None and res.rc < 0 and not res.timed_out and not res.overflow:
        return "signal"
    if VERIFIER_PATTERN.search(err):
        return "verifier"
    if any(p.search(err) for p in TRAP_PATTERNS):
        return "trap"
    return None


def crash_signature(kind, res):
    err = res.err.decode("utf-8", "replace")
    for line in err.splitlines():
        if VERIFIER_PATTERN.search(line) or any(p.search(line) for p in TRAP_PATTERNS):
            return "%s: %s" % (kind, re.sub(r"\d+", "N", line.strip())[:160])
    return "%s: rc %s" % (kind, res.rc)


class Fuzzer:
    def __init__(self, args):
        self.a = args
        self.lock = threading.Lock()
        self.counts = {}
        self.signatures = {}
        self.findings = []
        self.runs = 0
        self.programs = 0
        self.known = load_known_diffs(args.known_diffs)
        corpus = [] if args.no_corpus else [CORPUS]
        seed_dirs = corpus + list(args.seeds)
        if os.environ.get("MP_TESTS") and not args.seeds:
            seed_dirs += [os.path.join(os.environ["MP_TESTS"], d) for d in ("basics", "float", "micropython", "misc", "unicode", "extmod")]
        self.seeds = find_seeds(seed_dirs)
        self.refs = {"host": args.ref, "esp8266": args.ref_esp8266}
        self.modes = []
        for prof in args.profiles:
            self.modes.append((prof, False))
            if args.gcstress:
                self.modes.append((prof, True))

    def cmd(self, profile, gcstress, path):
        c = [self.a.binary] + PROFILE_ARGS[profile]
        if gcstress:
            c += ["-X", "gcstress"]
        return c + [path]

    def timeout(self, gcstress):
        return self.a.timeout * (self.a.gcstress_factor if gcstress else 1)

    def run_ours(self, text, profile, gcstress, workdir):
        path = os.path.join(workdir, "prog.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return run_capped(self.cmd(profile, gcstress, path), self.timeout(gcstress), workdir)

    def run_ref(self, text, profile, workdir, timeout=None):
        ref = self.refs.get(profile)
        if not ref:
            return None
        path = os.path.join(workdir, "prog.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return run_capped([ref, path], timeout or self.a.timeout, workdir)

    def run_cpython(self, text, workdir):
        path = os.path.join(workdir, "prog.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return run_capped([sys.executable, "-I", path], self.a.timeout, workdir)

    # -- the checks of one program in one mode; returns (kind, signature, details) or None
    def check(self, text, generated, profile, gcstress, workdir, normal=None):
        res = self.run_ours(text, profile, gcstress, workdir)
        with self.lock:
            self.runs += 1
        k = crash_kind(res)
        if k:
            return k, crash_signature(k, res), {"ours": res}
        if res.timed_out:
            if gcstress:
                # Collecting at every allocation costs a scan of every live object and of the
                # whole native stack: deep recursion makes that quadratic, so a program quick
                # without gcstress may still run for minutes under it. Reported, not a failure.
                if normal is None or normal.timed_out:
                    return None
                return "slow", "slow: gcstress timeout", {"ours": res, "normal": normal}
            if not generated:
                other = self.run_ref(text, profile, workdir)
                if other is None:
                    # CPython as the judge: only when it ran the program to its end (one that
                    # stops at a MicroPython-only module or signature says nothing).
                    other = self.run_cpython(text, workdir)
                    if other.rc != 0 or re.search(rb"^SKIP", other.out, re.M):
                        return None
                if other.timed_out or other.overflow:
                    return None
                return "hang", "hang", {"ours": res, "other": other}
            return "hang", "hang", {"ours": res}
        if res.overflow:
            return None
        if gcstress and normal is not None and not normal.timed_out and not normal.overflow:
            a, b = comparable(normal), comparable(res)
            if a != b and not memory_dependent(a, b):
                kind = "gcstress" if generated else "diff"
                return kind, "%s: differs from the normal run" % kind, {"ours": res, "normal": normal}
            return None
        if not gcstress and self.refs.get(profile):
            ref = self.run_ref(text, profile, workdir)
            if ref.timed_out or ref.overflow or (ref.rc is not None and ref.rc < 0):
                return None
            a, b = comparable(ref), comparable(res)
            changed = real_diff(a, b, self.known, profile)
            if changed and not memory_dependent(a, b):
                first = next((l for l in changed), "")
                sig = "diff: " + re.sub(r"\d+", "N", first)[:120]
                return "diff", sig, {"ours": res, "ref": ref, "changed": changed}
        return ("ok", None, {"ours": res})

    def still(self, kind, signature, text, generated, profile, gcstress, workdir):
        """Whether text still gives the same finding (for minimisation)."""
        normal = None
        if gcstress:
            normal = self.run_ours(text, profile, False, workdir)
        got = self.check(text, generated, profile, gcstress, workdir, normal)
        if not got or got[0] != kind:
            return False
        if kind in ("signal", "trap", "verifier", "diff"):
            return got[1] == signature
        return True

    def minimise(self, kind, signature, text, generated, profile, gcstress, workdir):
        lines = text.split("\n")
        deadline = time.monotonic() + self.a.minimise_seconds
        n = 2
        while len(lines) >= 2 and time.monotonic() < deadline:
            chunk = max(1, len(lines) // n)
            removed = False
            i = 0
            while i < len(lines) and time.monotonic() < deadline:
                cand = lines[:i] + lines[i + chunk:]
                if cand and self.still(kind, signature, "\n".join(cand), generated, profile, gcstress, workdir):
                    lines = cand
                    removed = True
                else:
                    i += chunk
            if not removed:
                if chunk == 1:
                    break
                n = min(len(lines), n * 2)
            else:
                n = max(2, n - 1)
        return "\n".join(lines)

    def record(self, kind, signature, text, origin, profile, gcstress, details, workdir, generated):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            seen = self.signatures.get(signature, 0)
            self.signatures[signature] = seen + 1
            if seen >= self.a.keep_per_signature:
                return
            idx = len(self.findings)
            self.findings.append((kind, signature))
        folder = os.path.join(self.a.out, "%04d-%s-%s%s" % (idx, kind, profile, "-gcstress" if gcstress else ""))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "program.py"), "w", encoding="utf-8") as f:
            f.write(text)
        minimised = None
        slow = kind in ("hang", "slow")
        if self.a.minimise_seconds > 0 and (not slow or self.a.minimise_hangs):
            minimised = self.minimise(kind, signature, text, generated, profile, gcstress, workdir)
            with open(os.path.join(folder, "minimised.py"), "w", encoding="utf-8") as f:
                f.write(minimised)
        with open(os.path.join(folder, "info.txt"), "w", encoding="utf-8") as f:
            f.write("kind: %s\nsignature: %s\norigin: %s\n" % (kind, signature, origin))
            f.write("command: %s\n" % " ".join(self.cmd(profile, gcstress, "program.py")))
            if profile in self.refs and self.refs[profile]:
                f.write("reference: %s program.py\n" % self.refs[profile])
            for name, res in details.items():
                if name == "changed":
                    f.write("\n--- changed lines (reference -, ours +)\n%s\n" % "\n".join(res))
                    continue
                f.write("\n--- %s: exit %s%s%s, %.2f s\n" % (name, res.rc, " (timeout)" if res.timed_out else "",
                                                           " (output cap)" if res.overflow else "", res.seconds))
                f.write("stdout:\n%s\nstderr:\n%s\n" % (res.out.decode("utf-8", "replace")[-20000:],
                                                      res.err.decode("utf-8", "replace")[-20000:]))
        msg = "%s %s (%s%s) %s" % (kind.upper(), folder, profile, " gcstress" if gcstress else "", signature)
        print(msg, flush=True)

    def one(self, index):
        rng = random.Random("%s:%d" % (self.a.seed, index))
        generated = not self.seeds or rng.random() < self.a.generated_ratio
        if generated:
            text, origin = Gen(rng).program(), "generated seed %s index %d" % (self.a.seed, index)
        else:
            text, path = Mutator(rng, self.seeds).program()
            origin = "mutated %s (seed %s index %d)" % (os.path.relpath(path, ROOT) if path.startswith(ROOT) else path, self.a.seed, index)
        workdir = tempfile.mkdtemp(prefix="fuzz-")
        try:
            for profile in self.a.profiles:
                got = self.check(text, generated, profile, False, workdir)
                normal = None
                if got and got[0] == "ok":
                    normal = got[2]["ours"]
                elif got:
                    self.record(got[0], got[1], text, origin, profile, False, got[2], workdir, generated)
                if self.a.gcstress and time.monotonic() < self.deadline:
                    if normal is None and got and got[0] == "diff":
                        normal = got[2]["ours"]
                    g = self.check(text, generated, profile, True, workdir, normal)
                    if g and g[0] != "ok":
                        self.record(g[0], g[1], text, origin, profile, True, g[2], workdir, generated)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        with self.lock:
            self.programs += 1

    def run(self):
        self.start = time.monotonic()
        self.deadline = self.start + self.a.seconds
        os.makedirs(self.a.out, exist_ok=True)
        print("fuzz: seed %s, %d s, profiles %s%s, %d seed programs, reference %s" % (
            self.a.seed, self.a.seconds, ",".join(self.a.profiles), " (+gcstress)" if self.a.gcstress else "",
            len(self.seeds), ", ".join("%s=%s" % kv for kv in self.refs.items() if kv[1]) or "none"), flush=True)
        index = self.a.start_index
        next_report = self.start + self.a.progress
        with concurrent.futures.ThreadPoolExecutor(self.a.jobs) as pool:
            pending = set()
            while time.monotonic() < self.deadline and (self.a.count == 0 or index < self.a.start_index + self.a.count):
                while len(pending) < self.a.jobs * 2 and time.monotonic() < self.deadline and \
                        (self.a.count == 0 or index < self.a.start_index + self.a.count):
                    pending.add(pool.submit(self.one, index))
                    index += 1
                done, pending = concurrent.futures.wait(pending, timeout=1, return_when=concurrent.futures.FIRST_COMPLETED)
                for f in done:
                    f.result()
                if time.monotonic() >= next_report:
                    next_report += self.a.progress
                    with self.lock:
                        print("fuzz: %.0f s, %d programs, %d runs, findings %s" % (
                            time.monotonic() - self.start, self.programs, self.runs,
                            ", ".join("%s %d" % kv for kv in sorted(self.counts.items())) or "none"), flush=True)
            for f in concurrent.futures.as_completed(pending):
                f.result()
        elapsed = time.monotonic() - self.start
        print("fuzz: %d programs (indices %d..%d), %d runs in %.0f s" % (self.programs, self.a.start_index, index - 1, self.runs, elapsed))
        if self.counts:
            for k in sorted(self.counts):
                print("  %-9s %d" % (k, self.counts[k]))
            for sig, n in sorted(self.signatures.items(), key=lambda kv: -kv[1]):
                print("    %4d  %s" % (n, sig))
        bugs = sum(self.counts.get(k, 0) for k in BUG_KINDS)
        diffs = self.counts.get("diff", 0)
        print("fuzz: %d bug finding(s), %d difference(s); findings in %s" % (bugs, diffs, self.a.out))
        return 1 if bugs or (self.a.strict_diff and diffs) else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=DEFAULT_BINARY, help="our micropython binary (default: the release build)")
    ap.add_argument("--seconds", type=float, default=60, help="time budget (default 60)")
    ap.add_argument("--count", type=int, default=0, help="stop after this many programs (0: only the time budget)")
    ap.add_argument("--seed", default=str(int(time.time())), help="run seed (default: the time)")
    ap.add_argument("--start-index", type=int, default=0, help="first program index (to replay one: --count 1)")
    ap.add_argument("--jobs", "-j", type=int, default=1)
    ap.add_argument("--profiles", default="host,esp8266", help="comma-separated: host, esp8266")
    ap.add_argument("--gcstress", action="store_true", help="also run every program under -X gcstress")
    ap.add_argument("--gcstress-factor", type=float, default=10, help="timeout multiplier under gcstress (default 10)")
    ap.add_argument("--timeout", type=float, default=10, help="seconds per run (default 10)")
    ap.add_argument("--ref", help="reference binary (C MicroPython, unix port) for the host profile")
    ap.add_argument("--ref-esp8266", help="reference binary for the esp8266 profile (scripts/build-float-reference.sh)")
    ap.add_argument("--known-diffs", default=KNOWN_DIFFS, help="file of regexes for accepted output differences")
    ap.add_argument("--strict-diff", action="store_true", help="differences from the reference fail the run")
    ap.add_argument("--seeds", action="append", default=[], help="a folder of programs to mutate (repeatable; "
                    "default: the corpus, plus MP_TESTS/{basics,float,...} when MP_TESTS is set)")
    ap.add_argument("--no-corpus", action="store_true", help="do not mutate the corpus programs")
    ap.add_argument("--generated-ratio", type=float, default=0.5, help="share of generated programs (default 0.5)")
    ap.add_argument("--out", default="fuzz-out", help="folder for findings (default fuzz-out)")
    ap.add_argument("--minimise-seconds", type=float, default=60, help="time for minimising one finding (0: none)")
    ap.add_argument("--minimise-hangs", action="store_true", help="minimise hangs too (each try costs the timeout)")
    ap.add_argument("--keep-per-signature", type=int, default=3, help="findings saved per distinct signature")
    ap.add_argument("--progress", type=float, default=300, help="seconds between progress lines (default 300)")
    ap.add_argument("--print", dest="print_index", type=int, help="print program INDEX of --seed and exit")
    a = ap.parse_args()
    a.profiles = [p for p in a.profiles.split(",") if p]
    for p in a.profiles:
        if p not in PROFILE_ARGS:
            ap.error("unknown profile %r" % p)
    # Programs run in temporary folders: the binaries' paths must not be relative.
    a.binary = os.path.abspath(a.binary)
    if not os.path.exists(a.binary):
        ap.error("no binary at %s (swift build -c release)" % a.binary)
    for name in ("ref", "ref_esp8266"):
        path = getattr(a, name)
        if path:
            setattr(a, name, os.path.abspath(path))
            if not os.path.exists(getattr(a, name)):
                ap.error("no reference binary at %s" % path)
    f = Fuzzer(a)
    # SIGTERM ends the run as the time budget does (the summary is still printed).
    signal.signal(signal.SIGTERM, lambda *_: setattr(f, "deadline", 0))
    if a.print_index is not None:
        rng = random.Random("%s:%d" % (a.seed, a.print_index))
        if not f.seeds or rng.random() < a.generated_ratio:
            sys.stdout.write(Gen(rng).program())
        else:
            sys.stdout.write(Mutator(rng, f.seeds).program()[0])
        return 0
    return f.run()


if __name__ == "__main__":
    sys.exit(main())
