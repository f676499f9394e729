#!/usr/bin/env python3
"""Drives the `micropython` REPL through a pseudo-terminal and checks the exact bytes it sends.

usage: run.py --binary PATH [-v]

Each case sends input (all at once or in steps) and compares the whole output with the
expected bytes. The terminal keeps its output processing on, as the unix port leaves it, so
every "\\n" the program writes arrives as "\\r\\n" (and the REPL's own "\\r\\n" as "\\r\\r\\n").
HOME points at a fresh folder so no ~/.micropython.history is read or left behind.
"""
import argparse, os, pty, select, signal, subprocess, sys, tempfile, time

BANNER_END = b'Type "help()" for more information.\r\r\n'


def cooked(s):
    """What the terminal shows for bytes the program wrote: NL becomes CR NL."""
    return s.replace(b"\n", b"\r\n")


class Session:
    def __init__(self, binary, args=(), home=None):
        self.master, slave = pty.openpty()
        env = dict(os.environ, HOME=home or tempfile.mkdtemp(prefix="repl-home"))
        env.pop("MICROPYINSPECT", None)

        def controlling_terminal():
            # Makes the pty the controlling terminal, so a typed ^C can become SIGINT.
            import fcntl, termios
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen([binary, *args], stdin=slave, stdout=slave, stderr=slave,
                                     preexec_fn=controlling_terminal, env=env)
        os.close(slave)

    def read(self, quiet=0.15, limit=5.0):
        """Everything written until the output has been quiet for `quiet` seconds."""
        out, end = b"", time.time() + limit
        while time.time() < end:
            r, _, _ = select.select([self.master], [], [], quiet)
            if not r:
                break
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        return out

    def send(self, data, quiet=0.15):
        os.write(self.master, data)
        return self.read(quiet)

    def close(self):
        try:
            self.proc.kill()
        except ProcessLookupError:
            pass
        self.proc.wait()
        os.close(self.master)


def banner_and_rest(out):
    i = out.find(BANNER_END)
    return (out[: i + len(BANNER_END)], out[i + len(BANNER_END):]) if i >= 0 else (b"", out)


# (name, command-line args, [(input, expected output)]); the first step's input may be None
# (just read the banner). The banner itself is checked by shape, the rest byte for byte.
CASES = [
    ("expression", [], [(b"1+1\r", b"1+1\r\r\n" + cooked(b"2\n") + b">>> ")]),
    ("lf-is-enter", [], [(b"2*3\n", b"2*3\r\r\n" + cooked(b"6\n") + b">>> ")]),
    ("continuation-auto-indent", [], [
        (b"def f(x):\r", b"def f(x):\r\r\n...     "),
        (b"return x*2\r", b"return x*2\r\r\n...     "),
        (b"\r", b"\r\r\n...     "),
        (b"\r", b"\r\r\n... "),
        (b"\r", b"\r\r\n>>> "),
        (b"f(4)\r", b"f(4)\r\r\n" + cooked(b"8\n") + b">>> "),
    ]),
    ("history-and-left-arrow", [], [
        (b"12\r", b"12\r\r\n" + cooked(b"12\n") + b">>> "),
        (b"\x1b[A", b"12"),
        (b"\x1b[D3\r", b"\x0832\x08\r\r\n" + cooked(b"132\n") + b">>> "),
    ]),
    ("emacs-keys", [], [(b"'boofar\x02\x02\x02\x0b\x01\x06\x04f\x05bar'\r", None)]),
    ("ctrl-c-cancels-line", [], [(b"abc\x03", b"abc\r\r\n>>> ")]),
    ("tab-completion", [], [
        (b"impo\t", b"import "),
        (b"sys\r", b"sys\r\r\n>>> "),
        (b"x_alpha = 1\r", b"x_alpha = 1\r\r\n>>> "),
        (b"x_beta = 2\r", b"x_beta = 2\r\r\n>>> "),
        (b"x_\t", b"x_" + cooked(b"\nx_alpha         x_beta\n") + b">>> x_"),
        (b"b\t\r", b"beta\r\r\n" + cooked(b"2\n") + b">>> "),
    ]),
    ("paste-mode", [], [
        (b"\x05", b"\r\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\r\n=== "),
        (b"for i in range(2):\r    print(i)\r", b"for i in range(2):\r\r\n===     print(i)\r\r\n=== "),
        (b"\x04", b"\r\r\n" + cooked(b"0\n1\n") + b">>> "),
    ]),
    ("raw-repl", [], [
        (b"\x01", b"\r\r\nraw REPL; CTRL-B to exit\r\r\n>"),
        (b"print(1)\x04", b"OK" + cooked(b"1\n") + b"\x04\x04>"),
        (b"\x02", b"\r\r\nMicroPython"),
    ]),
    ("raw-paste", [], [
        (b"\x01", b"\r\r\nraw REPL; CTRL-B to exit\r\r\n>"),
        (b"\x05A\x01", b"R\x01\x80\x00\x01"),
        (b"print('x'*3)\x04", b"\x04" + cooked(b"xxx\n") + b"\x04\x04>"),
    ]),
    ("ctrl-d-exits", [], [(b"\x04", b"\r\r\n")]),
    ("sys-exit-status", [], [(b"import sys\rsys.exit(7)\r", None)]),
    ("inspect-after-command", ["-i", "-c", "print('test')"], []),
]


def run_case(binary, name, args, steps, verbose):
    s = Session(binary, args)
    try:
        first = s.read(quiet=0.5)
        banner, rest = banner_and_rest(first)
        problems = []
        if name == "inspect-after-command":
            if not first.startswith(cooked(b"test\n") + b"MicroPython ") or not first.endswith(b">>> "):
                problems.append("output %r" % first)
        elif not banner.startswith(b"MicroPython ") or rest != b">>> ":
            problems.append("banner %r" % first)
        for data, want in steps:
            got = s.send(data)
            if name == "emacs-keys":
                want_end = cooked(b"'foobar'\n") + b">>> "
                if not got.endswith(want_end):
                    problems.append("sent %r: got %r" % (data, got))
            elif name == "raw-repl" and data == b"\x02":
                if not got.startswith(want) or not got.endswith(b">>> "):
                    problems.append("sent %r: got %r" % (data, got))
            elif want is not None and got != want:
                problems.append("sent %r:\n  want %r\n  got  %r" % (data, want, got))
        if name == "ctrl-d-exits":
            if s.proc.wait(timeout=5) != 0:
                problems.append("exit status %r" % s.proc.returncode)
        if name == "sys-exit-status":
            if s.proc.wait(timeout=5) != 7:
                problems.append("exit status %r" % s.proc.returncode)
        return problems
    finally:
        s.close()


def run_interrupt(binary):
    """^C typed while code runs raises KeyboardInterrupt (the terminal's SIGINT) and the REPL goes on."""
    s = Session(binary)
    try:
        s.read(quiet=0.5)
        s.send(b"import time\r")
        os.write(s.master, b"time.sleep(5)\r")
        time.sleep(0.5)
        start = time.time()
        got = s.send(b"\x03", quiet=0.5)
        took = time.time() - start
        want = b"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n>>> "
        problems = []
        if not got.endswith(want):
            problems.append("got %r" % got)
        if took > 2:
            problems.append("interrupt took %.1f s" % took)
        if s.send(b"1\r") != b"1\r\r\n1\r\n>>> ":
            problems.append("REPL did not go on")
        return problems
    finally:
        s.close()


def run_stdin_script(binary):
    """A script on a non-terminal stdin runs as a script (no banner, no prompts)."""
    p = subprocess.run([binary], input=b"x = 6\nprint(x * 7)\n", capture_output=True, timeout=10)
    return [] if p.stdout == b"42\n" and p.returncode == 0 else ["got %r, status %d" % (p.stdout, p.returncode)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    failed = 0
    cases = [(n, lambda n=n, args=args, steps=steps: run_case(binary, n, args, steps, a.v)) for n, args, steps in CASES]
    cases += [("interrupt", lambda: run_interrupt(binary)), ("stdin-script", lambda: run_stdin_script(binary))]
    for name, fn in cases:
        problems = fn()
        if problems:
            failed += 1
            print("FAIL %s" % name)
            for p in problems:
                print("  " + p)
        elif a.v:
            print("pass %s" % name)
    print("REPL: %d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
