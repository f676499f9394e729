import MicroPython

/// The ESP8266's GPIO block as a program sees it: 17 pins (GPIO0..GPIO16; 6, 7, 8 and 11 carry
/// the SPI flash and do not exist for programs), each with a direction, a pull-up, an output
/// latch and an edge-interrupt trigger. The level on a pad is what the chip drives, or else what
/// the outside world drives (`drive(pin:level:)`, for tests and virtual hardware), or else the
/// pull-up, or else low (a floating input reads 0 here).
///
/// Every change of a pad level is logged with the board time, and an edge that matches the
/// pin's trigger calls `interruptSink` (the machine module schedules the Python handler there).
/// The bank is used from the interpreter's thread; other threads reach it through
/// `board.events.schedule`, and `drive(pin:level:at:)` does that for a future change.
public final class GPIOBank {
    public enum Direction: Int { case input = 0, output = 1, openDrain = 2 }

    /// GPIO numbers 0...16.
    public static let pinCount = 17
    /// GPIO16 belongs to the RTC block: no pull-up, no interrupts, no PWM.
    public static let rtcPin = 16
    /// Pins wired to the SPI flash: not usable.
    public static let flashPins: Set<Int> = [6, 7, 8, 11]
    /// Trigger bits (Pin.IRQ_RISING, Pin.IRQ_FALLING).
    public static let triggerRising = 1
    public static let triggerFalling = 2
    /// The most log entries kept (the oldest are dropped).
    public static let logCapacity = 4096

    /// True for the GPIO numbers Pin() accepts.
    public static func exists(_ pin: Int) -> Bool {
        pin >= 0 && pin < pinCount && !flashPins.contains(pin)
    }

    /// One change of a pad's level.
    public struct LevelChange: Equatable {
        public let time: Int64      // board monotonic nanoseconds
        public let pin: Int
        public let level: Int
    }

    private unowned let clock: BoardClock
    public private(set) var direction = [Direction](repeating: .input, count: pinCount)
    /// The mode number a program last gave (Pin.init stores any integer, as the firmware does).
    public private(set) var modeNumber = [Int](repeating: Direction.input.rawValue, count: pinCount)
    public private(set) var pullUp = [Bool](repeating: false, count: pinCount)
    public private(set) var latch = [Int](repeating: 0, count: pinCount)
    /// What the outside world drives (nil: nothing).
    public private(set) var external = [Int?](repeating: nil, count: pinCount)
    /// Edge triggers, as the GPIO_PINn interrupt-type field.
    public private(set) var trigger = [Int](repeating: 0, count: pinCount)
    private var level = [Int](repeating: 0, count: pinCount)
    public private(set) var log: [LevelChange] = []
    /// Called with the pin number when an enabled edge happens.
    public var interruptSink: ((Int) -> Void)?
    /// External changes planned for later (board time, pin, level or nil to release).
    private var planned: [(time: Int64, pin: Int, level: Int?)] = []
    private weak var events: BoardEvents?

    init(clock: BoardClock, events: BoardEvents) {
        self.clock = clock
        self.events = events
    }

    /// Back to power-on: every pin an input without pull-up, latches low, no triggers, nothing
    /// driven from outside, the log empty.
    public func powerOn() {
        for p in 0..<GPIOBank.pinCount {
            direction[p] = .input; modeNumber[p] = Direction.input.rawValue
            pullUp[p] = false; latch[p] = 0; external[p] = nil; trigger[p] = 0; level[p] = 0
        }
        planned.removeAll()
        log.removeAll()
    }

    // MARK: - What the chip does

    public func setDirection(_ pin: Int, _ d: Direction) {
        direction[pin] = d
        update(pin)
    }

    /// Pin.init: the mode number as given (0, 1, 2 configure the pad; others only the latch).
    /// GPIO16 is an output only in OUT mode: its "open drain" never drives (as on the chip).
    public func setMode(_ pin: Int, number: Int) {
        modeNumber[pin] = number
        if pin == GPIOBank.rtcPin {
            direction[pin] = number == Direction.output.rawValue ? .output : .input
        } else if let d = Direction(rawValue: number) {
            direction[pin] = d
        }
        update(pin)
    }

    public func setPullUp(_ pin: Int, _ on: Bool) {
        pullUp[pin] = on && pin != GPIOBank.rtcPin
        update(pin)
    }

    /// Writes the output latch, as the firmware's pin_set: an input keeps its latch; an
    /// open-drain pin drives low for 0 and releases for 1.
    public func write(_ pin: Int, _ value: Int) {
        let v = value != 0 ? 1 : 0
        // GPIO16's output register is written whatever the mode.
        if pin != GPIOBank.rtcPin && direction[pin] == .input && modeNumber[pin] == Direction.input.rawValue { return }
        latch[pin] = v
        update(pin)
    }

    /// Writes the output latch directly, whatever the mode (the GPIO_OUT registers: mem32,
    /// esp.apa102_write).
    public func setLatch(_ pin: Int, _ value: Int) {
        latch[pin] = value != 0 ? 1 : 0
        update(pin)
    }

    /// The output latch (toggle() inverts it).
    public func outputLatch(_ pin: Int) -> Int { latch[pin] }

    /// The level on the pad (Pin.value()).
    public func read(_ pin: Int) -> Int {
        applyPlanned()
        return level[pin]
    }

    /// The interrupt-type field is 3 bits wide (values 4 and 5, level triggers, are kept but
    /// not modelled: only edges interrupt here).
    public static let triggerFieldMask = 7

    public func setTrigger(_ pin: Int, _ t: Int) { trigger[pin] = t & GPIOBank.triggerFieldMask }

    /// Soft reset (pin_init0): handlers and triggers go, levels and directions stay.
    public func clearTriggers() {
        for p in 0..<GPIOBank.pinCount { trigger[p] = 0 }
    }

    // MARK: - What the outside world does

    /// Drives `pin` to `level` from outside (a button, a sensor, a test).
    public func drive(pin: Int, level value: Int) {
        external[pin] = value != 0 ? 1 : 0
        update(pin)
    }

    /// Stops driving `pin` from outside.
    public func release(pin: Int) {
        external[pin] = nil
        update(pin)
    }

    /// Plans an external change at board time `time` (nanoseconds); nil releases the pin.
    /// It happens when the interpreter next services board events, or when a pin is read.
    public func drive(pin: Int, level value: Int?, at time: Int64) {
        planned.append((time, pin, value.map { $0 != 0 ? 1 : 0 }))
        planned.sort { $0.time < $1.time }
        events?.schedule(at: time) { [weak self] () throws(PyExc) in self?.applyPlanned() }
    }

    /// The planned changes still to come for `pin` (board time, level or nil).
    public func plannedChanges(pin: Int) -> [(time: Int64, level: Int?)] {
        planned.filter { $0.pin == pin }.map { ($0.time, $0.level) }
    }

    /// Carries out the planned changes that are due.
    public func applyPlanned() {
        if planned.isEmpty { return }
        let now = clock.monotonicNanoseconds()
        while let first = planned.first, first.time <= now {
            planned.removeFirst()
            external[first.pin] = first.level
            update(first.pin, at: first.time)
        }
    }

    /// The level the pad would show with `externalLevel` driven from outside.
    func padLevel(_ pin: Int, externalLevel: Int?) -> Int {
        switch direction[pin] {
        case .output: return latch[pin]
        case .openDrain:
            if latch[pin] == 0 { return 0 }
        case .input: break
        }
        if let e = externalLevel { return e }
        return pullUp[pin] ? 1 : 0
    }

    private func update(_ pin: Int, at time: Int64? = nil) {
        let new = padLevel(pin, externalLevel: external[pin])
        let old = level[pin]
        if new == old { return }
        level[pin] = new
        if log.count >= GPIOBank.logCapacity { log.removeFirst(log.count / 2) }
        log.append(LevelChange(time: time ?? clock.monotonicNanoseconds(), pin: pin, level: new))
        let edge = new > old ? GPIOBank.triggerRising : GPIOBank.triggerFalling
        if trigger[pin] & edge != 0 { interruptSink?(pin) }
    }

    /// The board time (for logs kept beside this one).
    public var now: Int64 { clock.monotonicNanoseconds() }

    /// Empties the level log.
    public func clearLog() { log.removeAll() }
}
