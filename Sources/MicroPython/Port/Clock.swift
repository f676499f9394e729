#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one source of time for everything the runtime does: `time` (ticks, time(), localtime,
/// sleeps), file timestamps, and the port's timers. A port supplies its own (the board's clock,
/// which a later version runs as simulated time that skips through sleeps); the host's is
/// the default.
public protocol Clock: AnyObject {
    /// Nanoseconds since the clock started (the board's power-on); never goes back.
    func monotonicNanoseconds() -> Int64
    /// Nanoseconds since 1970-01-01 UTC by the machine's wall clock (the RTC on a board).
    func wallClockNanoseconds() -> Int64
    /// Waits until `monotonicNanoseconds()` reaches `deadline` or something may need the
    /// interpreter's attention (an interrupt, a scheduled callback), whichever comes first.
    /// May return early; callers check the time again.
    func wait(until deadline: Int64)
}

/// The host's clocks; waits sleep in short slices so that Ctrl-C and scheduled callbacks
/// are seen within a few milliseconds.
public final class HostClock: Clock {
    let start: Int64
    /// The longest single sleep, so pending work is noticed soon.
    static let slice: Int64 = 5_000_000

    public init() { start = HostClock.read(CLOCK_MONOTONIC) }

    static func read(_ id: clockid_t) -> Int64 {
        var ts = timespec()
        clock_gettime(id, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    public func monotonicNanoseconds() -> Int64 { HostClock.read(CLOCK_MONOTONIC) - start }
    public func wallClockNanoseconds() -> Int64 { HostClock.read(CLOCK_REALTIME) }

    public func wait(until deadline: Int64) {
        let left = min(deadline - monotonicNanoseconds(), HostClock.slice)
        if left <= 0 { return }
        var req = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
        // A signal (SIGINT) ends the sleep early: nanosleep's EINTR is the wake-up.
        _ = nanosleep(&req, nil)
    }
}

extension MicroPythonRuntime {
    /// The clock every time source reads (set by the port before Python runs).
    nonisolated(unsafe) public static var clock: any Clock = HostClock()

    /// The port's event service (a board's timers, pin edges, watchdog), run where MicroPython
    /// runs pending work: at backward jumps once `VM.pendingHook` is set, and in every wait.
    /// A port sets `VM.pendingHook` (from any thread) when it has something due.
    nonisolated(unsafe) public static var portEvents: (() throws(PyExc) -> Void)? = nil

    /// Sleeps `nanoseconds` of the runtime's clock, raising KeyboardInterrupt and running
    /// scheduled callbacks while it waits, as MicroPython's mp_hal_delay_ms does.
    public static func sleep(nanoseconds: Int64) throws(PyExc) {
        let c = clock
        let deadline = c.monotonicNanoseconds() &+ max(0, nanoseconds)
        while true {
            if VM.pendingInterrupt || VM.pendingHook { try Runtime.handlePending() }
            if c.monotonicNanoseconds() >= deadline { return }
            c.wait(until: deadline)
        }
    }
}
