#!/usr/bin/env python3
"""Conformance corpus runner (stdlib only).

For every Tests/Python/**/*.py (folders named `lib` are skipped: they hold
helper modules that tests import), run `BINARY [ARGS] [per-test args] file.py`
and compare its stdout with the expected output:

  * `file.py.exp` next to the test, if present;
  * otherwise CPython's output, produced now by running `python3 file.py`.

The compared text is stdout, followed by a line `exit N` when the exit status
N is non-zero (stderr is never compared: tracebacks differ between
implementations).  A test killed by the timeout gets `exit timeout`.

A first line `# args: ...` gives extra arguments for micropython only (for
example `# args: -X heapsize=64K`); such a test must have a `.exp` file.

A test with a `file.py.esp8266.exp` beside it runs a second time, as the test
`file.py@esp8266`, with `-X profile=esp8266` added and that file as its expected
output: one program checked against both C builds.

Known failures live in Tests/Python/expected-failures.txt, one per line:
`path/relative/to/Tests/Python.py  reason`.  A listed test that fails is
XFAIL; one that passes is XPASS and counts as a failure, so the list stays
honest.  A line without a reason, or naming a missing test, is an error.
A reason starting with `(gcstress)` limits the entry to runs whose --args
contain gcstress.  `--update-expected-failures REASON` rewrites the file
from a run: passing entries are dropped, new failures added with REASON.

Exit status: 0 when nothing unexpected happened, 1 on any FAIL/XPASS,
2 on a usage or configuration error.
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
XFAIL_FILE = os.path.join(HERE, "expected-failures.txt")
DEFAULT_BINARY = os.path.join(ROOT, ".build", "release", "micropython")
SKIP_DIRS = {"lib", "__pycache__"}
# Profile variants: a test id `path@NAME` runs `path` with these arguments and compares with
# `path.NAME.exp`.
VARIANTS = {"esp8266": ["-X", "profile=esp8266"]}


def split_variant(test):
    """(path, variant name or None) of a test id."""
    path, _, variant = test.partition("@")
    return path, variant or None


def find_tests():
    tests = []
    for dirpath, dirnames, filenames in os.walk(HERE):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        if os.path.abspath(dirpath) == HERE:
            continue  # the runner itself lives at the top level
        for name in sorted(filenames):
            if name.endswith(".py"):
                path = os.path.relpath(os.path.join(dirpath, name), HERE)
                tests.append(path)
                for variant in VARIANTS:
                    if name + "." + variant + ".exp" in filenames:
                        tests.append(path + "@" + variant)
    return sorted(tests)


def test_args(path):
    """Extra micropython arguments from a first line `# args: ...`."""
    with open(os.path.join(HERE, path), "rb") as f:
        first = f.readline().decode("utf-8", "replace").strip()
    m = re.match(r"#\s*args:\s*(.*)$", first)
    return shlex.split(m.group(1)) if m else []


GC_TAG = "(gcstress)"


def load_xfail(known_tests, gcstress):
    """Return ({test: reason} applying to this run, all entries, errors)."""
    xfail, entries, errors = {}, {}, []
    if not os.path.exists(XFAIL_FILE):
        return xfail, errors
    with open(XFAIL_FILE, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) < 2 or not parts[1].strip():
                errors.append("expected-failures.txt:%d: no reason given for %s" % (n, parts[0]))
                continue
            if parts[0] not in known_tests:
                errors.append("expected-failures.txt:%d: no such test %s" % (n, parts[0]))
                continue
            if parts[0] in entries:
                errors.append("expected-failures.txt:%d: %s listed twice" % (n, parts[0]))
            reason = parts[1].strip()
            entries[parts[0]] = reason
            if gcstress or not reason.startswith(GC_TAG):
                xfail[parts[0]] = reason
    return xfail, entries, errors


def update_xfail(entries, results, reason, gcstress):
    """Rewrite expected-failures.txt from this run's results."""
    header = []
    if os.path.exists(XFAIL_FILE):
        with open(XFAIL_FILE, encoding="utf-8") as f:
            header = [l for l in f if l.startswith("#")]
    new = dict(entries)
    for path, status in results.items():
        applies = path in entries and (gcstress or not entries[path].startswith(GC_TAG))
        if status == "pass" and applies:
            del new[path]
        elif status == "fail" and path not in new:
            new[path] = (GC_TAG + " " + reason) if gcstress else reason
    width = max([len(p) for p in new] + [0]) + 2
    with open(XFAIL_FILE, "w", encoding="utf-8") as f:
        f.writelines(header)
        for path in sorted(new):
            f.write(path.ljust(width) + new[path] + "\n")
    print("rewrote %s: %d entries (was %d)" % (os.path.relpath(XFAIL_FILE), len(new), len(entries)))


def run(cmd, cwd, timeout):
    """Run cmd; return the comparable text: stdout plus an exit line."""
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("MICROPYPATH", None)
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        if out and not out.endswith("\n"):
            out += "\n"
        return out + "exit timeout\n", (e.stderr or b"").decode("utf-8", "replace")
    except OSError as e:
        return "cannot run %s: %s\n" % (cmd[0], e), ""
    out = p.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
    if out and not out.endswith("\n"):
        out += "\n"
    if p.returncode != 0:
        out += "exit %d\n" % p.returncode
    return out, p.stderr.decode("utf-8", "replace")


def expected(test, python, timeout):
    """Return (source description, expected text)."""
    path, variant = split_variant(test)
    exp_name = path + ("." + variant if variant else "") + ".exp"
    exp = os.path.join(HERE, exp_name)
    if os.path.exists(exp):
        with open(exp, encoding="utf-8") as f:
            return exp_name, f.read()
    full = os.path.join(HERE, path)
    out, _ = run([python, os.path.basename(full)], os.path.dirname(full), timeout)
    return "%s %s (CPython, run now)" % (python, path), out


FINAL_TRACEBACK = re.compile(r"^Traceback \(most recent call last\):\n(?:  .*\n)*[^\n]*\n(?=exit \d+\n\Z)", re.M)


def run_one(test, opts):
    path, variant = split_variant(test)
    full = os.path.join(HERE, path)
    extra = test_args(path)
    if extra and not variant and not os.path.exists(full + ".exp"):
        return test, "error", "test has `# args:` but no .exp file", "", ""
    if variant:
        extra = VARIANTS[variant] + extra
    source, want = expected(test, opts.python, opts.timeout)
    cmd = [opts.binary] + opts.extra + extra + [os.path.basename(full)]
    got, err = run(cmd, os.path.dirname(full), opts.timeout)
    if "(CPython, run now)" in source:
        # CPython prints an uncaught exception's traceback on stderr, MicroPython's unix port
        # (and we) on stdout, where it ends the output: it is not compared with CPython's.
        got = FINAL_TRACEBACK.sub("", got)
    if got == want:
        return test, "pass", source, want, got
    return test, "fail", source, want, got + ("" if not err else "--- stderr ---\n" + err[-2000:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=DEFAULT_BINARY, help="interpreter under test (default %(default)s)")
    ap.add_argument("--args", default="", help='extra interpreter arguments, e.g. "-X gcstress"')
    ap.add_argument("--python", default="python3", help="CPython used for expected output")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--filter", default=None, help="only tests whose path matches this regex")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds per run (default 10, 60 when --args has gcstress)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print a diff for each failure")
    ap.add_argument("--show-expected", metavar="TEST",
                    help="print where TEST's expected output comes from, and that output, then exit")
    ap.add_argument("--list", action="store_true", help="list the tests and exit")
    ap.add_argument("--update-expected-failures", metavar="REASON",
                    help="rewrite expected-failures.txt from this run: drop entries that pass, "
                         "add failing tests with REASON")
    opts = ap.parse_args()
    opts.extra = shlex.split(opts.args)
    if opts.timeout is None:
        opts.timeout = 60.0 if "gcstress" in opts.args else 10.0
    if os.sep in opts.binary or "/" in opts.binary:
        opts.binary = os.path.abspath(opts.binary)

    tests = find_tests()
    if opts.show_expected:
        path = os.path.relpath(os.path.abspath(opts.show_expected), HERE) \
            if os.path.exists(opts.show_expected) else opts.show_expected
        if path not in tests:
            print("no such test: %s" % opts.show_expected, file=sys.stderr)
            return 2
        source, want = expected(path, opts.python, opts.timeout)
        variant = split_variant(path)[1]
        print("# expected output of %s from %s; micropython args: %s"
              % (path, source, " ".join(opts.extra + (VARIANTS[variant] if variant else [])
                                          + test_args(split_variant(path)[0])) or "(none)"))
        sys.stdout.write(want)
        return 0
    if opts.list:
        print("\n".join(tests))
        return 0

    gcstress = "gcstress" in opts.args
    xfail, entries, errors = load_xfail(set(tests), gcstress)
    for e in errors:
        print("ERROR: " + e)
    if errors:
        return 2
    if opts.filter:
        rx = re.compile(opts.filter)
        tests = [t for t in tests if rx.search(t)]
    if not tests:
        print("no tests selected")
        return 2
    if not (os.path.exists(opts.binary) or "/" not in opts.binary):
        print("ERROR: binary %s not found (build with `swift build -c release`)" % opts.binary)
        return 2

    label = "corpus" + (" (" + opts.args + ")" if opts.args else "")
    counts = {"pass": 0, "fail": 0, "xfail": 0, "xpass": 0, "error": 0}
    bad = []
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
        for path, status, source, want, got in pool.map(lambda t: run_one(t, opts), tests):
            results[path] = status
            if status == "pass" and path in xfail:
                status = "xpass"
            elif status == "fail" and path in xfail:
                status = "xfail"
            counts[status] += 1
            if status in ("pass",):
                if opts.verbose:
                    print("pass  " + path)
                continue
            if status == "xfail" and not opts.verbose:
                continue
            tag = {"fail": "FAIL ", "xfail": "xfail", "xpass": "XPASS", "error": "ERROR"}[status]
            note = {"xfail": " (" + xfail.get(path, "") + ")",
                    "xpass": " (listed in expected-failures.txt but passes: remove it)",
                    "error": ": " + source}.get(status, "")
            print("%s %s%s" % (tag, path, note))
            if status == "fail":
                bad.append(path)
                if opts.verbose:
                    print("  expected output from " + source)
                    diff = difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                "expected", "got")
                    for line in list(diff)[:80]:
                        sys.stdout.write("    " + line if line.endswith("\n") else "    " + line + "\n")
    if opts.update_expected_failures:
        if opts.filter:
            print("ERROR: --update-expected-failures needs the whole corpus (no --filter)")
            return 2
        update_xfail(entries, results, opts.update_expected_failures.strip(), gcstress)
    failed = counts["fail"] + counts["xpass"] + counts["error"]
    print("%s: %d xfail (known failures), %d xpass, %d error(s)"
          % (label, counts["xfail"], counts["xpass"], counts["error"]))
    if bad and not opts.verbose:
        print("re-run with -v for diffs, or --show-expected TEST for one test's expected output")
    # Plain closing line: xfail tests are reported as skipped.
    print("corpus: %d passed, %d failed, %d skipped" % (counts["pass"], failed, counts["xfail"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
