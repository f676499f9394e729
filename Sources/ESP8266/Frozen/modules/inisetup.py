# First boot: a blank filesystem area gets littlefs and the default boot.py;
# anything else that does not mount is left alone and reported.
import vfs
from flashbdev import bdev


def wifi():
    try:
        import network
    except ImportError:
        return
    import binascii

    ap = network.WLAN(network.WLAN.IF_AP)
    ssid = b"MicroPython-%s" % binascii.hexlify(ap.config("mac")[-3:])
    ap.config(ssid=ssid, security=network.AUTH_WPA_WPA2_PSK, key=b"micropythoN")


def check_bootsec():
    sector = bytearray(bdev.SEC_SIZE)
    bdev.readblocks(0, sector)
    for b in sector:
        if b != 0xFF:
            fs_corrupted()
    return True


def fs_corrupted():
    import time
    import micropython

    # Ctrl-C may break this loop (it was off while _boot ran).
    micropython.kbd_intr(3)
    while 1:
        print(
            """\
The filesystem starting at sector %d with size %d sectors looks corrupt.
You may want to make a flash snapshot and try to recover it. Otherwise,
format it with vfs.VfsLfs2.mkfs(bdev), or completely erase the flash and
reprogram MicroPython.
"""
            % (bdev.start_sec, bdev.blocks)
        )
        time.sleep(3)


def setup():
    check_bootsec()
    print("Performing initial setup")
    wifi()
    vfs.VfsLfs2.mkfs(bdev)
    fs = vfs.VfsLfs2(bdev)
    vfs.mount(fs, "/")
    with open("boot.py", "w") as f:
        f.write(
            """\
# This file is executed on every boot (including wake-boot from deepsleep)
#import esp
#esp.osdebug(None)
import os, machine
#os.dupterm(None, 1) # disable REPL on UART(0)
import gc
#import webrepl
#webrepl.start()
gc.collect()
"""
        )
    return vfs
