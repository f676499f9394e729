# A tiny shell for the REPL: `from upysh import *`, then ls, cat("f"), cd("d")...
import sys
import os

_DIR = 0x4000  # the directory bit of a stat mode


class LS:
    # `ls` lists the current directory; `ls("path")` another one.
    def __repr__(self):
        self()
        return ""

    def __call__(self, path="."):
        entries = sorted(os.ilistdir(path))
        for e in entries:
            if e[1] == _DIR:
                print("    <dir> %s" % e[0])
        for e in entries:
            if e[1] != _DIR:
                if len(e) > 3:
                    print("% 9d %s" % (e[3], e[0]))
                else:
                    print("          %s" % e[0])
        try:
            fs = os.statvfs(path)
            print("\n{:,d}k free".format(fs[1] * fs[3] // 1024))
        except:
            pass


class PWD:
    def __repr__(self):
        return os.getcwd()

    def __call__(self):
        return repr(self)


class CLEAR:
    # The terminal's clear-screen and cursor-home sequences.
    def __repr__(self):
        return "\x1b[2J\x1b[H"

    def __call__(self):
        return repr(self)


def head(name, n=10):
    with open(name) as f:
        for _ in range(n):
            line = f.readline()
            if not line:
                break
            sys.stdout.write(line)


def cat(name):
    head(name, 1 << 30)


def cp(src, dst):
    try:
        if os.stat(dst)[0] & _DIR:
            dst = dst.rstrip("/") + "/" + src
    except OSError:
        pass
    chunk = bytearray(512)
    view = memoryview(chunk)
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while True:
            n = fin.readinto(chunk)
            if n <= 0:
                break
            fout.write(view[:n])


def newfile(path):
    print("Type file contents line by line, finish with EOF (Ctrl+D).")
    with open(path, "w") as f:
        while 1:
            try:
                line = input()
            except EOFError:
                break
            f.write(line)
            f.write("\n")


def rm(path, recursive=False):
    # A file, or with recursive=True a whole tree.
    try:
        if recursive and os.stat(path)[0] & _DIR:
            for e in os.ilistdir(path):
                if e[0] not in (".", ".."):
                    rm("/".join((path, e[0])))
            os.rmdir(path)
        else:
            os.remove(path)
    except:
        print("rm of '%s' failed" % path)


class Man:
    def __repr__(self):
        return """
upysh is intended to be imported using:
from upysh import *

To see this help text again, type "man".

upysh commands:
clear, ls, ls(...), head(...), cat(...), newfile(...)
cp('src', 'dest'), mv('old', 'new'), rm(...)
pwd, cd(...), mkdir(...), rmdir(...)
"""


man = Man()
pwd = PWD()
ls = LS()
clear = CLEAR()

cd = os.chdir
mkdir = os.mkdir
mv = os.rename
rmdir = os.rmdir

print(man)
