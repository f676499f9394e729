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

    /// esp.apa102_write(clockPin, dataPin, bytes): the bytes clocked out MSB first on the data
    /// pin; both pins are made outputs and end low, as the firmware leaves them.
    public func apa102Write(clockPin: Int, dataPin: Int, bytes: [UInt8], time: Int64) {
        gpio.setDirection(clockPin, .output)
        gpio.setDirection(dataPin, .output)
        bitstreams.record(.init(time: time, pin: dataPin, kind: .apa102(clockPin: clockPin), bytes: bytes))
        gpio.write(dataPin, 0)
        gpio.write(clockPin, 0)
    }

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
