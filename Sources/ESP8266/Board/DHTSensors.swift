/// A DHT-style sensor on one GPIO: when the master's start pulse ends it answers with 40 bits.
public protocol DHTDevice: AnyObject {
    /// The 5 bytes of the next reading (humidity, temperature, checksum), or nil to stay silent.
    func frame() -> [UInt8]?
}

/// The checksum byte of a DHT frame: the low 8 bits of the sum of the first four.
public enum DHTFrame {
    public static func checksum(_ b: [UInt8]) -> UInt8 {
        UInt8(truncatingIfNeeded: Int(b[0]) + Int(b[1]) + Int(b[2]) + Int(b[3]))
    }
}

/// A DHT11: whole %RH and whole °C (non-negative).
public final class DHT11Model: DHTDevice {
    public var humidity: Int
    public var temperature: Int
    public init(humidity: Int = 40, temperature: Int = 21) { self.humidity = humidity; self.temperature = temperature }
    public func frame() -> [UInt8]? {
        var b: [UInt8] = [UInt8(clamping: humidity), 0, UInt8(clamping: temperature), 0]
        b.append(DHTFrame.checksum(b))
        return b
    }
}

/// A DHT22 (AM2302): tenths of %RH and of °C, 16 bits each, the temperature's top bit its sign.
public final class DHT22Model: DHTDevice {
    static let signBit = 0x8000
    public var humidity: Double
    public var temperature: Double
    public init(humidity: Double = 45.5, temperature: Double = 21.3) { self.humidity = humidity; self.temperature = temperature }
    public func frame() -> [UInt8]? {
        let h = Int((humidity * 10).rounded())
        var t = Int((abs(temperature) * 10).rounded())
        if temperature < 0 { t |= DHT22Model.signBit }
        var b: [UInt8] = [UInt8(truncatingIfNeeded: h >> 8), UInt8(truncatingIfNeeded: h),
                          UInt8(truncatingIfNeeded: t >> 8), UInt8(truncatingIfNeeded: t)]
        b.append(DHTFrame.checksum(b))
        return b
    }
}

/// The DHT sensors wired to the board, by GPIO.
public final class DHTBusModel {
    private var sensors: [Int: DHTDevice] = [:]
    public init() {}
    public func attach(_ device: DHTDevice, pin: Int) { sensors[pin] = device }
    public func detachAll() { sensors.removeAll() }
    public func device(pin: Int) -> DHTDevice? { sensors[pin] }
}
