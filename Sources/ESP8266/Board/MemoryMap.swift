/// What machine.mem8/mem16/mem32 reach: a few of the chip's registers (GPIO, the eFuse words
/// that hold the chip id) and the user data RAM as scratch storage. Other addresses read 0
/// and ignore writes; nothing touches the host's memory.
public final class MemoryMap {
    // GPIO registers (esp8266 technical reference, "GPIO registers").
    public static let gpioOut: UInt32 = 0x6000_0300
    public static let gpioOutSet: UInt32 = 0x6000_0304
    public static let gpioOutClear: UInt32 = 0x6000_0308
    public static let gpioEnable: UInt32 = 0x6000_030C
    public static let gpioIn: UInt32 = 0x6000_0318
    // eFuse words 0 and 1: the chip id is word 0's top byte and word 1's low 3 bytes.
    public static let efuse0: UInt32 = 0x3FF0_0050
    public static let efuse1: UInt32 = 0x3FF0_0054
    // Data RAM (dram0): 80 KiB user area.
    public static let dramStart: UInt32 = 0x3FFE_8000
    public static let dramEnd: UInt32 = 0x4000_0000
    /// GPIO0..15 live in the GPIO block (16 is the RTC's).
    static let gpioBlockPins = 16

    private unowned let board: Board
    private var ram: [UInt32: UInt8] = [:]

    init(board: Board) { self.board = board }

    func powerOn() { ram.removeAll() }

    private func isRAM(_ a: UInt32) -> Bool { a >= MemoryMap.dramStart && a < MemoryMap.dramEnd }

    /// Reads `size` bytes (1, 2 or 4, little-endian) at `address`.
    public func read(_ address: UInt32, size: Int) -> UInt32 {
        let word = address & ~3
        if isRAM(address) {
            var v: UInt32 = 0
            for i in 0..<size { v |= UInt32(ram[address &+ UInt32(i)] ?? 0) << (8 * UInt32(i)) }
            return v
        }
        let w = register(word)
        let shifted = w >> (8 * (address & 3))
        return size == 4 ? shifted : shifted & ((1 << (8 * UInt32(size))) - 1)
    }

    /// Writes `size` bytes at `address`.
    public func write(_ address: UInt32, size: Int, _ value: UInt32) {
        if isRAM(address) {
            for i in 0..<size { ram[address &+ UInt32(i)] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
            return
        }
        guard address & 3 == 0 && size == 4 else { return }
        let gpio = board.hardware.gpio
        switch address {
        case MemoryMap.gpioOut:
            for p in 0..<MemoryMap.gpioBlockPins where GPIOBank.exists(p) { gpio.setLatch(p, Int(value >> UInt32(p) & 1)) }
        case MemoryMap.gpioOutSet:
            for p in 0..<MemoryMap.gpioBlockPins where GPIOBank.exists(p) && value >> UInt32(p) & 1 == 1 { gpio.setLatch(p, 1) }
        case MemoryMap.gpioOutClear:
            for p in 0..<MemoryMap.gpioBlockPins where GPIOBank.exists(p) && value >> UInt32(p) & 1 == 1 { gpio.setLatch(p, 0) }
        case MemoryMap.gpioEnable:
            for p in 0..<MemoryMap.gpioBlockPins where GPIOBank.exists(p) {
                gpio.setDirection(p, value >> UInt32(p) & 1 == 1 ? .output : .input)
            }
        default:
            break
        }
    }

    private func register(_ word: UInt32) -> UInt32 {
        let gpio = board.hardware.gpio
        var bits: UInt32 = 0
        switch word {
        case MemoryMap.gpioOut:
            for p in 0..<MemoryMap.gpioBlockPins where GPIOBank.exists(p) { bits |= UInt32(gpio.outputLatch(p)) << UInt32(p) }
        case MemoryMap.gpioEnable:
            for p in 0..<MemoryMap.gpioBlockPins where GPIOBank.exists(p) && gpio.direction[p] != .input { bits |= 1 << UInt32(p) }
        case MemoryMap.gpioIn:
            for p in 0..<MemoryMap.gpioBlockPins where GPIOBank.exists(p) { bits |= UInt32(gpio.read(p)) << UInt32(p) }
        case MemoryMap.efuse0:
            bits = (board.hardware.chipID & 0xFF) << 24
        case MemoryMap.efuse1:
            bits = board.hardware.chipID >> 8
        default:
            break
        }
        return bits
    }
}
