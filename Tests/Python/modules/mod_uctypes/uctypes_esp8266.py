# args: -X profile=esp8266
# uctypes on the ESP8266: 32-bit C types (LONG is INT32, pointers 4 bytes), and the chip's
# registers and data RAM reached by address, as machine.mem32 reaches them.
import uctypes, machine

print(uctypes.LONG == uctypes.INT32, uctypes.ULONG == uctypes.UINT32, uctypes.LONG, uctypes.ULONG)
print(uctypes.sizeof({"p": (uctypes.PTR | 0, uctypes.UINT8)}), uctypes.sizeof({"a": uctypes.UINT8 | 0, "p": (uctypes.PTR | 4, uctypes.UINT8)}))

# a struct at the start of a buffer, the pointer in it pointing at another
t = bytearray(b"target")
h = bytearray(uctypes.addressof(t).to_bytes(4, "little"))
s = uctypes.struct(uctypes.addressof(h), {"p": (uctypes.PTR | 0, uctypes.UINT8)})
print(int(s.p) == uctypes.addressof(t), bytes(s.p[i] for i in range(6)))
s = uctypes.struct(uctypes.addressof(h), {"w": uctypes.UINT32 | 0})
print(s.w == uctypes.addressof(t), type(s.w))
big = bytearray(8)
bs = uctypes.struct(uctypes.addressof(big), {"u": uctypes.UINT32 | 0, "q": uctypes.UINT64 | 0})
bs.u = 0xFFFFFFFF
print(bs.u, bs.q)
bs.q = 1 << 63
print(bs.q, big)

# GPIO registers: the output latch of pin 2
GPIO = {
    "out": uctypes.UINT32 | 0,
    "out_set": uctypes.UINT32 | 4,
    "out_clear": uctypes.UINT32 | 8,
    "enable": uctypes.UINT32 | 12,
    "pin2": uctypes.BFUINT32 | 0 | 2 << uctypes.BF_POS | 1 << uctypes.BF_LEN,
}
gpio = uctypes.struct(0x60000300, GPIO, uctypes.LITTLE_ENDIAN)
p = machine.Pin(2, machine.Pin.OUT)
p.value(1)
print(gpio.pin2, gpio.enable >> 2 & 1, p.value())
gpio.out_clear = 1 << 2
print(gpio.pin2, p.value())
gpio.out_set = 1 << 2
print(gpio.pin2, p.value(), machine.mem32[0x60000300] >> 2 & 1)

# data RAM scratch, shared with machine.mem
ram = uctypes.struct(0x3FFE8000, {"w": uctypes.UINT32 | 0, "b": (uctypes.ARRAY | 0, uctypes.UINT8 | 4), "be": uctypes.UINT16 | 0}, uctypes.BIG_ENDIAN)
ram.w = 0x11223344
print(hex(machine.mem32[0x3FFE8000]), [ram.b[i] for i in range(4)], hex(ram.be))
print(type(ram.b).__name__, uctypes.bytes_at(0x3FFE8000, 4))
machine.mem8[0x3FFE8001] = 0xAA
print(hex(ram.w))
for f in (lambda: uctypes.bytearray_at(0x3FFE8000, 4), lambda: uctypes.bytes_at(0x3FFFFFFE, 4), lambda: uctypes.bytes_at(0x50000000, 1)):
    try:
        print(f())
    except OSError as e:
        print("OSError", e.errno)
