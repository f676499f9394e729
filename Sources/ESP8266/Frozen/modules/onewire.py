# Dallas/Maxim 1-wire bus over the _onewire primitives.
import _onewire as _ow


class OneWireError(Exception):
    pass


class OneWire:
    SEARCH_ROM = 0xF0
    MATCH_ROM = 0x55
    SKIP_ROM = 0xCC

    def __init__(self, pin):
        self.pin = pin
        pin.init(pin.OPEN_DRAIN, pin.PULL_UP)

    def reset(self, required=False):
        present = _ow.reset(self.pin)
        if required and not present:
            raise OneWireError
        return present

    def readbit(self):
        return _ow.readbit(self.pin)

    def readbyte(self):
        return _ow.readbyte(self.pin)

    def readinto(self, buf):
        for i in range(len(buf)):
            buf[i] = _ow.readbyte(self.pin)

    def writebit(self, value):
        return _ow.writebit(self.pin, value)

    def writebyte(self, value):
        return _ow.writebyte(self.pin, value)

    def write(self, buf):
        for b in buf:
            _ow.writebyte(self.pin, b)

    def select_rom(self, rom):
        self.reset()
        self.writebyte(self.MATCH_ROM)
        self.write(rom)

    def crc8(self, data):
        return _ow.crc8(data)

    def scan(self):
        # The ROM search: walk the binary tree of 64-bit ROM codes, one device per pass.
        # At a bit where devices disagree, take 0 first and remember the deepest such bit
        # so the next pass takes 1 there.
        found = []
        rom = bytearray(8)
        last_fork = 0
        for _ in range(255):
            if not self.reset():
                break
            self.writebyte(self.SEARCH_ROM)
            fork = 0
            for bit in range(1, 65):
                first = self.readbit()
                complement = self.readbit()
                index = (bit - 1) >> 3
                mask = 1 << ((bit - 1) & 7)
                if first and complement:
                    return found
                if first != complement:
                    take = first
                elif bit < last_fork:
                    take = 1 if rom[index] & mask else 0
                else:
                    take = 1 if bit == last_fork else 0
                if first == complement and not take:
                    fork = bit
                if take:
                    rom[index] |= mask
                else:
                    rom[index] &= ~mask & 0xFF
                self.writebit(take)
            found.append(bytearray(rom))
            last_fork = fork
            if not last_fork:
                break
        return found
