#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython

/// The board's one clock. Monotonic time (ticks_ms and friends) counts from the chip's last
/// boot, as the SDK's system_get_time does; `sincePowerOn` from the process start, for the
/// RTC, which runs through resets. Wall time is whatever the RTC model says. Every time source of the board
/// reads it, so a later version can run it as simulated time that skips through sleeps.
///
/// Waiting is a condition wait that other threads (the UART receiver, the event ticker) cut
/// short with `wake()`, so a sleeping board uses no CPU yet sees Ctrl-C at once.
public final class BoardClock: Clock, @unchecked Sendable {
    private let powerOn: Int64
    private var start: Int64
    /// Manual time (tests, and a first step to simulated time): the clock stands still until
    /// `advance(by:)`, and a wait jumps straight to its deadline.
    private var manualNow: Int64?
    private let condition = MonotonicCondition()
    private var woken = false
    weak var rtc: RTCModel?

    public init() {
        powerOn = BoardClock.hostMonotonic()
        start = powerOn
    }

    /// A clock that moves only when told to (`advance(by:)`) or when something waits.
    public init(manual: Bool) {
        manualNow = manual ? 0 : nil
        powerOn = manual ? 0 : BoardClock.hostMonotonic()
        start = powerOn
    }

    /// Moves a manual clock on.
    public func advance(by ns: Int64) {
        if let t = manualNow { manualNow = t + max(0, ns) }
    }

    private func now() -> Int64 { manualNow ?? BoardClock.hostMonotonic() }

    static func hostMonotonic() -> Int64 { MonotonicCondition.now() }

    public func monotonicNanoseconds() -> Int64 { now() - start }

    /// Nanoseconds since power-on (the RTC's time base).
    public func sincePowerOn() -> Int64 { now() - powerOn }

    /// The chip booted again (hard reset, deep-sleep wake): its microsecond counter restarts.
    public func restartCounting() { start = now() }

    /// The host's wall clock, as microseconds since 2000 (to set a board's RTC from).
    public func hostWallMicrosecondsSince2000() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return (Int64(ts.tv_sec) - 946_684_800) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }

    /// The RTC's time as Unix nanoseconds (reading it is what catches the counter's overflow).
    public func wallClockNanoseconds() -> Int64 {
        guard let rtc else { return 946_684_800 * 1_000_000_000 + monotonicNanoseconds() }
        return rtc.unixNanoseconds()
    }

    public func wait(until deadline: Int64) {
        if let t = manualNow {
            manualNow = max(t, deadline > Int64.max - start ? Int64.max : start + deadline)
            return
        }
        condition.lock()
        defer { condition.unlock() }
        while !woken && monotonicNanoseconds() < deadline {
            condition.wait(untilHost: deadline > Int64.max - start ? Int64.max : start + deadline)
        }
        woken = false
    }

    /// Cuts the current (or next) wait short: input arrived, an event is due.
    public func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }
}
