#!/usr/bin/env python3
"""Sends the same keystrokes to our `micropython` and to a reference (MicroPython's C unix
port) through a pty and reports every difference in what comes back (banners aside).

usage: compare.py --binary PATH --reference PATH [-v]
"""
import argparse, os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import Session

BANNER = re.compile(rb"MicroPython [^\r\n]* version\r\r\n")

# Each sequence is sent step by step to a fresh REPL; the whole output and exit status are compared.
SEQS = [
 [b"for i in range(2):\r", b"print(i)\r", b"\x7f\x04"],
 [b"zq_alpha_long_name_1=0\r", b"zq_b=0\r", b"zq_c=0\r", b"zq_d=0\r", b"zq_e=0\r", b"zq_\t"],
 [b"99+1\x15" + b"7\r"],

 [b"\x01", b"1\x04", b"\x05A\x01", b"2\x04"],
 [b"if 1:\r", b"\x05", b"\x01", b"\x02", b"\r", b"\r"],
 [b"x = 1\r", b"\x05x\r2\r\x04"],
 [b"\x05\x04"],
 [b"\x05\x1b[A\x04"],
 [b"1\r", b"\x1b[A\x1b[A\x1b[B\x1b[B\x1b[B\r"],
 [b"abc\x1bd\r", b"abc def\x01\x1bd\r", b"ab cd\x1b\x7f\r"],
 [b"\x1b[5~x\r"],
 [b"\x1bOZx\r"],
 [b"abc\x1b[1;5Cx\r"],
 [b"def f():\r", b"  return 5\r", b"\r", b"f()\r"],
 [b"try:\r", b"1/0\r", b"\x7fexcept:\r", b"print('e')\r", b"\r", b"\r", b"\r"],
 [b"class A:\r", b"\tx=1\r", b"\r", b"\r", b"A.x\r"],
 [b"while 0:\r", b"pass\r", b"\x04"],

 [b"abc def\x17\x17x\r"],
 [b"1+2\x1bb\x1bb9\r"],
 [b"12345\x1b[D\x1b[D\x0b\r"],
 [b"12345\x1b[D\x1b[D\x15\r"],
 [b"123\x1b[H9\x1b[F8\r", b"45\x1bOH7\x1bOF6\r", b"45\x1b[1~7\x1b[4~6\r", b"45\x1b[7~7\x1b[8~6\r"],
 [b"123\x1b[D\x1b[3~\r"],
 [b"1 + 2 \x1b[1;5D\x1b[1;5D\x1b[1;5D0\r"],
 [b"abcdefgh\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[C\x1b[C\r"],
 [b"if 1:\r", b"  x=1\r", b"\r"],
 [b"if 1:\r", b"\tx=1\r", b"\r", b"\r"],
 [b"for i in range(3):\r", b"if i:\r", b"print(i)\r", b"\r", b"\r", b"\r", b"\r"],
 [b"x = (1,\r", b"2)\r", b"x\r"],
 [b"'''a\r", b"b'''\r"],
 [b"@x\r", b"\x03"],
 [b"def f():\r", b"\x04"],
 [b"1/0\r"],
 [b"\x05def f():\r  return 1\r\rf()\r\x04"],
 [b"\x05x\x08y\x04"],
 [b"\x01", b"x = 5\x04", b"print(x)\x04", b"1/0\x04", b"\x03abc\x03print(2)\x04", b"\x01", b"\x02"],
 [b"\x01", b"\x05A\x01", b"print(1)\x03"],
 [b"\x01", b"\x05B\x01", b"print(3)\x04"],
 [b"\x01", b"\x05A\x01", b"x" * 300 + b"=1\x04"],
 [b"\x01", b"\x05A\x01", b"def f(:\x04"],
 [b"\x02"],
 [b"\x03"],
 [b"x\x01\x05y\r"],
 [b"1\r", b"2\r", b"3\r", b"\x1b[A\x1b[A\x1b[A\x1b[A\x1b[B\r"],
 [b"\x10\x0e\r"],
 [b"x\x08\x08\x08\r"],
 [b"    \x7f\r"],
 [b"if 1:\r", b"\x7f\x7fx\r", b"\r"],
 [b"import sy\t\r"],
 [b"sys\t\r"],
 [b"imp\t\t\r"],
 [b"x=1\r", b"x.\t\r"],
 [b"x=1\r", b" \tz\r"],
 [b"\ta\r"],
 [b"str.spl\t('a b')\r"],
 [b"import micropython\r", b"micropython.kbd_intr(-1)\r", b"1\r"],
 [b"raise SystemExit('bye')\r"],
 [b"\xc3\xa9\r"],
 [b"a\r\nb\n\rc\r"],
 [b"print('a\\nb')\r"],
]


def transcript(binary, steps):
    s = Session(binary)
    try:
        out = [BANNER.sub(b"<banner>", s.read(quiet=0.4))]
        for d in steps:
            out.append(BANNER.sub(b"<banner>", s.send(d, quiet=0.25)))
        try:
            status = s.proc.wait(timeout=0.5)   # the ones that exit, given time to
        except subprocess.TimeoutExpired:
            status = None
        # Compared as one stream: how the output splits between steps depends on timing.
        return b"".join(out), status
    finally:
        s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    differ = 0
    for steps in SEQS:
        ours, theirs = transcript(a.binary, steps), transcript(a.reference, steps)
        if ours != theirs:
            differ += 1
            print("DIFF %r" % steps)
            print("  ours      %r" % (ours,))
            print("  reference %r" % (theirs,))
        elif a.v:
            print("same %r" % steps)
    print("compare: %d of %d sequences differ" % (differ, len(SEQS)))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
