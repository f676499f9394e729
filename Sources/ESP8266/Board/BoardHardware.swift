import MicroPython

/// The board's peripherals beyond the clock, flash, RTC and UARTs: GPIO, PWM, ADC, the buses
/// (I2C, SPI, 1-wire, DHT), bit-banged outputs, the watchdog, the software timers and the
/// memory map. Each returns to its power-on state at every hard reset.
public final class BoardHardware {
    /// The chip id (system_get_chip_id): machine.unique_id() is its 4 bytes, little-endian.
    public static let defaultChipID: UInt32 = 0x00E6_1A2B

    public let gpio: GPIOBank
    public let pwm = PWMController()
    public let adc = ADCModel()
    public let i2c = I2CBusModel()
    public let spi = SPIBusModel()
    public let oneWire = OneWireBusModel()
    public let dht = DHTBusModel()
    public let bitstreams = BitstreamLog()
    public let watchdog: WatchdogModel
    public let timers: VirtualTimers
    public private(set) var memory: MemoryMap!
    public var chipID = BoardHardware.defaultChipID
    /// The RTC alarm (RTC.alarm, RTC.irq): microseconds since 2000 and whether it wakes the
    /// chip from deep sleep. Kept through soft resets; cleared when the chip restarts.
    public var alarmExpiry: Int64 = 0
    public var alarmWakesFromDeepSleep = false

    init(board: Board) {
        gpio = GPIOBank(clock: board.clock, events: board.events)
        watchdog = WatchdogModel(board: board)
        timers = VirtualTimers(board: board)
        memory = MemoryMap(board: board)
        board.hardResetHooks.append { [unowned self] in self.powerOn() }
    }

    /// Every peripheral back to how the chip starts. Attached devices stay wired.
    public func powerOn() {
        gpio.powerOn()
        pwm.powerOn()
        watchdog.powerOn()
        timers.powerOn()
        memory.powerOn()
        bitstreams.clear()
        alarmExpiry = 0
        alarmWakesFromDeepSleep = false
    }

    /// esp.apa102_write(clockPin, dataPin, pixels): what the firmware clocks out (MSB first on
    /// the data pin): a start frame of 4 zero bytes, each 4-byte pixel as (0xE0 | byte 3,
    /// byte 2, byte 1, byte 0), then an end frame of 4 0xFF bytes; the transfer is logged with
    /// those wire bytes. The data line ends high and the clock low; the pins' directions are
    /// left as they are (the driver makes them outputs).
    public func apa102Write(clockPin: Int, dataPin: Int, pixels: [UInt8]) {
        var wire = [UInt8](repeating: 0, count: BoardHardware.apa102FrameBytes)
        var i = 0
        while i + BoardHardware.apa102PixelBytes <= pixels.count {
            wire += [pixels[i + 3] | BoardHardware.apa102BrightnessMarker, pixels[i + 2], pixels[i + 1], pixels[i]]
            i += BoardHardware.apa102PixelBytes
        }
        wire += [UInt8](repeating: 0xFF, count: BoardHardware.apa102FrameBytes)
        bitstreams.record(.init(time: gpio.now, pin: dataPin, kind: .apa102(clockPin: clockPin), bytes: wire))
        gpio.setLatch(dataPin, 1)
        gpio.setLatch(clockPin, 0)
    }

    /// APA102 framing: 4-byte start and end frames, 4-byte pixels whose first wire byte has
    /// its top three bits set.
    static let apa102FrameBytes = 4
    static let apa102PixelBytes = 4
    static let apa102BrightnessMarker: UInt8 = 0xE0

    /// machine.bitstream(pin, 0, timing, bytes): recorded whole; the pin ends low.
    public func bitstreamHighLow(pin: Int, timingNanoseconds: [Int], bytes: [UInt8], time: Int64) {
        bitstreams.record(.init(time: time, pin: pin, kind: .highLow(timingNanoseconds: timingNanoseconds), bytes: bytes))
        gpio.write(pin, 0)
    }
}

extension Board {
    /// Shortcuts to the peripherals.
    public var gpio: GPIOBank { hardware.gpio }
}
