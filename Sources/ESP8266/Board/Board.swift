import MicroPython

/// Why the chip last started (machine.reset_cause(), the SDK's rst_info.reason).
public enum ResetCause: Int, Sendable {
    case powerOn = 0, watchdog = 1, exception = 2, softWatchdog = 3, softReset = 4, deepSleep = 5, hardReset = 6
}

/// What ends the running program: a soft reboot of the interpreter, or a restart of the chip.
public enum ResetRequest: Equatable, Sendable {
    /// Ctrl-D, sys.exit() at the REPL, machine.soft_reset(): the heap is wiped, the chip keeps going.
    case soft
    /// machine.reset(), a watchdog: the chip restarts; only the RTC and the flash remember.
    case hard(ResetCause)
    /// machine.deepsleep(), esp.deepsleep(): the chip sleeps for `nanoseconds` (nil: until reset),
    /// then wakes with reset cause 5.
    case deepSleep(nanoseconds: Int64?)
}

/// The virtual ESP8266: everything that is not the Python heap. One board per process; the
/// port's modules act on `Board.current`. What a power cycle loses is made in `init`; what a
/// hard reset loses is put back by `hardReset()`; a soft reset only wipes the interpreter.
public final class Board {
    /// How much typed-ahead input the REPL's ring holds.
    public static let stdinCapacity = 1024 * 1024

    /// The board the port's modules act on.
    nonisolated(unsafe) public static var current: Board!

    /// The one source of time: ticks, the RTC, sleeps, timers, the watchdog.
    public let clock: BoardClock
    /// The SPI flash (firmware area, filesystem, SDK sectors).
    public let flash: FlashImage
    /// The real-time clock and its RAM (kept through every reset but a power cycle).
    public let rtc: RTCModel
    /// Deadlines the board keeps: timers, the watchdog, alarms.
    public let events: BoardEvents
    /// The REPL's input: the stdin ring buffer that UART0 (while it carries the REPL) and
    /// other dupterm streams fill.
    public let stdin: InputQueue
    /// UART0 (the REPL's, GPIO1/3) and UART1 (TX only, GPIO2).
    public let uart0: UARTChannel
    public let uart1: UARTChannel
    /// machine.UART(id) as a Python object, and the UART id of such an object: set by the
    /// machine module, so that os.dupterm can hold UART0 as the real port does.
    public var uartObject: ((Int) throws(PyExc) -> Obj)?
    public var uartIdentity: ((Obj) -> Int?)?
    /// machine.reset_cause().
    public var resetCause = ResetCause.powerOn
    /// machine.freq().
    public var cpuFrequency = 80_000_000
    /// Set when Python asked for a reset; the board's run loop carries it out.
    public private(set) var pendingReset: ResetRequest?
    /// Called at every hard reset, so each peripheral model can return to its power-on state.
    public var hardResetHooks: [() -> Void] = []
    /// GPIO, PWM, ADC, buses, watchdog, timers (BoardHardware.swift).
    public private(set) var hardware: BoardHardware!

    public init(flash: FlashImage, clock: BoardClock = BoardClock()) {
        self.flash = flash
        self.clock = clock
        self.rtc = RTCModel(clock: clock)
        self.events = BoardEvents(clock: clock)
        self.stdin = InputQueue(capacity: Board.stdinCapacity, clock: clock, followsKeyboardInterrupt: true)
        self.uart0 = UARTChannel(id: 0, clock: clock)
        // Bytes that arrive while the chip boots wait in the REPL's ring, as they would for a
        // REPL that starts reading once booted.
        uart0.replInput = stdin
        self.uart1 = UARTChannel(id: 1, clock: clock)
        clock.rtc = rtc
        hardware = BoardHardware(board: self)
    }

    /// Ends the running program to reset the board: every handler is passed (a restarting chip
    /// runs no `finally`), and whoever runs Python hands the request to the run loop.
    public func requestReset(_ request: ResetRequest) -> PyExc {
        pendingReset = request
        if request != .soft { VM.abandoning = true }
        let e = (try? Exceptions.instantiate(Exceptions.SystemExit, .null)) ?? Exceptions.keyboardInterrupt()
        return PyExc(e)
    }

    /// Takes the pending request (the run loop, once Python has unwound).
    public func takeResetRequest() -> ResetRequest? {
        defer { pendingReset = nil }
        return pendingReset
    }

    /// The chip restarts: peripherals return to power-on state, timers stop; RTC and flash stay.
    public func hardReset(cause: ResetCause) {
        resetCause = cause
        cpuFrequency = 80_000_000
        events.cancelAll()
        for hook in hardResetHooks { hook() }
    }
}
