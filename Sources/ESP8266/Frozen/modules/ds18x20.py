# DS18S20 / DS1822 / DS18B20 thermometers on a OneWire bus.
from micropython import const

_CONVERT_T = const(0x44)
_READ_SCRATCHPAD = const(0xBE)
_WRITE_SCRATCHPAD = const(0x4E)
_FAMILY_DS18S20 = const(0x10)
_FAMILIES = (0x10, 0x22, 0x28)


class DS18X20:
    def __init__(self, onewire):
        self.ow = onewire
        self.buf = bytearray(9)

    def scan(self):
        return [rom for rom in self.ow.scan() if rom[0] in _FAMILIES]

    def convert_temp(self):
        # Every thermometer on the bus at once; the result is ready after up to 750 ms.
        self.ow.reset(True)
        self.ow.writebyte(self.ow.SKIP_ROM)
        self.ow.writebyte(_CONVERT_T)

    def read_scratch(self, rom):
        self.ow.reset(True)
        self.ow.select_rom(rom)
        self.ow.writebyte(_READ_SCRATCHPAD)
        self.ow.readinto(self.buf)
        if self.ow.crc8(self.buf):
            raise Exception("CRC error")
        return self.buf

    def write_scratch(self, rom, buf):
        self.ow.reset(True)
        self.ow.select_rom(rom)
        self.ow.writebyte(_WRITE_SCRATCHPAD)
        self.ow.write(buf)

    def read_temp(self, rom):
        buf = self.read_scratch(rom)
        if rom[0] == _FAMILY_DS18S20:
            # Half degrees, refined with the count-remain and count-per-degree registers.
            whole = buf[0] >> 1
            if buf[1]:
                whole -= 128
            return whole - 0.25 + (buf[7] - buf[6]) / buf[7]
        raw = buf[1] << 8 | buf[0]
        if raw & 0x8000:
            raw -= 0x10000
        return raw / 16
