#!/usr/bin/env python3
"""Board tests: the virtual ESP8266 (`esp8266`) driven by the real host tools.

usage: run.py --bin-dir .build/release [-k NAME] [-v] [--list]

Every test gets a fresh temporary folder with its own flash image and its own board process
(UART0 on a TCP port the board picks itself with tcp:0, on a pseudo-terminal with a symlink in
the folder, or on the process's stdin/stdout when the test must see every byte from power-on).
mpremote, rshell and ampy run as subprocesses of this Python (`python3 -m pip install mpremote
rshell adafruit-ampy`); a test whose tool is missing is skipped with the reason.

One line per test: PASS name, FAIL name: reason, SKIP name: reason, XFAIL name: reason (listed in
expected-failures.txt and failed) or XPASS name (listed but passed: counts as a failure, remove
its line). Last line: `board: N passed, M failed, K skipped` (K counts skips and xfails).
Exit status 1 on any FAIL or XPASS, 2 on a usage error.
"""
import argparse
import hashlib
import importlib.util
import os
import pty
import random
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import termios
import time
import tty

HERE = os.path.dirname(os.path.abspath(__file__))
XFAIL_FILE = os.path.join(HERE, "expected-failures.txt")

# The layout of a 4 MiB image: the filesystem area starts at 1 MiB, blocks of 4 KiB.
FS_START = 0x100000
BLOCK = 4096

PROMPT = b">>> "
BANNER = re.compile(rb"MicroPython v\S+ on \d{4}-\d\d-\d\d; ESP module with ESP8266\r\n"
                    rb'Type "help\(\)" for more information\.\r\n')
DEFAULT_BOOT_PY = (
    b"# This file is executed on every boot (including wake-boot from deepsleep)\n"
    b"#import esp\n"
    b"#esp.osdebug(None)\n"
    b"import os, machine\n"
    b"#os.dupterm(None, 1) # disable REPL on UART(0)\n"
    b"import gc\n"
    b"#import webrepl\n"
    b"#webrepl.start()\n"
    b"gc.collect()\n")
# How a hard boot ends: the line mp_reset's output ended, an empty line, the banner, the prompt.
BOOT_END = re.compile(rb"(?:^|\r\n)\r\n" + BANNER.pattern + rb">>> \Z")
CORRUPT_LINE = b"The filesystem starting at sector 256 with size 763 sectors looks corrupt.\r\n"

# Host tools: how to start each with this interpreter (pip may leave its scripts off PATH).
TOOLS = {
    "mpremote": ("mpremote", [sys.executable, "-m", "mpremote"]),
    "rshell": ("rshell.command_line", [sys.executable, "-c",
               "import sys; from rshell.command_line import main; sys.argv[0] = 'rshell'; "
               "sys.exit(main())"]),
    "ampy": ("ampy.cli", [sys.executable, "-c",
             "import sys; from ampy.cli import cli; sys.argv[0] = 'ampy'; sys.exit(cli())"]),
}


class Fail(Exception):
    pass


# Set by --require-tools (scripts/test): a missing tool is then a failure, not a skip.
REQUIRE_TOOLS = False


class Skip(Exception):
    pass


def check(cond, why):
    if not cond:
        raise Fail(why)


def tail(data, n=300):
    """The end of some output, printable on one line."""
    if isinstance(data, (bytes, bytearray)):
        data = bytes(data).decode("utf-8", "replace")
    data = data[-n:]
    return repr(data)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---------------------------------------------------------------------------------------------
# A connection to UART0: bytes both ways with timeouts, everything received kept in `out`.

class Link:
    def __init__(self, rfd, wfd, closer):
        self.rfd, self.wfd, self.closer = rfd, wfd, closer
        self.out = bytearray()
        self.pos = 0          # where the next wait_for starts looking
        self.eof = False
        os.set_blocking(wfd, False)

    def _pump(self, timeout, pending=b""):
        """Reads (and writes `pending`) for up to `timeout` s; returns what is left to write."""
        timeout = max(0.0, timeout)   # a caller's deadline may already have passed under load
        if self.eof:
            if pending:
                raise Fail("UART closed with %d bytes still to send" % len(pending))
            time.sleep(min(timeout, 0.05))
            return pending
        wl = [self.wfd] if pending else []
        r, w, _ = select.select([self.rfd], wl, [], timeout)
        if r:
            try:
                chunk = os.read(self.rfd, 65536)
            except (BlockingIOError, InterruptedError):
                chunk = None
            except OSError:
                chunk = b""
            if chunk == b"":
                self.eof = True
            elif chunk:
                self.out += chunk
        if w and pending:
            try:
                n = os.write(self.wfd, pending[:65536])
                pending = pending[n:]
            except (BlockingIOError, InterruptedError):
                pass
        return pending

    def send(self, data, timeout=60):
        """Writes all of `data`, reading the board's output meanwhile (so it never blocks)."""
        end = time.monotonic() + timeout
        data = bytes(data)
        while data:
            left = end - time.monotonic()
            if left <= 0:
                raise Fail("timed out sending to UART0 (%d bytes left); output %s" % (len(data), tail(self.out)))
            data = self._pump(min(left, 0.5), data)

    def wait_for(self, pattern, timeout=10, what=None):
        """Waits for bytes (or a compiled regex) after the last match; returns the match's end."""
        end = time.monotonic() + timeout
        while True:
            if isinstance(pattern, bytes):
                i = self.out.find(pattern, self.pos)
                if i >= 0:
                    self.pos = i + len(pattern)
                    return self.pos
            else:
                m = pattern.search(self.out, self.pos)
                if m:
                    self.pos = m.end()
                    return self.pos
            left = end - time.monotonic()
            if left <= 0 or self.eof:
                raise Fail("%s not seen within %ss%s; got %s" % (
                    what or repr(pattern if isinstance(pattern, bytes) else pattern.pattern),
                    timeout, " (UART closed)" if self.eof else "", tail(self.out[self.pos:])))
            self._pump(min(left, 0.2))

    def read_for(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end and not self.eof:
            self._pump(end - time.monotonic())

    def settle(self, quiet=0.3, limit=10):
        """Reads until nothing has arrived for `quiet` s (at most `limit` s)."""
        end = time.monotonic() + limit
        n = -1
        while time.monotonic() < end and n != len(self.out) and not self.eof:
            n = len(self.out)
            stop = time.monotonic() + quiet
            while time.monotonic() < stop and not self.eof:
                self._pump(stop - time.monotonic())

    def command(self, line, expect, timeout=10):
        """Types a line at the friendly REPL and waits for `expect` and the next prompt."""
        self.send(line.encode() + b"\r")
        self.wait_for(expect, timeout)
        self.wait_for(PROMPT, timeout)

    def close(self):
        self.closer()


# ---------------------------------------------------------------------------------------------
# A board process.

class Board:
    def __init__(self, ctx, flash, uart):
        self.ctx, self.flash, self.uart = ctx, flash, uart
        ctx.n_boards += 1
        self.errpath = os.path.join(ctx.tmp, "board%d.stderr" % ctx.n_boards)
        self.link = None
        self.stopped = False
        args = [ctx.esp8266, "run", "--flash", flash]
        if uart == "tcp":
            args += ["--uart", "tcp:0"]
        elif uart == "pty":
            self.tty = os.path.join(ctx.tmp, "tty%d" % ctx.n_boards)
            args += ["--uart", "pty:" + self.tty]
        else:
            args += ["--uart", "stdio"]
        self.err = open(self.errpath, "wb")
        stdio = uart == "stdio"
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE if stdio else subprocess.DEVNULL,
                                     stdout=subprocess.PIPE if stdio else subprocess.DEVNULL,
                                     stderr=self.err, cwd=ctx.tmp)
        ctx.boards.append(self)
        if stdio:
            self.link = Link(self.proc.stdout.fileno(), self.proc.stdin.fileno(), lambda: None)
            return
        # Wait for the line naming the port or terminal.
        end = time.monotonic() + 15
        while True:
            text = self.stderr()
            if uart == "tcp":
                m = re.search(r"socket://127\.0\.0\.1:(\d+)", text)
                if m:
                    self.port = int(m.group(1))
                    self.url = "socket://127.0.0.1:%d" % self.port
                    break
            elif "UART0 is on" in text and os.path.islink(self.tty):
                self.url = self.tty
                break
            if self.proc.poll() is not None:
                raise Fail("board exited with status %s before serving UART0: %s"
                           % (self.proc.returncode, tail(text)))
            if time.monotonic() > end:
                raise Fail("board did not announce UART0 within 15 s: %s" % tail(text))
            time.sleep(0.02)

    def stderr(self):
        with open(self.errpath, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def connect(self, timeout=10):
        """A raw connection to UART0 (tcp or pty); the stdio board has one from the start."""
        if self.uart == "stdio":
            return self.link
        if self.uart == "tcp":
            end = time.monotonic() + timeout
            while True:
                try:
                    s = socket.create_connection(("127.0.0.1", self.port), timeout=2)
                    break
                except OSError as e:
                    if time.monotonic() > end:
                        raise Fail("cannot connect to %s: %s" % (self.url, e))
                    time.sleep(0.05)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.setblocking(False)
            link = Link(s.fileno(), s.fileno(), s.close)
            link.sock = s
        else:
            fd = os.open(self.tty, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(fd, termios.TCSANOW)
            link = Link(fd, fd, lambda: os.close(fd))
        self.ctx.links.append(link)
        return link

    def finish_stdio(self, timeout=15):
        """Ends a stdio board the way a pipe ends: close its input, it exits once it has read it."""
        self.link.read_for(0)
        self.proc.stdin.close()
        end = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > end:
                raise Fail("board did not exit within %ss after its input ended" % timeout)
            self.link._pump(0.1)
        self.link.read_for(0)
        self.stopped = True
        check(self.proc.returncode == 0, "board exited with status %s after its input ended: %s"
              % (self.proc.returncode, tail(self.stderr())))

    def kill(self):
        """Pulls the power (the flash image keeps every completed write)."""
        crashed = None
        if self.proc.poll() is not None and not self.stopped:
            crashed = "board exited by itself with status %s: %s" % (self.proc.returncode, tail(self.stderr()))
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            if f:
                try:
                    f.close()
                except OSError:
                    pass
        self.err.close()
        self.stopped = True
        return crashed


# ---------------------------------------------------------------------------------------------
# One test's world: a temporary folder, its boards, the tools.

class Ctx:
    def __init__(self, bin_dir, verbose):
        self.esp8266 = os.path.join(os.path.abspath(bin_dir), "esp8266")
        self.verbose = verbose
        self.tmp = tempfile.mkdtemp(prefix="boardtest-")
        self.boards, self.links = [], []
        self.n_boards = 0

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, data):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return p

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def esp(self, *args, timeout=30, ok=True):
        p = subprocess.run([self.esp8266, *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, cwd=self.tmp)
        if ok and p.returncode != 0:
            raise Fail("esp8266 %s: status %d: %s" % (" ".join(args), p.returncode, tail(p.stderr)))
        return p

    def image(self, files=None, name="flash.bin"):
        """A formatted 4 MiB image (littlefs, no boot.py) holding `files` {path: bytes}."""
        img = self.path(name)
        self.esp("flash", "mkfs", "--flash", img)
        for remote, data in (files or {}).items():
            parts = remote.strip("/").split("/")
            if len(parts) > 1:
                self.esp("fs", "mkdir", "-p", "--flash", img, "/" + "/".join(parts[:-1]))
            local = self.write("put-src/" + parts[-1], data)
            self.esp("fs", "put", "--flash", img, local, "/" + "/".join(parts))
        return img

    def board(self, flash, uart="tcp"):
        return Board(self, flash, uart)

    def tool(self, name, *args, timeout=60, ok=True):
        module, cmd = TOOLS[name]
        if importlib.util.find_spec(module.split(".")[0]) is None:
            raise (Fail if REQUIRE_TOOLS else Skip)("%s is not installed (python3 -m pip install %s)"
                       % (name, {"ampy": "adafruit-ampy"}.get(name, name)))
        try:
            p = subprocess.run(cmd + list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout, cwd=self.tmp)
        except subprocess.TimeoutExpired:
            raise Fail("%s %s: timed out after %ss" % (name, " ".join(args), timeout))
        if self.verbose:
            print("  $ %s %s -> %d\n    stdout %s\n    stderr %s" % (name, " ".join(args), p.returncode,
                  tail(p.stdout, 400), tail(p.stderr, 400)))
        if ok and p.returncode != 0:
            raise Fail("%s %s: status %d: %s %s" % (name, " ".join(args), p.returncode,
                                                     tail(p.stdout), tail(p.stderr)))
        return p

    def mpremote(self, board, *args, **kw):
        return self.tool("mpremote", "connect", board.url, *args, **kw)

    def listing(self, img):
        """`esp8266 fs ls -r` of an image (no board running on it)."""
        return self.esp("fs", "ls", "-r", "--flash", img).stdout.decode()

    def files(self, img):
        """{path: sha256} of every file in an image, fetched with `esp8266 fs get -r`."""
        dest = tempfile.mkdtemp(prefix="get-", dir=self.tmp)
        self.esp("fs", "get", "-r", "--flash", img, "/", dest)
        out = {}
        for root, _, names in os.walk(dest):
            for n in names:
                p = os.path.join(root, n)
                out["/" + os.path.relpath(p, dest)] = sha(p)
        shutil.rmtree(dest)
        return out

    def cleanup(self):
        problems = []
        for link in self.links:
            try:
                link.close()
            except OSError:
                pass
        for b in self.boards:
            crashed = b.kill()
            if crashed:
                problems.append(crashed)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return problems


# ---------------------------------------------------------------------------------------------
# The tests. Each is a function of a fresh Ctx; registered with its name (and variants).

TESTS = []


def test(name, **variants):
    """Registers a test; with variants (`tcp="tcp", pty="pty"`) once per variant as name.variant."""
    def register(fn):
        if variants:
            for suffix, arg in variants.items():
                TESTS.append((name.replace("*", suffix), lambda ctx, fn=fn, arg=arg: fn(ctx, arg)))
        else:
            TESTS.append((name, fn))
        return fn
    return register


BOTH = dict(tcp="tcp", pty="pty")

# mpremote, against UART0 on TCP and on a pseudo-terminal.

@test("mpremote.*.fs_ls", **BOTH)
def mpremote_fs_ls(ctx, uart):
    img = ctx.image({"/a.txt": b"alpha\n", "/sub/b.bin": bytes(range(256)) * 4})
    b = ctx.board(img, uart)
    out = ctx.mpremote(b, "fs", "ls").stdout.decode()
    check(re.search(r"^\s*6 a\.txt$", out, re.M), "fs ls: no '6 a.txt' line in %s" % tail(out))
    check(re.search(r"^\s*0 sub/$", out, re.M), "fs ls: no '0 sub/' line in %s" % tail(out))
    out = ctx.mpremote(b, "fs", "ls", ":sub").stdout.decode()
    check(re.search(r"^\s*1024 b\.bin$", out, re.M), "fs ls :sub: no '1024 b.bin' in %s" % tail(out))


@test("mpremote.*.fs_cp", **BOTH)
def mpremote_fs_cp(ctx, uart):
    img = ctx.image()
    data = os.urandom(100 * 1024)
    ctx.write("up.bin", data)
    b = ctx.board(img, uart)
    ctx.mpremote(b, "fs", "cp", "up.bin", ":big.bin", timeout=120)
    ctx.mpremote(b, "fs", "cp", ":big.bin", "down.bin", timeout=120)
    check(ctx.read("down.bin") == data, "fs cp: the file copied back differs from the one sent")
    out = ctx.mpremote(b, "exec", "import os; print(os.stat('big.bin')[6])").stdout
    check(out.strip() == b"102400", "size on the board: %s" % tail(out))
    b.kill()
    ctx.esp("fs", "get", "--flash", img, "/big.bin", ctx.path("fromimage.bin"))
    check(ctx.read("fromimage.bin") == data, "the image holds different bytes than were sent")


@test("mpremote.*.fs_cat", **BOTH)
def mpremote_fs_cat(ctx, uart):
    text = "line one\nline two: \u00e9\u20ac\n" + "x" * 3000 + "\nend\n"
    img = ctx.image({"/notes.txt": text.encode()})
    b = ctx.board(img, uart)
    out = ctx.mpremote(b, "fs", "cat", ":notes.txt").stdout
    # mpremote prints the file with print(chunk, end=''): UART0's text output turns "\n" into
    # "\r\n", as mp_hal_stdout_tx_strn_cooked does on the chip.
    want = text.replace("\n", "\r\n").encode()
    check(out == want, "fs cat printed %s, not %s" % (tail(out), tail(want)))


@test("mpremote.*.fs_rm", **BOTH)
def mpremote_fs_rm(ctx, uart):
    img = ctx.image({"/gone.txt": b"bye", "/stays.txt": b"hi"})
    b = ctx.board(img, uart)
    ctx.mpremote(b, "fs", "rm", ":gone.txt")
    out = ctx.mpremote(b, "fs", "ls").stdout.decode()
    check("gone.txt" not in out and "stays.txt" in out, "fs ls after rm: %s" % tail(out))
    p = ctx.mpremote(b, "fs", "rm", ":gone.txt", ok=False)
    check(p.returncode != 0, "removing a missing file succeeded")
    b.kill()
    listing = ctx.listing(img)
    check("gone.txt" not in listing and "stays.txt" in listing, "image after rm: %s" % tail(listing))


@test("mpremote.*.fs_mkdir", **BOTH)
def mpremote_fs_mkdir(ctx, uart):
    img = ctx.image()
    b = ctx.board(img, uart)
    ctx.mpremote(b, "fs", "mkdir", ":newdir")
    ctx.write("inner.txt", b"inside")
    ctx.mpremote(b, "fs", "cp", "inner.txt", ":newdir/inner.txt")
    out = ctx.mpremote(b, "fs", "ls").stdout.decode()
    check(re.search(r"^\s*0 newdir/$", out, re.M), "fs ls after mkdir: %s" % tail(out))
    out = ctx.mpremote(b, "fs", "cat", ":newdir/inner.txt").stdout
    check(out == b"inside", "fs cat :newdir/inner.txt: %s" % tail(out))
    b.kill()
    listing = ctx.listing(img)
    check("newdir" in listing and "inner.txt" in listing, "image after mkdir: %s" % tail(listing))


@test("mpremote.*.run", **BOTH)
def mpremote_run(ctx, uart):
    img = ctx.image()
    ctx.write("prog.py", "import sys\nt = 0\nfor i in range(1, 101):\n    t += i * i\n"
                         "print('sum of squares', t)\nprint(sys.platform)\n")
    b = ctx.board(img, uart)
    out = ctx.mpremote(b, "run", "prog.py").stdout
    check(out.replace(b"\r\n", b"\n") == b"sum of squares 338350\nesp8266\n", "run printed %s" % tail(out))
    p = ctx.write("bad.py", "print('before')\nraise ValueError('from run')\n")
    p = ctx.mpremote(b, "run", "bad.py", ok=False)
    both = p.stdout + p.stderr
    check(p.returncode != 0 and b"ValueError: from run" in both,
          "run of a raising program: status %d, %s" % (p.returncode, tail(both)))


@test("mpremote.tcp.native_mpy")
def mpremote_native_mpy(ctx):
    # A .mpy holding Xtensa machine code (mpy-cross -march=xtensa, as a package built for the
    # board ships it) runs from the board's filesystem.
    mpy = os.path.join(HERE, "..", "Python", "native", "lib", "xtensa_mod.mpy")
    with open(mpy, "rb") as f:
        img = ctx.image({"/lib/xtensa_mod.mpy": f.read()})
    b = ctx.board(img, "tcp")
    out = ctx.mpremote(b, "exec", "import xtensa_mod as m; print(m.mix(7, 3), m.checksum(b'abc', 3), "
                                  "m.words('a b'), list(m.chain(1)))").stdout
    want = b"369 590 ['a', 'b'] [0, 'returned 1']"
    check(want in out, "native .mpy on the board printed %s" % tail(out))


@test("mpremote.*.exec", **BOTH)
def mpremote_exec(ctx, uart):
    img = ctx.image()
    b = ctx.board(img, uart)
    out = ctx.mpremote(b, "exec", "print(sum(range(10)))\nprint('two', 'lines')").stdout
    check(out.replace(b"\r\n", b"\n") == b"45\ntwo lines\n", "exec printed %s" % tail(out))
    p = ctx.mpremote(b, "exec", "1/0", ok=False)
    check(p.returncode != 0 and b"ZeroDivisionError" in p.stdout + p.stderr,
          "exec 1/0: status %d, %s" % (p.returncode, tail(p.stdout + p.stderr)))


@test("mpremote.*.eval", **BOTH)
def mpremote_eval(ctx, uart):
    img = ctx.image()
    b = ctx.board(img, uart)
    out = ctx.mpremote(b, "eval", "6*7").stdout
    check(out.strip() == b"42", "eval 6*7 printed %s" % tail(out))
    out = ctx.mpremote(b, "eval", "[2**70, 'x' * 3, 1.5]").stdout
    check(out.strip() == b"[1180591620717411303424, 'xxx', 1.5]", "eval printed %s" % tail(out))


@test("mpremote.*.soft_reset", **BOTH)
def mpremote_soft_reset(ctx, uart):
    img = ctx.image()
    b = ctx.board(img, uart)
    out = ctx.mpremote(b, "exec", "x = 123", "eval", "x").stdout
    check(out.strip() == b"123", "x kept within one session: %s" % tail(out))
    p = ctx.mpremote(b, "exec", "x = 123", "soft-reset", "eval", "x", ok=False)
    check(p.returncode != 0 and b"NameError" in p.stdout + p.stderr,
          "x survived soft-reset: status %d, %s" % (p.returncode, tail(p.stdout + p.stderr)))


@test("mpremote.*.reset", **BOTH)
def mpremote_reset(ctx, uart):
    img = ctx.image()
    b = ctx.board(img, uart)
    # `reset` runs machine.reset() without waiting for an answer; the hard reset must have
    # wiped x (a missing machine module would leave it there), and the board answers again.
    ctx.mpremote(b, "exec", "x = 5", "reset")
    time.sleep(0.5)
    out = ctx.mpremote(b, "resume", "exec", "print('x' in globals())").stdout
    check(out.strip() == b"False", "after reset, 'x' in globals() printed %s" % tail(out))
    out = ctx.mpremote(b, "eval", "6*7").stdout
    check(out.strip() == b"42", "after reset, eval 6*7 printed %s" % tail(out))


@test("mpremote.*.resume", **BOTH)
def mpremote_resume(ctx, uart):
    img = ctx.image()
    b = ctx.board(img, uart)
    ctx.mpremote(b, "exec", "kept = [1, 2, 3]")
    out = ctx.mpremote(b, "resume", "eval", "kept").stdout
    check(out.strip() == b"[1, 2, 3]", "resume eval kept printed %s" % tail(out))
    # Without resume, mpremote soft-resets first: the name is gone.
    p = ctx.mpremote(b, "eval", "kept", ok=False)
    check(p.returncode != 0 and b"NameError" in p.stdout + p.stderr,
          "without resume: status %d, %s" % (p.returncode, tail(p.stdout + p.stderr)))


@test("mpremote.*.mount", **BOTH)
def mpremote_mount(ctx, uart):
    img = ctx.image()
    # (No __file__: the ESP8266 build has none.)
    ctx.write("host/x.py", "import os\nprint('imported from /remote/x.py', sorted(os.listdir('/remote')))\n")
    ctx.write("host/data.txt", "host data")
    b = ctx.board(img, uart)
    p = ctx.mpremote(b, "mount", ctx.path("host"), "exec", "import x", timeout=30, ok=False)
    out = (p.stdout + p.stderr).replace(b"\r\n", b"\n")
    check(b"imported from /remote/x.py ['data.txt', 'x.py']" in out,
          "mount: status %d, %s" % (p.returncode, tail(out)))
    check(p.returncode == 0, "mount: status %d, %s" % (p.returncode, tail(out)))


@test("mpremote.*.mount_write", **BOTH)
def mpremote_mount_write(ctx, uart):
    # The board reads, writes, renames and removes host files through the mount.
    img = ctx.image()
    ctx.write("host/data.txt", "host data\n")
    ctx.write("host/old.txt", "to be removed")
    b = ctx.board(img, uart)
    code = ("import os\n"
            "print(open('data.txt').read().strip())\n"
            "f = open('/remote/out.bin', 'wb'); f.write(bytes(range(256)) * 40); f.close()\n"
            "os.mkdir('/remote/newdir')\n"
            "print(sorted(os.listdir()), os.stat('out.bin')[6])\n"
            "os.rename('out.bin', 'newdir/moved.bin')\n"
            "os.remove('old.txt')\n"
            "print('done')\n")
    p = ctx.mpremote(b, "mount", ctx.path("host"), "exec", code, timeout=30, ok=False)
    out = (p.stdout + p.stderr).replace(b"\r\n", b"\n")
    check(p.returncode == 0 and b"host data\n['data.txt', 'newdir', 'old.txt', 'out.bin'] 10240\ndone\n" in out,
          "mount: status %d, %s" % (p.returncode, tail(out)))
    check(sorted(os.listdir(ctx.path("host"))) == ["data.txt", "newdir"],
          "host folder afterwards: %s" % sorted(os.listdir(ctx.path("host"))))
    check(ctx.read("host/newdir/moved.bin") == bytes(range(256)) * 40, "the file written through the mount differs")
    b.kill()
    check(ctx.files(img) == {}, "the board's own filesystem changed: %s" % ctx.files(img))


# rshell and ampy, against a pseudo-terminal.

@test("rshell.ls")
def rshell_ls(ctx):
    img = ctx.image({"/one.txt": b"1", "/dir/two.txt": b"22"})
    b = ctx.board(img, "pty")
    out = ctx.tool("rshell", "-p", b.url, "--quiet", "ls", "/pyboard").stdout.decode()
    names = out.split()
    check("one.txt" in names and "dir/" in names, "rshell ls /pyboard: %s" % tail(out))
    out = ctx.tool("rshell", "-p", b.url, "--quiet", "ls", "/pyboard/dir").stdout.decode()
    check(out.split() == ["two.txt"], "rshell ls /pyboard/dir: %s" % tail(out))


@test("rshell.cp")
def rshell_cp(ctx):
    img = ctx.image({"/onboard.bin": bytes(random.Random(7).getrandbits(8) for _ in range(5000))})
    data = os.urandom(16 * 1024)
    ctx.write("up.bin", data)
    b = ctx.board(img, "pty")
    ctx.tool("rshell", "-p", b.url, "--quiet", "cp", "up.bin", "/pyboard/up.bin", timeout=120)
    ctx.tool("rshell", "-p", b.url, "--quiet", "cp", "/pyboard/up.bin", "back.bin", timeout=120)
    check(ctx.read("back.bin") == data, "rshell cp: the file copied back differs")
    ctx.tool("rshell", "-p", b.url, "--quiet", "cp", "/pyboard/onboard.bin", "onboard.bin", timeout=120)
    want = bytes(random.Random(7).getrandbits(8) for _ in range(5000))
    check(ctx.read("onboard.bin") == want, "rshell cp from the board: bytes differ")
    b.kill()
    ctx.esp("fs", "get", "--flash", img, "/up.bin", ctx.path("fromimage.bin"))
    check(ctx.read("fromimage.bin") == data, "the image holds different bytes than rshell sent")


@test("ampy.ls")
def ampy_ls(ctx):
    img = ctx.image({"/one.txt": b"1", "/dir/two.txt": b"22"})
    b = ctx.board(img, "pty")
    out = ctx.tool("ampy", "-p", b.url, "ls").stdout.decode().split()
    check(sorted(out) == ["/dir", "/one.txt"], "ampy ls: %s" % out)
    out = ctx.tool("ampy", "-p", b.url, "ls", "-r").stdout.decode().split()
    check(sorted(out) == ["/dir/two.txt", "/one.txt"], "ampy ls -r: %s" % out)


@test("ampy.put_get")
def ampy_put_get(ctx):
    img = ctx.image()
    data = os.urandom(20 * 1024)
    ctx.write("up.bin", data)
    b = ctx.board(img, "pty")
    ctx.tool("ampy", "-p", b.url, "put", "up.bin", "stored.bin", timeout=120)
    out = ctx.tool("ampy", "-p", b.url, "get", "stored.bin", "back.bin", timeout=120)
    check(ctx.read("back.bin") == data, "ampy get: the file differs from what was put")
    b.kill()
    ctx.esp("fs", "get", "--flash", img, "/stored.bin", ctx.path("fromimage.bin"))
    check(ctx.read("fromimage.bin") == data, "the image holds different bytes than ampy put")


@test("ampy.run")
def ampy_run(ctx):
    img = ctx.image()
    ctx.write("prog.py", "for i in range(3):\n    print('tick', i * i)\nprint(len(bytearray(500)))\n")
    b = ctx.board(img, "pty")
    out = ctx.tool("ampy", "-p", b.url, "run", "prog.py").stdout
    check(out.replace(b"\r\n", b"\n") == b"tick 0\ntick 1\ntick 4\n500\n", "ampy run printed %s" % tail(out))


# Boot.

def first_boot(ctx, img):
    """Boots an erased (new) image on stdio to the prompt; returns the board and its output."""
    b = ctx.board(img, "stdio")
    b.link.wait_for(PROMPT, 20, "the first prompt")
    return b, bytes(b.link.out)


@test("boot.first_boot")
def boot_first_boot(ctx):
    img = ctx.path("new.bin")
    b, out = first_boot(ctx, img)
    check(os.path.getsize(img) == 4 * 1024 * 1024, "new image is %d bytes" % os.path.getsize(img))
    check(out.count(b"Performing initial setup\r\n") == 1, "no 'Performing initial setup' in %s" % tail(out))
    check(BOOT_END.search(out), "not a blank line, the banner and the prompt at the end: %s" % tail(out))
    b.finish_stdio()
    listing = ctx.listing(img)
    files = ctx.files(img)
    check(list(files) == ["/boot.py"], "files after the first boot: %s (ls -r: %s)" % (list(files), tail(listing)))
    ctx.esp("fs", "get", "--flash", img, "/boot.py", ctx.path("boot.py"))
    got = ctx.read("boot.py")
    check(got == DEFAULT_BOOT_PY, "boot.py differs from the default: %s" % tail(got, 500))


@test("boot.default_boot_py_runs")
def boot_default_boot_py_runs(ctx):
    # The default boot.py (import os, machine; gc.collect()) runs without an error.
    img = ctx.path("new.bin")
    b, out = first_boot(ctx, img)
    check(b"Traceback" not in out, "the first boot printed a traceback: %s" % tail(out, 500))
    b.link.send(b"\x04")
    b.link.wait_for(b"MPY: soft reboot\r\n", 10)
    b.link.wait_for(PROMPT, 10)
    out = bytes(b.link.out[b.link.out.find(b"MPY: soft reboot"):])
    check(b"Traceback" not in out, "the boot after Ctrl-D printed a traceback: %s" % tail(out, 500))


@test("boot.second_boot")
def boot_second_boot(ctx):
    img = ctx.path("new.bin")
    b, out = first_boot(ctx, img)
    b.link.command("f = open('kept.txt', 'w'); f.write('persisted ' * 3); f.close()", b"\r\n")
    b.link.command("import os; os.mkdir('kdir')", b"\r\n")
    b.finish_stdio()
    b2 = ctx.board(img, "stdio")
    b2.link.wait_for(PROMPT, 20, "the prompt of the second run")
    out = bytes(b2.link.out)
    check(b"Performing initial setup" not in out, "the second run set up again: %s" % tail(out))
    check(BOOT_END.search(out), "not a blank line, the banner and the prompt at the end: %s" % tail(out))
    b2.link.command("print(open('kept.txt').read())", b"persisted persisted persisted \r\n")
    b2.link.command("print(sorted(os.listdir()))", b"['boot.py', 'kdir', 'kept.txt']\r\n")
    b2.finish_stdio()
    files = ctx.files(img)
    check(sorted(files) == ["/boot.py", "/kept.txt"], "files in the image: %s" % sorted(files))


@test("boot.piped_input_at_power_on")
def boot_piped_input_at_power_on(ctx):
    # Input piped in before the board has booted waits in UART0 for the REPL, and the board
    # exits once it has been consumed. Several runs: losing it is a race with the boot.
    img = ctx.image()
    for attempt in range(8):
        p = subprocess.run([ctx.esp8266, "run", "--flash", img, "--uart", "stdio"], cwd=ctx.tmp,
                           input=b"x = 6 * 7\rprint('answer', x)\r", stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=20)
        check(p.returncode == 0, "status %d: %s" % (p.returncode, tail(p.stderr)))
        check(b"answer 42\r\n" in p.stdout, "run %d of 8: the piped lines were not run: %s"
              % (attempt + 1, tail(p.stdout)))


@test("boot.terminal_ctrl_bracket_quits")
def boot_terminal_ctrl_bracket_quits(ctx):
    # --uart stdio on a terminal: the terminal goes raw while the board runs, Ctrl-] quits
    # (status 0) and the terminal's settings come back.
    img = ctx.image()
    master, slave = pty.openpty()
    try:
        before = termios.tcgetattr(slave)
        proc = subprocess.Popen([ctx.esp8266, "run", "--flash", img, "--uart", "stdio"], stdin=slave,
                                stdout=slave, stderr=subprocess.PIPE, cwd=ctx.tmp)
        link = Link(master, master, lambda: None)
        try:
            link.send(b"\r")
            link.wait_for(PROMPT, 20)
            link.command("print(6*7)", b"42\r\n")
            raw = termios.tcgetattr(slave)
            check(not raw[3] & termios.ECHO and not raw[3] & termios.ICANON, "the terminal is not raw")
            link.send(b"\x1d")
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                raise Fail("Ctrl-] did not quit within 10 s")
            check(proc.returncode == 0, "status %d after Ctrl-]: %s" % (proc.returncode, tail(proc.stderr.read())))
            check(termios.tcgetattr(slave) == before, "the terminal's settings were not restored")
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(10)
            proc.stderr.close()
    finally:
        os.close(slave)
        os.close(master)


MAIN_GPIO2 = """\
import machine
p = machine.Pin(2, machine.Pin.OUT)
p.value(not p.value())
print('main.py ran: GPIO2 =', p.value())
"""


@test("boot.main_py_gpio2")
def boot_main_py_gpio2(ctx):
    img = ctx.image({"/main.py": MAIN_GPIO2.encode()})
    b = ctx.board(img, "stdio")
    marker = re.compile(rb"main\.py ran: GPIO2 = [01]\r\n")

    def ran(when):
        # main.py's line, then the prompt (a traceback or a missing line fails at once).
        start = b.link.pos
        b.link.wait_for(PROMPT, 20, "the prompt " + when)
        check(marker.search(b.link.out, start), "main.py did not run %s: %s" % (when, tail(b.link.out[start:])))

    ran("at power-on")
    b.link.send(b"\x04")
    b.link.wait_for(b"MPY: soft reboot\r\n", 10)
    ran("after Ctrl-D")
    b.link.send(b"import machine; machine.reset()\r")
    b.link.wait_for(BANNER, 20, "the banner after machine.reset()")
    b.link.pos = b.link.out.find(b"machine.reset()")
    ran("after machine.reset()")
    out = bytes(b.link.out)
    check(b"Traceback" not in out, "a traceback: %s" % tail(out, 500))
    values = re.findall(rb"GPIO2 = ([01])", out)
    check(len(values) == 3, "main.py ran %d times: %s" % (len(values), tail(out, 500)))


@test("boot.reset_causes")
def boot_reset_causes(ctx):
    # main.py reports machine.reset_cause() at every boot: power-on 0 (PWRON_RESET), deep
    # sleep woken by the RTC alarm 5 (DEEPSLEEP_RESET) about a second later, machine.reset()
    # 4 (SOFT_RESET); a soft reboot keeps the last one.
    img = ctx.image({"/main.py": b"import machine\nprint('cause', machine.reset_cause())\n"})
    b = ctx.board(img, "stdio")
    link = b.link

    def cause(n, when, timeout=10):
        link.wait_for(re.compile(rb"cause \d+\r\n"), timeout, "main.py's line " + when)
        got = link.out[:link.pos].rsplit(b"cause ", 1)[1].strip()
        check(got == str(n).encode(), "reset_cause() %s is %s, not %d" % (when, got.decode(), n))
        link.wait_for(PROMPT, 10)

    cause(0, "at power-on", 20)
    link.send(b"import machine; rtc = machine.RTC(); rtc.irq(trigger=rtc.ALARM0, wake=machine.DEEPSLEEP); "
              b"rtc.alarm(rtc.ALARM0, 1000); machine.deepsleep()\r")
    link.wait_for(b"machine.deepsleep()\r\n", 10)
    t0 = time.monotonic()
    cause(5, "after deep sleep")
    slept = time.monotonic() - t0
    check(0.9 <= slept <= 4, "woke %.2f s after machine.deepsleep() with a 1000 ms alarm" % slept)
    link.send(b"machine.reset()\r")
    link.wait_for(b"machine.reset()\r\n", 10)
    cause(4, "after machine.reset()")
    link.send(b"\x04")
    link.wait_for(b"MPY: soft reboot\r\n", 10)
    cause(4, "after a soft reboot")


@test("repl.watchdog_resets")
def repl_watchdog_resets(ctx):
    # machine.WDT stops the SDK feeding its software watchdog: unfed for its 5 s, the chip
    # restarts with the software watchdog's reason, 3; try/finally does not stop a restart.
    img = ctx.image({"/main.py": b"import machine\nprint('cause', machine.reset_cause())\n"})
    b = ctx.board(img, "stdio")
    link = b.link
    link.wait_for(b"cause 0\r\n", 20, "the power-on cause")
    link.wait_for(PROMPT, 10)
    link.send(b"w = machine.WDT()\r")
    link.wait_for(PROMPT, 10)
    t0 = time.monotonic()
    link.send(b"try:\r while True: pass\rfinally:\r print('finally ran')\r\r")
    link.wait_for(b"cause 3\r\n", 15, "main.py's line after the watchdog reset")
    waited = time.monotonic() - t0
    check(4 <= waited <= 10, "the watchdog bit after %.1f s (its timeout is 5 s)" % waited)
    check(b"\r\nfinally ran\r\n" not in link.out, "a finally clause ran during a chip reset: %s" % tail(link.out))


@test("repl.input_and_ctrl_c")
def repl_input_and_ctrl_c(ctx):
    b = ctx.board(ctx.image(), "stdio")
    link = b.link
    link.wait_for(PROMPT, 20)
    link.send(b"x = input('name? ')\r")
    link.wait_for(b"\r\nname? ", 10)
    link.send(b"bob\r")
    link.wait_for(PROMPT, 10)
    link.send(b"print(repr(x))\r")
    link.wait_for(b"'bob'\r\n", 10, "input()'s line")
    link.wait_for(PROMPT, 10)
    start = link.pos
    link.send(b"input('again? ')\r")
    link.wait_for(b"\r\nagain? ", 10)
    link.send(b"\x03")
    link.wait_for(b"KeyboardInterrupt", 10, "KeyboardInterrupt from Ctrl-C in input()")
    check(b"EOFError" not in link.out[start:], "Ctrl-C in input() gave EOFError: %s" % tail(link.out[start:]))
    link.wait_for(PROMPT, 10)
    link.send(b"import time\rtime.sleep(30)\r")
    time.sleep(0.5)
    link.send(b"\x03")
    link.wait_for(b"KeyboardInterrupt", 10, "KeyboardInterrupt from Ctrl-C in time.sleep()")
    link.wait_for(PROMPT, 10)


@test("repl.exits_and_raw_reset")
def repl_exits_and_raw_reset(ctx):
    # sys.exit() and machine.soft_reset() at the REPL soft-reset the board; a soft reset from the
    # raw REPL comes back in raw mode, without main.py, as mpremote expects.
    img = ctx.image({"/main.py": b"print('main ran')\n"})
    b = ctx.board(img, "stdio")
    link = b.link
    link.wait_for(PROMPT, 20)
    for cmd in (b"import sys; sys.exit()\r", b"import machine; machine.soft_reset()\r"):
        link.send(cmd)
        link.wait_for(b"MPY: soft reboot\r\nmain ran\r\n", 10, "a soft reboot from " + cmd.decode().strip())
        link.wait_for(PROMPT, 10)
    link.send(b"\x01")
    link.wait_for(b"raw REPL; CTRL-B to exit\r\n>", 10)
    start = link.pos
    link.send(b"\x04")
    link.wait_for(b"OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>", 10, "raw mode after the reset")
    check(b"main ran" not in link.out[start:], "main.py ran after a raw-REPL soft reset")
    link.send(b"print(6*7)\x04")
    link.wait_for(b"OK42\r\n\x04\x04>", 10, "the raw REPL's answer")
    link.send(b"\x02")
    link.wait_for(PROMPT, 10)


@test("repl.dupterm")
def repl_dupterm(ctx):
    # UART0 sits in dupterm slot 1; a stream in slot 0 gets the REPL's output too.
    b = ctx.board(ctx.image(), "stdio")
    link = b.link
    link.wait_for(PROMPT, 20)
    # (Detaching UART0 leaves the REPL deaf and mute, as on the chip: put it back in one line.)
    link.send(b"import os, io; u = os.dupterm(None, 1); os.dupterm(u, 1); print(u, os.dupterm(None, 0))\r")
    link.wait_for(b"UART(0, baudrate=115200, bits=8, parity=None, stop=1, rxbuf=15, timeout=0, timeout_char=1) None\r\n",
                  10, "UART0 in slot 1, slot 0 empty")
    link.wait_for(PROMPT, 10)
    link.send(b"class S(io.IOBase):\r def __init__(self): self.got = b''\r def write(self, b): self.got += b; return len(b)\r def readinto(self, b): return None\r\b\r")
    link.wait_for(PROMPT, 10)
    link.send(b"s = S(); os.dupterm(s, 0); print('to both'); os.dupterm(None, 0); print(b'to both' in s.got)\r")
    link.wait_for(b"True\r\n", 10, "slot 0 receiving the output")
    link.wait_for(PROMPT, 10)


def damage_superblock(img):
    """Overwrites the first 64 bytes of filesystem blocks 0 and 1 with non-0xFF garbage."""
    rng = random.Random(1234)
    with open(img, "r+b") as f:
        for block in (0, 1):
            f.seek(FS_START + block * BLOCK)
            f.write(bytes(rng.randrange(0, 0xFF) for _ in range(64)))


@test("boot.corrupt_filesystem")
def boot_corrupt_filesystem(ctx):
    img = ctx.image({"/main.py": b"print('must not run')\n"})
    damage_superblock(img)
    before = sha(img)
    b = ctx.board(img, "stdio")
    link = b.link
    link.wait_for(CORRUPT_LINE, 15, "the first corrupt-filesystem message")
    t1 = time.monotonic()
    link.wait_for(CORRUPT_LINE, 6, "the second corrupt-filesystem message")
    gap = time.monotonic() - t1
    check(2.7 <= gap <= 4.5, "the message repeated after %.2f s, not about 3 s" % gap)
    out = bytes(link.out)
    first = out.find(CORRUPT_LINE)
    rest = out[first + len(CORRUPT_LINE):].split(b"\r\n")
    check(len(rest) >= 4 and rest[0] and rest[1] and rest[2],
          "the message has fewer than 3 more lines: %s" % tail(out, 500))
    check(PROMPT not in out, "a prompt before Ctrl-C: %s" % tail(out))
    link.send(b"\x03")
    link.wait_for(PROMPT, 10, "the prompt after Ctrl-C")
    check(b"must not run" not in link.out, "main.py ran from a corrupt filesystem")
    link.command("print(6*7)", b"42\r\n")
    b.finish_stdio()
    check(sha(img) == before, "the image changed")


# Bad input.

def repl_answers(link, what, timeout=15):
    """Ctrl-C, Ctrl-B, then `print(6*7)` must print 42 at a friendly prompt."""
    link.send(b"\x03")
    time.sleep(0.2)
    link.send(b"\x03\x02")
    link.settle(0.5, 20)
    link.pos = len(link.out)
    link.send(b"\r")
    link.wait_for(PROMPT, timeout, "a prompt " + what)
    link.send(b"print(6*7)\r")
    link.wait_for(b"42\r\n" + PROMPT, timeout, "42 " + what)


@test("bad.random_1mib")
def bad_random_1mib(ctx, uart="tcp"):
    img = ctx.image({"/keep.txt": b"keep me"})
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    junk = bytes(rng.getrandbits(8) for _ in range(1 << 20))
    b = ctx.board(img, uart)
    link = b.connect()
    link.send(b"\r")
    link.wait_for(PROMPT, 10)
    try:
        link.send(junk, timeout=120)
        repl_answers(link, "after 1 MiB of random bytes", timeout=30)
    except Fail as e:
        raise Fail("%s (random seed %d)" % (e, seed))


@test("bad.random_1mib_pty")
def bad_random_1mib_pty(ctx):
    bad_random_1mib(ctx, "pty")


@test("bad.ctrl_c_flood")
def bad_ctrl_c_flood(ctx):
    img = ctx.image()
    b = ctx.board(img, "tcp")
    link = b.connect()
    link.send(b"\r")
    link.wait_for(PROMPT, 10)
    link.send(b"\x03" * 10000, timeout=60)
    link.settle(0.5, 30)
    link.pos = len(link.out)
    link.send(b"print(6*7)\r")
    link.wait_for(b"42\r\n" + PROMPT, 15, "42 after 10000 Ctrl-C")


def boot_main(ctx, source):
    """Boots a formatted image whose only file is main.py = source, on stdio."""
    img = ctx.image({"/main.py": source.encode()})
    return img, ctx.board(img, "stdio")


@test("bad.main_raises")
def bad_main_raises(ctx):
    img, b = boot_main(ctx, "print('main start')\ndef f():\n    raise ValueError('boom from main')\nf()\n")
    b.link.wait_for(b"main start\r\n", 20)
    b.link.wait_for(b'Traceback (most recent call last):\r\n  File "main.py", line 4, in <module>\r\n'
                    b'  File "main.py", line 3, in f\r\nValueError: boom from main\r\n', 10)
    b.link.wait_for(BANNER, 10)
    b.link.wait_for(PROMPT, 10)
    b.link.command("print(6*7)", b"42\r\n")


@test("bad.main_loops")
def bad_main_loops(ctx):
    img, b = boot_main(ctx, "print('looping')\nwhile True:\n    pass\n")
    b.link.wait_for(b"looping\r\n", 20)
    b.link.read_for(1.0)
    check(PROMPT not in b.link.out, "a prompt while main.py loops: %s" % tail(b.link.out))
    b.link.send(b"\x03")
    b.link.wait_for(b"KeyboardInterrupt", 10)
    b.link.wait_for(PROMPT, 10)
    b.link.command("print(6*7)", b"42\r\n")


@test("bad.main_exhausts_heap")
def bad_main_exhausts_heap(ctx):
    img, b = boot_main(ctx, "l = []\nwhile True:\n    l.append(bytearray(1000))\n")
    b.link.wait_for(b'Traceback (most recent call last):\r\n  File "main.py", line 3, in <module>\r\n'
                    b"MemoryError", 30)
    b.link.wait_for(PROMPT, 10)
    b.link.command("l = None", b"\r\n")
    b.link.command("import gc; gc.collect(); print(6*7, len(bytearray(20000)))", b"42 20000\r\n")


@test("bad.truncated_image")
def bad_truncated_image(ctx):
    img = ctx.write("short.bin", os.urandom(1000))
    before = sha(img)
    try:
        p = subprocess.run([ctx.esp8266, "run", "--flash", img, "--uart", "tcp:0"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20, cwd=ctx.tmp)
    except subprocess.TimeoutExpired:
        raise Fail("esp8266 ran on a 1000-byte image instead of refusing it")
    err = p.stderr.decode("utf-8", "replace")
    check(p.returncode > 0, "exit status %d on a 1000-byte image: %s" % (p.returncode, tail(err)))
    check(p.returncode < 128, "exit status %d (a signal): %s" % (p.returncode, tail(err)))
    check(re.search(r"esp8266: |Error: ", err) and len(err.strip().splitlines()) <= 3,
          "unclear error message: %s" % tail(err, 600))
    check(not re.search(r"Fatal error|Stack dump|Backtrace|0x[0-9a-f]{8,}", err),
          "a crash report: %s" % tail(err, 600))
    check(sha(img) == before, "the image was changed")


@test("bad.files_unchanged")
def bad_files_unchanged(ctx):
    files = {"/boot.py": DEFAULT_BOOT_PY, "/lib/util.py": b"def twice(x):\n    return 2 * x\n",
             "/data/blob.bin": os.urandom(30000), "/data/notes.txt": b"a\nb\nc\n" * 100,
             "/empty.txt": b""}
    img = ctx.image(files)
    ctx.esp("fs", "mkdir", "--flash", img, "/emptydir")
    listing = ctx.listing(img)
    hashes = ctx.files(img)
    check(len(hashes) == len(files), "setup: %s" % sorted(hashes))
    b = ctx.board(img, "tcp")
    ctx.mpremote(b, "fs", "ls", ":data")
    ctx.mpremote(b, "fs", "cat", ":data/notes.txt")
    ctx.mpremote(b, "exec", "import sys; sys.path.append('/lib'); import util; print(util.twice(21))")
    ctx.mpremote(b, "exec", "print(len(open('data/blob.bin', 'rb').read()))")
    ctx.mpremote(b, "soft-reset")
    ctx.mpremote(b, "exec", "open('written.txt', 'w').write('new')")
    ctx.mpremote(b, "exec", "import os; os.stat('data/blob.bin'); os.listdir('/emptydir')")
    b.kill()
    after = ctx.files(img)
    added = sorted(set(after) - set(hashes))
    check(added == ["/written.txt"], "files added: %s" % added)
    for path, h in hashes.items():
        check(after.get(path) == h, "%s changed or vanished" % path)
    now = [l for l in ctx.listing(img).splitlines() if not l.endswith(" written.txt")]
    check(now == listing.splitlines(), "the listing changed: %s -> %s" % (tail(listing), tail("\n".join(now))))


@test("bad.tcp_clients_come_and_go")
def bad_tcp_clients_come_and_go(ctx):
    # A client that hangs up while the board prints does not hurt it; a new client takes over
    # from the old one (which is disconnected), as a new cable would.
    img = ctx.image()
    b = ctx.board(img, "tcp")
    first = b.connect()
    first.send(b"\r")
    first.wait_for(PROMPT, 10)
    first.send(b"for i in range(100000): print('line', i)\r\r")
    first.wait_for(b"line 100\r\n", 10)
    first.sock.close()
    second = b.connect()
    repl_answers(second, "from a second client after the first hung up mid-output", timeout=30)
    third = b.connect()
    repl_answers(third, "from a third client")
    end = time.monotonic() + 5
    while not second.eof and time.monotonic() < end:
        second._pump(0.1)
    check(second.eof, "the second client was not disconnected when the third connected")


@test("bad.image_unchanged_by_reads")
def bad_image_unchanged_by_reads(ctx):
    # Booting, soft resets and reading files write nothing: the image stays byte for byte.
    img = ctx.image({"/boot.py": DEFAULT_BOOT_PY, "/data.txt": b"0123456789" * 500,
                     "/main.py": b"print('main', len(open('data.txt').read()))\n"})
    before = sha(img)
    b = ctx.board(img, "stdio")
    b.link.wait_for(b"main 5000\r\n", 20)
    b.link.wait_for(PROMPT, 10)
    b.link.command("import os; print(sorted(os.listdir()), os.stat('data.txt')[6])",
                   b"['boot.py', 'data.txt', 'main.py'] 5000\r\n")
    b.link.send(b"\x04")
    b.link.wait_for(b"main 5000\r\n", 10)
    b.link.wait_for(PROMPT, 10)
    b.finish_stdio()
    check(sha(img) == before, "the image changed after a session that only read")
    b = ctx.board(img, "tcp")
    ctx.mpremote(b, "fs", "ls")
    ctx.mpremote(b, "fs", "cat", ":data.txt")
    ctx.mpremote(b, "fs", "cp", ":data.txt", "copy.txt")
    ctx.mpremote(b, "reset")
    time.sleep(0.5)
    ctx.mpremote(b, "eval", "len(open('main.py').read())")
    b.kill()
    check(sha(img) == before, "the image changed after mpremote only read")


# ---------------------------------------------------------------------------------------------

def load_xfail(names):
    entries, errors = {}, []
    if not os.path.exists(XFAIL_FILE):
        return entries, errors
    with open(XFAIL_FILE, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) < 2:
                errors.append("expected-failures.txt:%d: no reason given for %s" % (n, parts[0]))
            elif parts[0] not in names:
                errors.append("expected-failures.txt:%d: no such test %s" % (n, parts[0]))
            elif parts[0] in entries:
                errors.append("expected-failures.txt:%d: %s listed twice" % (n, parts[0]))
            else:
                entries[parts[0]] = parts[1]
    return entries, errors


def run_one(name, fn, opts):
    ctx = Ctx(opts.bin_dir, opts.verbose)
    status, reason = "pass", ""
    try:
        fn(ctx)
    except Skip as e:
        status, reason = "skip", str(e)
    except Fail as e:
        status, reason = "fail", str(e)
    except subprocess.TimeoutExpired as e:
        status, reason = "fail", "timed out: %s" % e
    except Exception as e:  # a bug in the test itself still reports as a failure
        status, reason = "fail", "%s: %s" % (type(e).__name__, e)
    finally:
        problems = ctx.cleanup()
    if problems and status != "skip":
        status = "fail"
        reason = "; ".join(([reason] if reason else []) + problems)
    return status, reason


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--require-tools", action="store_true",
                    help="a missing host tool (mpremote, rshell, ampy) fails its tests instead of skipping them")
    ap.add_argument("--bin-dir", default=os.path.join(os.path.dirname(os.path.dirname(HERE)), ".build", "release"),
                    help="the folder holding the esp8266 binary")
    ap.add_argument("-k", dest="filter", default="", help="only tests whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every tool run")
    ap.add_argument("--list", action="store_true", help="list the tests and exit")
    opts = ap.parse_args()
    global REQUIRE_TOOLS
    REQUIRE_TOOLS = opts.require_tools
    opts.bin_dir = os.path.abspath(opts.bin_dir)
    names = [n for n, _ in TESTS]
    if opts.list:
        print("\n".join(names))
        return 0
    xfail, errors = load_xfail(set(names))
    for e in errors:
        print("ERROR: " + e)
    if errors:
        return 2
    if not os.access(os.path.join(opts.bin_dir, "esp8266"), os.X_OK):
        print("ERROR: no esp8266 in %s (build with `swift build -c release`)" % opts.bin_dir)
        return 2
    selected = [(n, f) for n, f in TESTS if opts.filter in n]
    if not selected:
        print("no tests selected")
        return 2
    counts = dict.fromkeys(["pass", "fail", "skip", "xfail", "xpass"], 0)
    started = time.monotonic()
    for name, fn in selected:
        t0 = time.monotonic()
        status, reason = run_one(name, fn, opts)
        if status == "fail" and name in xfail:
            status, reason = "xfail", "%s (%s)" % (xfail[name], reason)
        elif status == "pass" and name in xfail:
            status, reason = "xpass", "listed in expected-failures.txt but passes: remove its line"
        counts[status] += 1
        took = " (%.1f s)" % (time.monotonic() - t0) if opts.verbose else ""
        print("%s %s%s%s" % (status.upper(), name, ": " + reason if reason else "", took))
        sys.stdout.flush()
    failed = counts["fail"] + counts["xpass"]
    print("board: %d xfail (known failures), %d xpass, in %.0f s"
          % (counts["xfail"], counts["xpass"], time.monotonic() - started))
    skipped = counts["skip"] + counts["xfail"]
    print("board: %d passed, %d failed%s" % (counts["pass"], failed,
                                             ", %d skipped" % skipped if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
