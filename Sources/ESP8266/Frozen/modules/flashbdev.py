# The filesystem's block device: 4 KiB flash sectors after the firmware,
# up to the 20 KiB the SDK keeps at the end of the flash.
import esp


class FlashBdev:
    SEC_SIZE = 4096

    def __init__(self, start_sec, blocks):
        self.start_sec = start_sec
        self.blocks = blocks

    def readblocks(self, n, buf, off=0):
        esp.flash_read((self.start_sec + n) * self.SEC_SIZE + off, buf)

    def writeblocks(self, n, buf, off=None):
        # A whole-block write (off None) erases the sector first.
        if off is None:
            esp.flash_erase(self.start_sec + n)
            off = 0
        esp.flash_write((self.start_sec + n) * self.SEC_SIZE + off, buf)

    def ioctl(self, op, arg):
        if op == 4:  # block count
            return self.blocks
        if op == 5:  # block size
            return self.SEC_SIZE
        if op == 6:  # erase a block
            esp.flash_erase(self.start_sec + arg)
            return 0


size = esp.flash_size()
if size < 1024 * 1024:
    bdev = None
else:
    start_sec = esp.flash_user_start() // FlashBdev.SEC_SIZE
    if start_sec < 256:
        # One sector after a small firmware is kept for native code.
        start_sec += 1
    bdev = FlashBdev(start_sec, (size - 20480) // FlashBdev.SEC_SIZE - start_sec)
