import MicroPython

/// The `machine` module of the ESP8266 port (extensible, so `umachine` finds it): module
/// functions and constants here, each class in its own file.
public enum MachineModule {
    // Reset causes (the SDK's rst_info.reason) and the deep-sleep wake source.
    static let pwronReset = ResetCause.powerOn.rawValue
    static let wdtReset = ResetCause.watchdog.rawValue
    static let softReset = ResetCause.softReset.rawValue
    static let deepsleepReset = ResetCause.deepSleep.rawValue
    static let hardReset = ResetCause.hardReset.rawValue
    /// MACHINE_WAKE_DEEPSLEEP.
    static let wakeDeepSleep = 4
    // CPU frequencies machine.freq accepts.
    static let frequencies = [80_000_000, 160_000_000]
    static let hertzPerMegahertz = 1_000_000
    /// machine.unique_id(): the 32-bit chip id, little-endian.
    static let uniqueIDBytes = 4
    static let nanosecondsPerMicrosecond: Int64 = 1000
    static let nanosecondsPerMillisecond: Int64 = 1_000_000
    static let microsecondsPerMillisecond: Int64 = 1000
    /// The processor's interrupt level field (PS.INTLEVEL): 0 all enabled, 15 all masked.
    static let interruptLevelEnabled = 0
    static let interruptLevelMasked = 15
    /// time_pulse_us's default timeout.
    static let defaultPulseTimeoutMicroseconds = 1_000_000
    /// Bytes a DHT frame has.
    static let dhtFrameBytes = 5
    // The DHT exchange's timing (drivers/dht/dht.c and the sensors' datasheets).
    static let dhtIdleMilliseconds: Int64 = 250
    static let dhtStartMilliseconds: Int64 = 18
    static let dhtResponseTimeoutMicroseconds: Int64 = 100
    static let dhtPreambleMicroseconds: Int64 = 160
    static let dhtBitLowMicroseconds: Int64 = 50
    static let dhtZeroHighMicroseconds: Int64 = 26
    static let dhtOneHighMicroseconds: Int64 = 70

    /// disable_irq() is in force: pin interrupts wait in `deferredPins`.
    nonisolated(unsafe) static var interruptsDisabled = false
    nonisolated(unsafe) static var deferredPins = 0

    /// The port's installer (PortConfiguration.modules).
    public static func install() {
        let m = ModuleBuilder("machine", extensible: true)
        makeKeywordNames()
        MachinePin.install(m)
        MachinePWM.install(m)
        MachineADC.install(m)
        MachineUART.install(m)
        MachineI2C.install(m)
        MachineSPI.install(m)
        MachineRTC.install(m)
        MachineTimer.install(m)
        MachineWDT.install(m)
        MachineMemory.install(m)
        installFunctions(m)

        m.set("DEEPSLEEP", Obj(small: wakeDeepSleep))
        m.set("PWRON_RESET", Obj(small: pwronReset))
        m.set("HARD_RESET", Obj(small: hardReset))
        m.set("DEEPSLEEP_RESET", Obj(small: deepsleepReset))
        m.set("WDT_RESET", Obj(small: wdtReset))
        m.set("SOFT_RESET", Obj(small: softReset))

        MicroPythonRuntime.resetHooks.append { softResetHook() }
    }

    /// The parameter tables name their keywords with qstrs: they are made now, while the
    /// runtime builds its ROM, so they outlive every soft reset (a qstr made during a session
    /// goes with it).
    static func makeKeywordNames() {
        _ = MachinePin.initParams; _ = MachinePin.irqParams
        _ = MachineSignal.invertName; _ = MachineSignal.valueName
        _ = MachinePWM.params; _ = MachineWDT.params
        _ = MachineUART.params
        _ = MachineI2C.initParams; _ = MachineI2C.memParams
        _ = MachineSPI.hspiParams; _ = MachineSPI.softMakeParams; _ = MachineSPI.softInitParams
        _ = MachineRTC.irqParams
        _ = MachineTimer.params; _ = MachineTimer.printException
    }

    /// Connects the machine module to a board: pin edges reach the handlers.
    public static func connect(_ board: Board) {
        board.gpio.interruptSink = { n in MachinePin.dispatch(n) }
    }

    /// A soft reset: pin handlers and triggers go, machine.Timer timers stop (the firmware
    /// leaves them running over freed memory; this model stops them), interrupts are enabled.
    static func softResetHook() {
        interruptsDisabled = false
        deferredPins = 0
        MachineUART.reset()
        guard let board = Board.current else { return }
        board.gpio.clearTriggers()
        board.hardware.timers.disarmAll()
        connect(board)
    }

    static func installFunctions(_ m: ModuleBuilder) {
        m.function("reset", 0, 0) { (_, _, _) throws(PyExc) in
            throw try MachineArgs.board.requestReset(.hard(.softReset))
        }
        // A plain SystemExit, as the firmware raises: the REPL that sees it soft-resets, and a
        // program may catch it like sys.exit().
        m.function("soft_reset", 0, 0) { (_, _, _) throws(PyExc) in
            throw PyExc.make(Exceptions.SystemExit)
        }
        m.function("reset_cause", 0, 0) { (_, _, _) throws(PyExc) in
            Obj(small: try MachineArgs.board.resetCause.rawValue)
        }
        m.function("freq", 0, 1) { (a, nPos, _) throws(PyExc) in
            let board = try MachineArgs.board
            if nPos == 0 { return try MachineArgs.int(board.cpuFrequency) }
            let mhz = try MachineArgs.toInt(a[0]) / hertzPerMegahertz
            guard frequencies.contains(mhz * hertzPerMegahertz) else {
                throw PyExc.valueError("frequency can only be either 80Mhz or 160MHz")
            }
            board.cpuFrequency = mhz * hertzPerMegahertz
            return .none
        }
        m.function("unique_id", 0, 0) { (_, _, _) throws(PyExc) in
            let id = try MachineArgs.board.hardware.chipID
            return try MachineArgs.bytes((0..<uniqueIDBytes).map { UInt8(truncatingIfNeeded: id >> (8 * UInt32($0))) })
        }
        m.function("idle", 0, 0) { (_, _, _) throws(PyExc) in
            // waiti: until the next interrupt (a board event, input, Ctrl-C), then service events.
            let board = try MachineArgs.board
            let clock = board.clock
            let next = board.events.nextDeadline ?? (clock.monotonicNanoseconds() + nanosecondsPerMillisecond)
            clock.wait(until: next)
            if VM.pendingInterrupt || VM.pendingHook { try Runtime.handlePending() }
            return .none
        }
        let lightsleep = Native.make("lightsleep", 0, 1) { (a, nPos, _) throws(PyExc) in
            // No real light sleep on this port: wait servicing events; no argument: for ever.
            // The firmware counts microseconds in 32 bits (ms * 1000 wraps).
            var us = Int64(UInt32.max)
            if nPos == 1 {
                let ms = max(0, try MachineArgs.toInt(a[0]))
                us = Int64(UInt32(truncatingIfNeeded: ms &* Int(microsecondsPerMillisecond)))
            }
            try MicroPythonRuntime.sleep(nanoseconds: us * nanosecondsPerMicrosecond)
            return .none
        }
        m.set("lightsleep", lightsleep)
        m.set("sleep", lightsleep)
        m.function("deepsleep", 0, 1) { (a, nPos, _) throws(PyExc) in
            let board = try MachineArgs.board
            let hw: BoardHardware = board.hardware
            // 0 means "until reset", as the SDK takes it.
            var sleepMicroseconds: Int64 = 0
            if hw.alarmWakesFromDeepSleep {
                let now = board.rtc.microsecondsSince2000()
                if hw.alarmExpiry <= now {
                    sleepMicroseconds = 1
                } else {
                    sleepMicroseconds = min(hw.alarmExpiry - now, Int64(UInt32.max))
                }
            }
            if nPos == 1 {
                var maxMs = try MachineArgs.toInt(a[0])
                if maxMs <= 0 { maxMs = 1 }
                // The firmware computes max_ms * 1000 in 32 bits.
                let maxMicroseconds = Int64(UInt32(truncatingIfNeeded: maxMs &* Int(microsecondsPerMillisecond)))
                if sleepMicroseconds == 0 || maxMicroseconds < sleepMicroseconds { sleepMicroseconds = maxMicroseconds }
            }
            if sleepMicroseconds == 0 { throw board.requestReset(.deepSleep(nanoseconds: nil)) }
            let ns = sleepMicroseconds * nanosecondsPerMicrosecond
            board.rtc.deepSleep(nanoseconds: ns)
            throw board.requestReset(.deepSleep(nanoseconds: ns))
        }
        m.function("disable_irq", 0, 0) { (_, _, _) throws(PyExc) in
            let state = interruptsDisabled ? interruptLevelMasked : interruptLevelEnabled
            interruptsDisabled = true
            return Obj(small: state)
        }
        m.function("enable_irq", 1, 1) { (a, _, _) throws(PyExc) in
            let state = try MachineArgs.toInt(a[0])
            interruptsDisabled = state & interruptLevelMasked != 0
            if !interruptsDisabled && deferredPins != 0 {
                let pending = deferredPins
                deferredPins = 0
                for n in 0..<MachinePin.irqPinCount where pending & (1 << n) != 0 { MachinePin.dispatch(n) }
            }
            return .none
        }
        m.function("time_pulse_us", 2, 3) { (a, nPos, _) throws(PyExc) in
            let n = try MachinePin.number(a[0])
            let level = try Runtime.isTrue(a[1]) ? 1 : 0
            var timeout = defaultPulseTimeoutMicroseconds
            if nPos > 2 { timeout = try MachineArgs.toInt(a[2]) }
            return try MachineArgs.int(try timePulse(pin: n, level: level, timeoutMicroseconds: timeout))
        }
        m.function("bitstream", 4, 4) { (a, _, _) throws(PyExc) in
            let n = try MachinePin.number(a[0])
            let encoding = try MachineArgs.toInt(a[1])
            let data = Array(try ModSupport.bufferView(a[3]))
            guard encoding == 0 else { throw PyExc.valueError("encoding") }
            let timing = try fixedItems(a[2], 4).map { (o: Obj) throws(PyExc) -> Int in try MachineArgs.toInt(o) }
            let board = try MachineArgs.board
            let start = board.clock.monotonicNanoseconds()
            board.hardware.bitstreamHighLow(pin: n, timingNanoseconds: timing, bytes: data, time: start)
            // The transfer runs with interrupts off for as long as the bits take.
            spin(board, until: start + BitstreamLog.duration(timing: timing.map { max($0, 0) }, bytes: data))
            return .none
        }
        m.function("dht_readinto", 2, 2) { (a, _, _) throws(PyExc) in
            let n = try MachinePin.number(a[0])
            let (p, count) = try ModSupport.writeBuffer(a[1])
            guard count >= dhtFrameBytes else { throw PyExc.valueError("buffer too small") }
            let board = try MachineArgs.board
            // The start command: line high 250 ms, low 18 ms (both serviced waits), released.
            board.gpio.setDirection(n, .openDrain)
            board.gpio.write(n, 1)
            try MicroPythonRuntime.sleep(nanoseconds: dhtIdleMilliseconds * nanosecondsPerMillisecond)
            board.gpio.write(n, 0)
            try MicroPythonRuntime.sleep(nanoseconds: dhtStartMilliseconds * nanosecondsPerMillisecond)
            board.gpio.write(n, 1)
            // Then, interrupts off: the sensor's answer, or 100 µs of silence.
            let now = board.clock.monotonicNanoseconds()
            guard let frame = board.hardware.dht.device(pin: n)?.frame(), frame.count >= dhtFrameBytes else {
                spin(board, until: now + dhtResponseTimeoutMicroseconds * nanosecondsPerMicrosecond)
                throw PyExc.osError(Errno.ETIMEDOUT)
            }
            var micros = dhtPreambleMicroseconds
            for i in 0..<dhtFrameBytes {
                p[i] = frame[i]
                for bit in 0..<8 {
                    micros += dhtBitLowMicroseconds + (frame[i] << UInt8(bit) & 0x80 != 0 ? dhtOneHighMicroseconds : dhtZeroHighMicroseconds)
                }
            }
            spin(board, until: now + micros * nanosecondsPerMicrosecond)
            return .none
        }
    }

    /// The items of a tuple or list of exactly `n` (mp_obj_get_array_fixed_n).
    static func fixedItems(_ o: Obj, _ n: Int) throws(PyExc) -> [Obj] {
        let k = typeOf(o)
        let count: Int
        let items: UnsafeMutablePointer<Obj>
        if k == Types.tuple { count = Tuple.count(o); items = Tuple.items(o) }
        else if k == Types.list { count = List.count(o); items = List.items(o) }
        else { throw PyExc.typeError("object '\(typeName(o))' isn't a tuple or list") }
        guard count == n else { throw PyExc.valueError("requested length \(n) but object has length \(count)") }
        return Array(UnsafeBufferPointer(start: items, count: n))
    }

    /// Busy-waits on the board clock (interrupts off: no events are serviced).
    static func spin(_ board: Board, until deadline: Int64) {
        while board.clock.monotonicNanoseconds() < deadline { board.clock.wait(until: deadline) }
    }

    /// machine_time_pulse_us over the GPIO bank's present level and planned changes.
    static func timePulse(pin: Int, level wanted: Int, timeoutMicroseconds: Int) throws(PyExc) -> Int {
        let board = try MachineArgs.board
        let gpio = board.gpio
        let timeout = Int64(UInt32(truncatingIfNeeded: timeoutMicroseconds)) * nanosecondsPerMicrosecond
        var t = board.clock.monotonicNanoseconds()
        var level = gpio.read(pin)
        var want = wanted
        var changes = 2
        var start = t
        var upcoming = gpio.plannedChanges(pin: pin)[...]
        var result: Int
        while true {
            if level == want {
                want = 1 - want
                changes -= 1
                if changes == 0 { result = Int((t - start) / nanosecondsPerMicrosecond); break }
                start = t
            } else {
                // The next planned change of the pad's level, if it comes before the timeout.
                var next: (Int64, Int)? = nil
                while let c = upcoming.first {
                    upcoming = upcoming.dropFirst()
                    let l = gpio.padLevel(pin, externalLevel: c.level)
                    if l != level { next = (max(c.time, t), l); break }
                }
                if let (when, l) = next, when - start < timeout {
                    t = when
                    level = l
                } else {
                    t = start + timeout
                    result = -changes
                    break
                }
            }
        }
        spin(board, until: t)
        gpio.applyPlanned()
        return result
    }
}
