#!/usr/bin/env python3
"""Time the virtual board's boot and soft reset, and measure its CPU use at an idle prompt.

usage: boot.py [--esp8266 PATH] [-n RUNS] [--idle SECONDS]

Over N runs, each a fresh `esp8266 --uart tcp:PORT` on an image that has already been through
its first boot (littlefs and the default boot.py, made once in a temporary folder):
  boot        from starting the process to the first ">>> " received over TCP. The client
              connects as soon as the port accepts and at once sends a CR: output sent before
              the connection is lost (as on a UART nobody listens to), so when the boot wins
              the race the prompt that answers the CR is the first one (the board had booted
              by then); otherwise the boot's own prompt comes first and the CR waits its turn.
  soft reset  from sending Ctrl-D at the prompt to the next ">>> ".
  idle CPU    the board's user+system CPU time (/proc/PID/stat) over --idle seconds at the
              prompt, as a percentage of one core.
Prints min / median / max of each. Not part of the tests: it exits 0 unless the board fails.
"""

import argparse
import os
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROMPT = b">>> "


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ticks(pid):
    """utime + stime of a process, in clock ticks."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime 14, stime 15 (1-based).
    return int(fields[11]) + int(fields[12])


def read_until(sock, marker, deadline, buf=b""):
    """Reads until `marker` is in the bytes read; returns (bytes, time it arrived) or (bytes, None)."""
    while marker not in buf:
        left = deadline - time.perf_counter()
        if left <= 0:
            return buf, None
        r, _, _ = select.select([sock], [], [], left)
        if r:
            chunk = sock.recv(65536)
            if not chunk:
                return buf, None
            buf += chunk
    return buf, time.perf_counter()


def first_boot(esp8266, image):
    """Boots a new image once on stdio, so that it is formatted and holds the default boot.py."""
    p = subprocess.Popen([esp8266, "run", "--flash", image, "--uart", "stdio"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, deadline = b"", time.monotonic() + 30
    while PROMPT not in out and time.monotonic() < deadline:
        r, _, _ = select.select([p.stdout], [], [], 0.5)
        if r:
            chunk = os.read(p.stdout.fileno(), 4096)
            if not chunk:
                break
            out += chunk
    p.stdin.close()
    try:
        p.wait(15)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    if PROMPT not in out:
        sys.exit("the first boot did not reach the prompt: %r" % out[-300:])


def one_run(esp8266, image, idle):
    """(boot s, whether the boot's own output was seen, soft reset s, idle CPU %) of one run."""
    port = free_port()
    t0 = time.perf_counter()
    p = subprocess.Popen([esp8266, "run", "--flash", image, "--uart", "tcp:%d" % port],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        sock = None
        while sock is None:
            if p.poll() is not None or time.perf_counter() - t0 > 30:
                raise RuntimeError("the board did not accept a connection: %s" % p.stderr.read()[-300:])
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=1)
            except OSError:
                time.sleep(0.001)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with sock:
            sock.sendall(b"\r")
            buf, t_prompt = read_until(sock, PROMPT, time.perf_counter() + 30)
            if t_prompt is None:
                raise RuntimeError("no prompt: %r" % buf[-300:])
            boot = t_prompt - t0
            # Whose prompt that was: the banner came with it unless the boot had finished.
            caught_boot = b"MicroPython v" in buf
            # Let the answer to the CR arrive too before going on.
            if caught_boot:
                read_until(sock, b"\r\n" + PROMPT, time.perf_counter() + 5, buf[buf.find(PROMPT) + 4:])
            # Soft reset: Ctrl-D at the prompt, until the next prompt after "soft reboot".
            t1 = time.perf_counter()
            sock.sendall(b"\x04")
            buf, _ = read_until(sock, b"soft reboot", t1 + 30, b"")
            buf, t_prompt = read_until(sock, PROMPT, t1 + 30, buf[buf.find(b"soft reboot"):])
            if t_prompt is None:
                raise RuntimeError("no prompt after Ctrl-D: %r" % buf[-300:])
            soft = t_prompt - t1
            # Idle at the prompt.
            hz = os.sysconf("SC_CLK_TCK")
            c0, w0 = cpu_ticks(p.pid), time.perf_counter()
            time.sleep(idle)
            c1, w1 = cpu_ticks(p.pid), time.perf_counter()
            cpu = 100.0 * (c1 - c0) / hz / (w1 - w0)
        return boot, caught_boot, soft, cpu
    finally:
        p.kill()
        p.wait()
        p.stderr.close()


def summary(name, values, unit, scale=1.0, fmt="%.1f"):
    xs = sorted(v * scale for v in values)
    cells = tuple(fmt % v for v in (xs[0], statistics.median(xs), xs[-1]))
    print("%-12s %10s %10s %10s  %s" % ((name,) + cells + (unit,)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--esp8266", default=os.path.join(ROOT, ".build", "release", "esp8266"))
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=5.0, help="seconds at the idle prompt per run")
    opts = ap.parse_args()
    esp8266 = os.path.abspath(opts.esp8266)
    tmp = tempfile.mkdtemp(prefix="bench-boot-")
    try:
        image = os.path.join(tmp, "flash.bin")
        first_boot(esp8266, image)
        results = []
        for i in range(opts.runs):
            results.append(one_run(esp8266, image, opts.idle))
            print("run %d: boot %.1f ms%s, soft reset %.1f ms, idle CPU %.2f%%"
                  % (i + 1, results[-1][0] * 1000, "" if results[-1][1] else " (booted before the connection)",
                     results[-1][2] * 1000, results[-1][3]))
            sys.stdout.flush()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%-12s %10s %10s %10s" % ("", "min", "median", "max"))
    summary("boot", [r[0] for r in results], "ms to the first prompt over TCP", 1000)
    summary("soft reset", [r[2] for r in results], "ms from Ctrl-D to the prompt", 1000)
    tick = 100.0 / os.sysconf("SC_CLK_TCK") / opts.idle
    summary("idle CPU", [r[3] for r in results], "%% of one core over %g s (one clock tick: %.2f%%)"
            % (opts.idle, tick), 1, "%.2f")
    missed = sum(1 for r in results if not r[1])
    if missed:
        print("(%d of %d boots had finished before the client connected: timed by the CR's prompt)"
              % (missed, len(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
