#!/usr/bin/env python3
"""Interoperability of our flash images with reference tools.

littlefs: an image our `esp8266 fs` tools wrote is read back byte for byte by littlefs-python
(PyPI) at offset 0x100000 with MicroPython's ESP8266 parameters, and an image littlefs-python
wrote is read back byte for byte by our tools.
FAT: a volume our tools made and filled passes `fsck.fat -n`; files copied out with mtools'
`mcopy` match, and files mcopy copied in read back through our tools.

usage: interop.py --esp8266 PATH/TO/esp8266
"""
import argparse, os, random, shutil, subprocess, sys, tempfile

FS_OFFSET, FS_BLOCKS, BLOCK = 0x100000, 763, 4096
FLASH_SIZE = 4 * 1024 * 1024
LFS_PARAMS = dict(block_size=BLOCK, block_count=FS_BLOCKS, read_size=32, prog_size=32,
                  lookahead_size=32, block_cycles=100, cache_size=128, name_max=255)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def make_tree(root, count, seed):
    """`count` files in nested directories; sizes 0 B to 200 KiB, most small (fits 3 MB)."""
    rnd = random.Random(seed)
    special = [0, 1, 31, 32, 33, 127, 128, 129, 4095, 4096, 4097, 8191, 65536, 200 * 1024]
    dirs = ["", "lib", "lib/umqtt", "data", "data/logs/2026", "Some Long Directory Name", "a/b/c/d"]
    files = {}
    for i in range(count):
        size = special[i] if i < len(special) else rnd.choice([rnd.randint(0, 600), rnd.randint(0, 9000)])
        d = dirs[i % len(dirs)]
        name = ("file_%03d.bin" % i) if i % 3 else ("Mixed Case Long Name %03d.txt" % i)
        rel = os.path.join(d, name) if d else name
        data = bytes(rnd.getrandbits(8) for _ in range(size))
        files[rel] = data
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    return files


def read_tree(root):
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = f.read()
    return out


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        print("command failed:", " ".join(cmd), r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace"))
    return r


def compare(expected, got, what):
    check(sorted(expected) == sorted(got), "%s: same file names (%d expected, %d found)" % (what, len(expected), len(got)))
    bad = [k for k in expected if got.get(k) != expected[k]]
    check(not bad, "%s: contents identical (%d differ, e.g. %s)" % (what, len(bad), bad[:3]))


def lfs_walk(fs, top):
    out = {}
    for dirpath, _, names in fs.walk(top):
        for n in names:
            p = dirpath.rstrip("/") + "/" + n
            with fs.open(p, "rb") as f:
                out[os.path.relpath(p, top)] = f.read()
    return out


def littlefs_tests(esp, work):
    import littlefs
    tree = os.path.join(work, "tree1")
    expected = make_tree(tree, 200, 1)
    img = os.path.join(work, "ours.bin")
    check(run([esp, "flash", "mkfs", "--fs", "lfs2", "--flash", img]).returncode == 0, "esp8266 flash mkfs --fs lfs2")
    check(run([esp, "fs", "put", "-r", tree, "/data", "--flash", img]).returncode == 0, "esp8266 fs put -r (lfs2)")
    with open(img, "rb") as f:
        raw = f.read()
    check(len(raw) == FLASH_SIZE, "image is 4 MiB")
    region = bytearray(raw[FS_OFFSET:FS_OFFSET + FS_BLOCKS * BLOCK])
    fs = littlefs.LittleFS(context=littlefs.UserContext(buffer=region), mount=False, **LFS_PARAMS)
    fs.mount()
    compare(expected, lfs_walk(fs, "/data"), "littlefs-python reads our image")
    fs.unmount()

    # The reverse: littlefs-python writes, our tools read.
    tree2 = os.path.join(work, "tree2")
    expected2 = make_tree(tree2, 200, 2)
    region = bytearray(b"\xff" * (FS_BLOCKS * BLOCK))
    fs = littlefs.LittleFS(context=littlefs.UserContext(buffer=region), mount=False, **LFS_PARAMS)
    fs.format()
    fs.mount()
    for rel, data in sorted(expected2.items()):
        p = "/data/" + rel
        fs.makedirs(os.path.dirname(p), exist_ok=True)
        with fs.open(p, "wb") as f:
            f.write(data)
    fs.unmount()
    img2 = os.path.join(work, "theirs.bin")
    with open(img2, "wb") as f:
        f.write(b"\xff" * FS_OFFSET + bytes(region) + b"\xff" * (FLASH_SIZE - FS_OFFSET - len(region)))
    out = os.path.join(work, "out2")
    check(run([esp, "fs", "get", "-r", "/data", out, "--flash", img2]).returncode == 0, "esp8266 fs get -r (littlefs-python image)")
    compare(expected2, read_tree(out), "our tools read littlefs-python's image")


def fat_tests(esp, work):
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    tree = os.path.join(work, "tree3")
    expected = make_tree(tree, 200, 3)
    img = os.path.join(work, "fat.bin")
    check(run([esp, "flash", "mkfs", "--fs", "fat", "--flash", img]).returncode == 0, "esp8266 flash mkfs --fs fat")
    check(run([esp, "fs", "put", "-r", tree, "/data", "--flash", img]).returncode == 0, "esp8266 fs put -r (fat)")
    with open(img, "rb") as f:
        raw = bytearray(f.read())
    vol = os.path.join(work, "fat.vol")
    with open(vol, "wb") as f:
        f.write(raw[FS_OFFSET:FS_OFFSET + FS_BLOCKS * BLOCK])
    r = run(["fsck.fat", "-n", vol])
    text = (r.stdout + r.stderr).decode(errors="replace")
    lines = [l for l in text.splitlines() if l.strip() and not l.startswith("fsck.fat") and ", " not in l]
    check(r.returncode == 0 and not lines, "fsck.fat -n finds nothing (exit %d: %s)" % (r.returncode, lines[:5]))
    out = os.path.join(work, "out3")
    os.makedirs(out)
    check(run(["mcopy", "-s", "-n", "-i", vol, "::/data", out], env=env).returncode == 0, "mcopy out of our volume")
    compare(expected, read_tree(os.path.join(out, "data")), "mtools reads our FAT volume")

    # The reverse: mcopy in, our tools read.
    tree4 = os.path.join(work, "tree4")
    expected4 = make_tree(tree4, 60, 4)
    check(run(["mcopy", "-s", "-i", vol, tree4, "::/data4"], env=env).returncode == 0, "mcopy into our volume")
    with open(vol, "rb") as f:
        raw[FS_OFFSET:FS_OFFSET + FS_BLOCKS * BLOCK] = f.read()
    with open(img, "wb") as f:
        f.write(raw)
    out4 = os.path.join(work, "out4")
    check(run([esp, "fs", "get", "-r", "/data4", out4, "--flash", img]).returncode == 0, "esp8266 fs get -r (after mcopy)")
    compare(expected4, read_tree(out4), "our tools read files mcopy wrote")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--esp8266", required=True)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="esp8266-interop-")
    try:
        littlefs_tests(args.esp8266, work)
        fat_tests(args.esp8266, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("interop: %s" % ("%d failure(s)" % len(failures) if failures else "all checks passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
