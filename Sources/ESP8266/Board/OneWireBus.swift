/// A 1-wire slave, seen bit slot by bit slot as the bit-banging master drives it.
public protocol OneWireDevice: AnyObject {
    /// A reset pulse; return true to answer with a presence pulse.
    func reset() -> Bool
    /// A write slot from the master.
    func writeBit(_ bit: Bool)
    /// A read slot: the bit this device puts on the wire (true: it leaves the line high).
    func readBit() -> Bool
}

/// Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1, bits taken LSB first).
public enum DallasCRC {
    /// The polynomial with its bits reversed, as the LSB-first shift uses it.
    static let reflectedPolynomial: UInt8 = 0x8C

    public static func crc8<S: Sequence>(_ bytes: S) -> UInt8 where S.Element == UInt8 {
        var crc: UInt8 = 0
        for var b in bytes {
            for _ in 0..<8 {
                let mix = (crc ^ b) & 1
                crc >>= 1
                if mix != 0 { crc ^= reflectedPolynomial }
                b >>= 1
            }
        }
        return crc
    }
}

/// The 1-wire buses of the board: devices attach to a GPIO. The line is a wired AND with a
/// pull-up: a read slot gives 1 unless a device pulls it low; with nothing attached a reset
/// sees no presence pulse and reads give 1.
public final class OneWireBusModel {
    private var attached: [(pin: Int, device: OneWireDevice)] = []
    /// Master actions, for tests: "R" reset, "0"/"1" written bits, "r" read slots.
    public private(set) var slots: [(pin: Int, action: Character)] = []
    public static let logCapacity = 8192

    public init() {}

    public func attach(_ device: OneWireDevice, pin: Int) { attached.append((pin, device)) }

    public func detachAll() {
        attached.removeAll()
        slots.removeAll()
    }

    public func devices(pin: Int) -> [OneWireDevice] { attached.filter { $0.pin == pin }.map(\.device) }

    private func note(_ pin: Int, _ c: Character) {
        if slots.count >= OneWireBusModel.logCapacity { slots.removeFirst(slots.count / 2) }
        slots.append((pin, c))
    }

    /// A reset pulse; true when some device answered.
    public func reset(pin: Int) -> Bool {
        note(pin, "R")
        var present = false
        for d in devices(pin: pin) where d.reset() { present = true }
        return present
    }

    public func writeBit(pin: Int, _ bit: Bool) {
        note(pin, bit ? "1" : "0")
        for d in devices(pin: pin) { d.writeBit(bit) }
    }

    public func readBit(pin: Int) -> Bool {
        note(pin, "r")
        var line = true
        for d in devices(pin: pin) where !d.readBit() { line = false }
        return line
    }
}

/// The ROM layer every 1-wire slave has: READ ROM (0x33), MATCH ROM (0x55), SKIP ROM (0xCC)
/// and SEARCH ROM (0xF0) over a 64-bit ROM code (family, 48-bit serial, CRC). A subclass gets
/// the bytes written once it is selected (`received`) and queues its answers (`send`).
open class OneWireROMDevice: OneWireDevice {
    public static let readROM: UInt8 = 0x33, matchROM: UInt8 = 0x55, skipROM: UInt8 = 0xCC, searchROM: UInt8 = 0xF0
    static let romBits = 64

    public let rom: [UInt8]

    enum State { case idle, romCommand, search, match, reading, selected }
    private var state = State.idle
    private var shiftIn: UInt8 = 0
    private var bitsIn = 0
    private var bitIndex = 0
    private var searchPhase = 0
    private var matching = true
    private var outBits: [Bool] = []

    /// A device of `family` with a 48-bit `serial`; the ROM's CRC is computed.
    public init(family: UInt8, serial: UInt64) {
        var r = [family]
        for i in 0..<6 { r.append(UInt8(truncatingIfNeeded: serial >> (8 * UInt64(i)))) }
        r.append(DallasCRC.crc8(r))
        rom = r
    }

    func romBit(_ i: Int) -> Bool { rom[i / 8] >> UInt8(i % 8) & 1 == 1 }

    public func reset() -> Bool {
        state = .romCommand
        shiftIn = 0; bitsIn = 0; outBits.removeAll()
        return true
    }

    /// Queues bytes for the master to read (LSB first).
    public func send(_ bytes: [UInt8]) {
        for b in bytes { for i in 0..<8 { outBits.append(b >> UInt8(i) & 1 == 1) } }
    }

    /// A byte written while this device is selected.
    open func received(_ byte: UInt8) {}

    public func writeBit(_ bit: Bool) {
        switch state {
        case .idle, .reading: return
        case .search:
            guard searchPhase == 2 else { return }
            if bit != romBit(bitIndex) { state = .idle; return }
            bitIndex += 1
            searchPhase = 0
            if bitIndex == OneWireROMDevice.romBits { state = .selected }
        case .match:
            if bit != romBit(bitIndex) { matching = false }
            bitIndex += 1
            if bitIndex == OneWireROMDevice.romBits { state = matching ? .selected : .idle }
        case .romCommand, .selected:
            shiftIn = shiftIn >> 1 | (bit ? 0x80 : 0)
            bitsIn += 1
            guard bitsIn == 8 else { return }
            let byte = shiftIn
            shiftIn = 0; bitsIn = 0
            if state == .selected { received(byte); return }
            switch byte {
            case OneWireROMDevice.readROM: state = .reading; send(rom)
            case OneWireROMDevice.matchROM: state = .match; bitIndex = 0; matching = true
            case OneWireROMDevice.skipROM: state = .selected
            case OneWireROMDevice.searchROM: state = .search; bitIndex = 0; searchPhase = 0
            default: state = .idle
            }
        }
    }

    public func readBit() -> Bool {
        switch state {
        case .search:
            switch searchPhase {
            case 0: searchPhase = 1; return romBit(bitIndex)
            case 1: searchPhase = 2; return !romBit(bitIndex)
            default: return true
            }
        case .reading, .selected:
            return outBits.isEmpty ? true : outBits.removeFirst()
        default:
            return true
        }
    }
}

/// A DS18B20 (family 0x28) or DS18S20 (family 0x10) thermometer: CONVERT T (0x44) latches
/// `temperature` into the scratchpad, READ SCRATCHPAD (0xBE) sends its 9 bytes with their CRC,
/// WRITE SCRATCHPAD (0x4E) takes TH, TL and (DS18B20) the configuration.
public final class DS18X20Model: OneWireROMDevice {
    public static let familyB20: UInt8 = 0x28, familyS20: UInt8 = 0x10
    public static let convert: UInt8 = 0x44, readScratch: UInt8 = 0xBE, writeScratch: UInt8 = 0x4E
    /// Scratchpad bytes before the CRC.
    static let scratchBytes = 8
    /// Scratchpad bytes of the DS18S20's extended resolution, and its fixed offset.
    static let countRemainIndex = 6, countPerDegreeIndex = 7
    static let extendedOffset = 0.25
    /// The power-on scratchpad reading: 85 °C.
    public static let powerOnCelsius = 85.0

    /// The temperature the next conversion reads, in °C.
    public var temperature: Double
    private(set) public var scratchpad: [UInt8]
    private var writing = 0
    private var writeIndex = 0
    /// Scratchpad index of TH, where WRITE SCRATCHPAD starts.
    static let thIndex = 2

    public init(serial: UInt64, temperature: Double = 20, family: UInt8 = DS18X20Model.familyB20) {
        self.temperature = temperature
        // The datasheet's power-on scratchpad: temperature (set below), TH 75, TL 70,
        // configuration 12-bit, reserved 0xFF, count remain 0x0C, count per degree 0x10.
        scratchpad = [0, 0, 0x4B, 0x46, 0x7F, 0xFF, 0x0C, 0x10]
        super.init(family: family, serial: serial)
        latch(DS18X20Model.powerOnCelsius)
    }

    private func latch(_ celsius: Double) {
        let raw: Int
        if rom[0] == DS18X20Model.familyS20 {
            raw = Int((celsius * 2).rounded())            // 0.5 °C steps
            // The extended resolution: T = floor(T) - 0.25 + (count per °C - count remain) / count per °C.
            let perDegree = Double(scratchpad[DS18X20Model.countPerDegreeIndex])
            // TEMP_READ: the half-degree reading with its 0.5 bit dropped.
            let whole = (Double(raw) / 2).rounded(.down)
            let remain = perDegree - (celsius - whole + DS18X20Model.extendedOffset) * perDegree
            scratchpad[DS18X20Model.countRemainIndex] = UInt8(clamping: Int(remain.rounded()))
        } else {
            raw = Int((celsius * 16).rounded())           // 1/16 °C steps
        }
        let r = UInt16(truncatingIfNeeded: raw)
        scratchpad[0] = UInt8(r & 0xFF)
        scratchpad[1] = UInt8(r >> 8)
    }

    public override func received(_ byte: UInt8) {
        if writing > 0 {
            // TH, TL, then configuration (DS18B20 only).
            scratchpad[writeIndex] = byte
            writeIndex += 1
            writing -= 1
            return
        }
        switch byte {
        case DS18X20Model.convert: latch(temperature)
        case DS18X20Model.readScratch: send(scratchpad + [DallasCRC.crc8(scratchpad)])
        case DS18X20Model.writeScratch:
            writing = rom[0] == DS18X20Model.familyB20 ? 3 : 2
            writeIndex = DS18X20Model.thIndex
        default: break
        }
    }
}
