/// A device on an I2C bus, seen byte by byte as the bit-banged master drives it.
public protocol I2CDevice: AnyObject {
    /// The 7-bit address it answers to.
    var address: Int { get }
    /// A START (or repeated START) addressed to it; `read` is the R/W bit. Return false to NACK.
    func begin(read: Bool) -> Bool
    /// A byte written by the master; return false to NACK it.
    func write(_ byte: UInt8) -> Bool
    /// The next byte the master reads; `ack` tells whether the master will ask for another.
    func read(ack: Bool) -> UInt8
    /// A STOP condition.
    func end()
}

/// The I2C buses of the board: devices attach to a pair of pins (SCL, SDA); a master on those
/// pins talks to them. With nothing attached no address is acknowledged, and reads give 0xFF
/// (SDA pulled up).
public final class I2CBusModel {
    /// What the master sees on a released SDA line.
    public static let idleByte: UInt8 = 0xFF

    struct Attachment {
        let scl: Int
        let sda: Int
        let device: I2CDevice
    }
    private var attached: [Attachment] = []
    /// The device a transfer addressed, per (scl, sda) pair, while the transfer lasts.
    private var selected: [Int: I2CDevice] = [:]
    /// Bytes of an addressing START expected next, per bus.
    private var expectAddress: [Int: Bool] = [:]
    /// Every byte the masters wrote, with the bus pins (for tests).
    public private(set) var traffic: [(scl: Int, sda: Int, byte: UInt8)] = []
    public static let trafficCapacity = 4096

    public init() {}

    public func attach(_ device: I2CDevice, scl: Int = 5, sda: Int = 4) {
        attached.append(Attachment(scl: scl, sda: sda, device: device))
    }

    public func detachAll() {
        attached.removeAll()
        selected.removeAll()
        expectAddress.removeAll()
        traffic.removeAll()
    }

    public func devices(scl: Int, sda: Int) -> [I2CDevice] {
        attached.filter { $0.scl == scl && $0.sda == sda }.map(\.device)
    }

    private func key(_ scl: Int, _ sda: Int) -> Int { scl * 32 + sda }

    // MARK: - The master's primitives

    public func start(scl: Int, sda: Int) {
        let k = key(scl, sda)
        selected[k] = nil
        expectAddress[k] = true
    }

    /// Writes one byte; true when acknowledged.
    public func write(scl: Int, sda: Int, _ byte: UInt8) -> Bool {
        let k = key(scl, sda)
        if traffic.count >= I2CBusModel.trafficCapacity { traffic.removeFirst(traffic.count / 2) }
        traffic.append((scl, sda, byte))
        if expectAddress[k] == true {
            expectAddress[k] = false
            let address = Int(byte >> 1)
            let read = byte & 1 == 1
            for d in devices(scl: scl, sda: sda) where d.address == address {
                if d.begin(read: read) { selected[k] = d; return true }
            }
            return false
        }
        guard let d = selected[k] else { return false }
        return d.write(byte)
    }

    /// Reads one byte; `ack` false on the last byte.
    public func read(scl: Int, sda: Int, ack: Bool) -> UInt8 {
        guard let d = selected[key(scl, sda)] else { return I2CBusModel.idleByte }
        return d.read(ack: ack)
    }

    public func stop(scl: Int, sda: Int) {
        let k = key(scl, sda)
        selected[k]?.end()
        selected[k] = nil
        expectAddress[k] = false
    }
}

/// A simple memory-like I2C device (an EEPROM, a sensor's register file): the first byte
/// written after addressing sets the register pointer, later bytes are stored there, reads
/// come from the pointer; the pointer advances and wraps.
public final class I2CRegisterDevice: I2CDevice {
    public let address: Int
    public var registers: [UInt8]
    /// Bytes of register address (1 for 8-bit, 2 for 16-bit memories).
    public let addressBytes: Int
    private var pointer = 0
    private var addressSeen = 0

    public init(address: Int, size: Int = 256, addressBytes: Int = 1) {
        self.address = address
        self.registers = [UInt8](repeating: 0, count: max(size, 1))
        self.addressBytes = addressBytes
    }

    public func begin(read: Bool) -> Bool {
        if !read { addressSeen = 0 }
        return true
    }

    public func write(_ byte: UInt8) -> Bool {
        if addressSeen < addressBytes {
            pointer = (addressSeen == 0 ? 0 : pointer << 8) | Int(byte)
            addressSeen += 1
            if addressSeen == addressBytes { pointer %= registers.count }
            return true
        }
        registers[pointer] = byte
        pointer = (pointer + 1) % registers.count
        return true
    }

    public func read(ack: Bool) -> UInt8 {
        let b = registers[pointer]
        pointer = (pointer + 1) % registers.count
        return b
    }

    public func end() {}
}
