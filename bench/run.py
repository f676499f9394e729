#!/usr/bin/env python3
"""Time the release `micropython` against python3 on every bench/*.py (not boot.py: the board's own).

Each program runs 3 times per interpreter (best wall-clock time kept). Prints
a table with each ratio (ours / python3) and the geometric mean of the ratios.
The outputs of the two interpreters are compared as a sanity check.
Not part of the tests: it always exits 0 unless a program fails to run.
"""

import argparse
import glob
import math
import os
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def best_time(cmd, repeat, timeout):
    best, out, err = None, None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, cwd=HERE, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, None, "timeout after %ss" % timeout
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            return None, p.stdout, "exit %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[-300:])
        out = p.stdout
        best = dt if best is None else min(best, dt)
    return best, out, err


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "micropython"))
    ap.add_argument("--args", default="", help="extra arguments for the binary")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--filter", default="", help="only programs whose name contains this")
    opts = ap.parse_args()
    binary = os.path.abspath(opts.binary) if "/" in opts.binary else opts.binary
    progs = sorted(p for p in glob.glob(os.path.join(HERE, "*.py"))
                   if os.path.basename(p) not in ("run.py", "boot.py") and opts.filter in os.path.basename(p))
    print("%-16s %10s %10s %8s  %s" % ("program", "ours (s)", "python3", "ratio", "note"))
    ratios, failed = [], 0
    for prog in progs:
        name = os.path.basename(prog)
        ours, our_out, our_err = best_time([binary] + shlex.split(opts.args) + [name],
                                           opts.repeat, opts.timeout)
        ref, ref_out, ref_err = best_time([opts.python, name], opts.repeat, opts.timeout)
        note = ""
        if ours is None or ref is None:
            failed += 1
            note = "FAILED: " + (our_err or ref_err or "")
            print("%-16s %10s %10s %8s  %s" % (name, "-" if ours is None else "%.3f" % ours,
                                                "-" if ref is None else "%.3f" % ref, "-",
                                                note.strip().replace("\n", " ")[:120]))
            sys.stdout.flush()
            continue
        if our_out != ref_out:
            note = "output differs"
        ratio = ours / ref
        ratios.append(ratio)
        print("%-16s %10.3f %10.3f %8.2f  %s" % (name, ours, ref, ratio, note))
        sys.stdout.flush()
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print("%-16s %10s %10s %8.2f  (%d programs%s)" % ("geometric mean", "", "", geo, len(ratios),
                                                          ", %d failed" % failed if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
