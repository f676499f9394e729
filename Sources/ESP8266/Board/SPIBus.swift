/// A device on an SPI bus: selected while its chip-select pin is low, it exchanges one byte
/// for each byte the master clocks out.
public protocol SPIDevice: AnyObject {
    func exchange(_ byte: UInt8) -> UInt8
}

/// The board's SPI wiring: devices attach to the clock pin of a bus (14 for the HSPI) with a
/// chip-select GPIO. A transfer reaches every attached device whose chip select is low; with
/// none selected MISO floats high, so the master reads 0xFF.
public final class SPIBusModel {
    public static let idleByte: UInt8 = 0xFF
    /// The HSPI's fixed pins.
    public static let hspiSCK = 14, hspiMOSI = 13, hspiMISO = 12

    struct Attachment {
        let sck: Int
        let chipSelect: Int
        let device: SPIDevice
    }
    private var attached: [Attachment] = []
    /// Every byte written, with the clock pin of its bus.
    public private(set) var written: [(sck: Int, byte: UInt8)] = []
    public static let logCapacity = 4096

    public init() {}

    public func attach(_ device: SPIDevice, sck: Int = SPIBusModel.hspiSCK, chipSelect: Int) {
        attached.append(Attachment(sck: sck, chipSelect: chipSelect, device: device))
    }

    public func detachAll() {
        attached.removeAll()
        written.removeAll()
    }

    /// One byte out and one in, on the bus clocked by `sck`; `gpio` says which chip selects are low.
    public func exchange(sck: Int, _ byte: UInt8, gpio: GPIOBank) -> UInt8 {
        if written.count >= SPIBusModel.logCapacity { written.removeFirst(written.count / 2) }
        written.append((sck, byte))
        var result = SPIBusModel.idleByte
        for a in attached where a.sck == sck && gpio.read(a.chipSelect) == 0 {
            result &= a.device.exchange(byte)
        }
        return result
    }
}
