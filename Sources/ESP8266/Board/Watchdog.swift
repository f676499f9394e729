import MicroPython

/// The watchdog as machine.WDT uses it: creating one stops the firmware feeding the SDK's
/// software watchdog, so the program must feed it within the timeout, or the chip resets with
/// the software watchdog's reason, 3 (machine.WDT_RESET, 1, is the hardware watchdog's). Its deadline is a board event, so it fires
/// wherever the interpreter looks at pending work (a loop, a sleep, the REPL's wait).
public final class WatchdogModel {
    /// The firmware's only timeout (the SDK software watchdog), in milliseconds.
    public static let timeoutMilliseconds = 5000
    static let nanosecondsPerMillisecond: Int64 = 1_000_000

    private unowned let board: Board
    private var event: Int?
    /// True once a program created the WDT (it stays on until the chip resets).
    public private(set) var running = false
    /// The board time the watchdog bites if not fed.
    public private(set) var deadline: Int64 = 0
    /// How long a feed lasts (the firmware's fixed timeout; tests may shorten it).
    public internal(set) var timeoutNanoseconds = Int64(WatchdogModel.timeoutMilliseconds) * WatchdogModel.nanosecondsPerMillisecond

    init(board: Board) { self.board = board }

    public func start() {
        running = true
        feed()
    }

    public func feed() {
        guard running else { return }
        if let e = event { board.events.cancel(e) }
        deadline = board.clock.monotonicNanoseconds() + timeoutNanoseconds
        event = board.events.schedule(at: deadline) { [unowned self] () throws(PyExc) in
            self.event = nil
            throw self.board.requestReset(.hard(.softWatchdog))
        }
    }

    /// The chip restarted: the watchdog is off again (its event went with the others).
    public func powerOn() {
        running = false
        event = nil
        deadline = 0
    }
}
