#!/usr/bin/env python3
"""Differential programs: run Tests/Differential/<category>/*.py with our interpreter and a
C MicroPython reference, and compare their stdout and exit status exactly.

  scripts/differential.py --ours .build/release/micropython --ref PATH/TO/C/micropython
  scripts/differential.py --profile esp8266 --ours ... --ref PATH/TO/32bit/micropython --show

--profile host runs both binaries plainly; --profile esp8266 runs ours with
`-X profile=esp8266 -X heapsize=1M` (the reference is the 32-bit build made by
scripts/build-float-reference.sh with ESP8266_OPTIONS=1, run plainly).
Prints per-category pass counts and the share identical; --show adds a short unified
diff for each program that differs. --filter REGEX limits the programs. --merge-stderr
appends our stderr to our stdout before comparing (the C unix port prints an uncaught
exception's traceback on stdout, we on stderr): it shows what differs besides that.
Exit status 0 when every program agrees, 1 otherwise. Stdlib only.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(ROOT, "Tests", "Differential")
OUR_ARGS = {"host": [], "esp8266": ["-X", "profile=esp8266", "-X", "heapsize=1M"]}


def programs(pattern):
    found = []
    for category in sorted(os.listdir(PROGRAMS)):
        folder = os.path.join(PROGRAMS, category)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            rel = category + "/" + name
            if name.endswith(".py") and (pattern is None or re.search(pattern, rel)):
                found.append(rel)
    return found


def run(cmd, path, timeout, merge_stderr=False):
    """stdout of one run (with stderr after it if asked), then `exit N` when the status is
    not 0."""
    try:
        p = subprocess.run(cmd + [path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE if merge_stderr else subprocess.DEVNULL,
                           stdin=subprocess.DEVNULL, timeout=timeout, cwd=os.path.dirname(path))
    except subprocess.TimeoutExpired:
        return "exit timeout\n"
    out = p.stdout.decode("utf-8", "backslashreplace")
    if merge_stderr and p.stderr:
        out += p.stderr.decode("utf-8", "backslashreplace")
    if p.returncode != 0:
        if out and not out.endswith("\n"):
            out += "\n"
        out += "exit %d\n" % p.returncode
    return out


def compare(rel, args):
    path = os.path.join(PROGRAMS, rel)
    ours = run([args.ours] + OUR_ARGS[args.profile], path, args.timeout, args.merge_stderr)
    ref = run([args.ref], path, args.timeout)
    return rel, ours, ref


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ours", required=True, help="our micropython binary")
    ap.add_argument("--ref", required=True, help="the C reference binary")
    ap.add_argument("--profile", choices=sorted(OUR_ARGS), default="host")
    ap.add_argument("--show", action="store_true", help="print a diff for each difference")
    ap.add_argument("--context", type=int, default=1, help="diff context lines (default 1)")
    ap.add_argument("--max-lines", type=int, default=30, help="diff lines shown per program")
    ap.add_argument("--filter", help="only programs whose category/name matches this regex")
    ap.add_argument("--merge-stderr", action="store_true",
                    help="append our stderr (tracebacks) to our stdout before comparing")
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    for b in (args.ours, args.ref):
        if not os.access(b, os.X_OK):
            print("not an executable: %s" % b, file=sys.stderr)
            return 2
    args.ours = os.path.abspath(args.ours)
    args.ref = os.path.abspath(args.ref)
    rels = programs(args.filter)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(lambda r: compare(r, args), rels))
    per = {}
    failed = []
    for rel, ours, ref in results:
        cat = rel.split("/")[0]
        same, total = per.get(cat, (0, 0))
        ok = ours == ref
        per[cat] = (same + ok, total + 1)
        if not ok:
            failed.append((rel, ours, ref))
    if args.show:
        for rel, ours, ref in failed:
            print("--- %s" % rel)
            diff = list(difflib.unified_diff(ref.splitlines(), ours.splitlines(), "reference", "ours",
                                             n=args.context, lineterm=""))[2:]
            for line in diff[:args.max_lines]:
                print(line)
            if len(diff) > args.max_lines:
                print("... %d more diff lines" % (len(diff) - args.max_lines))
    print("profile %s" % args.profile)
    for cat in sorted(per):
        same, total = per[cat]
        print("  %-12s %3d/%-3d identical" % (cat, same, total))
    same = sum(s for s, _ in per.values())
    total = sum(t for _, t in per.values())
    share = 100.0 * same / total if total else 0.0
    print("  %-12s %3d/%-3d identical (%.1f%%)" % ("all", same, total, share))
    if failed:
        print("differ: " + " ".join(rel for rel, _, _ in failed))
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
