# machine.mem8/16/32 on the host reach the bytes of buffers whose address the program took (a
# viper pointer here), as viper loads and stores do; any other address raises rather than
# read the process's memory. (The C unix port reads raw memory, or maps /dev/mem for high
# addresses; this is our rule, so the expected output is ours.)
import machine
# Addresses a program holds (here a viper pointer to a bytearray) can be read and written.
import micropython

buf = bytearray(b"\x01\x02\x03\x04\x05\x06\x07\x08")


@micropython.viper
def address(b) -> int:
    return int(ptr8(b))


a = address(buf)
print(machine.mem8[a], machine.mem8[a + 3], hex(machine.mem16[a + 2]), hex(machine.mem32[a + 4]))
machine.mem8[a + 1] = 0x55
machine.mem16[a + 2] = 0x1234
machine.mem32[a + 4] = -1
print(buf)

try:
    machine.mem8[a + 8]
except IndexError as e:
    print("IndexError", e)
