#!/usr/bin/env python3
"""Fuzzer for .mpy files (stdlib only): damaged .mpy files must be refused or run, never
crash the `micropython` binary.

Seeds are .mpy files: the machine-code test module in Tests/Python/native/lib and the
bytecode modules in Tests/Fuzz/mpy-seeds (scripts/build-fuzz-seeds.sh makes them from corpus
programs); --seeds adds folders, e.g. .mpy files made with `mpy-cross -march=xtensa` from
MicroPython's tests. Each try changes 1 to 8 bytes past the header (random values, single bit
flips, 0/0x7f/0x80/0xff) and imports the result, normally or under -X gcstress. A finding is
a death by signal or a Swift trap/fatal error in stderr; the file is kept under --out. A run
that exceeds the timeout is not a finding (code may loop forever, as on the chip).

    scripts/fuzz-mpy.py --tries 500 --seed 1 [--seeds DIR ...] [--binary PATH]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "micropython"))
    ap.add_argument("--tries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seeds", nargs="*", default=[])
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--out", default=os.path.join(ROOT, ".build", "fuzz-mpy"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    seeds = []
    for d in [os.path.join(ROOT, "Tests", "Python", "native", "lib"), os.path.join(ROOT, "Tests", "Fuzz", "mpy-seeds")] + args.seeds:
        seeds += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".mpy")]
    if not seeds:
        print("no .mpy seeds")
        return 2
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fuzzmpy")
    findings = 0
    for i in range(args.tries):
        src = rng.choice(seeds)
        data = bytearray(open(src, "rb").read())
        for _ in range(rng.randint(1, 8)):
            k = rng.randrange(4, len(data))
            r = rng.random()
            if r < 0.5:
                data[k] = rng.randrange(256)
            elif r < 0.8:
                data[k] ^= 1 << rng.randrange(8)
            else:
                data[k] = rng.choice([0, 0x7F, 0x80, 0xFF])
        with open(os.path.join(work, "mut.mpy"), "wb") as f:
            f.write(data)
        cmd = [args.binary] + (["-X", "gcstress"] if rng.random() < 0.3 else []) + ["-c", "import mut"]
        try:
            p = subprocess.run(cmd, cwd=work, capture_output=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            continue
        err = p.stderr.decode(errors="replace")
        if p.returncode < 0 or p.returncode >= 128 or "Fatal error" in err:
            findings += 1
            name = "finding-%d-%s" % (i, os.path.basename(src))
            shutil.copy(os.path.join(work, "mut.mpy"), os.path.join(args.out, name))
            print("FINDING %s: status %d %s" % (name, p.returncode, err.strip()[-200:]))
    shutil.rmtree(work, ignore_errors=True)
    print("fuzz-mpy: %d tries, %d findings (kept in %s)" % (args.tries, findings, args.out))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
