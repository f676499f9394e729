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
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var woken = false
    weak var rtc: RTCModel?

    public init() {
        powerOn = BoardClock.hostMonotonic()
        start = powerOn
        initialiseWaiting()
    }

    /// A clock that moves only when told to (`advance(by:)`) or when something waits.
    public init(manual: Bool) {
        manualNow = manual ? 0 : nil
        powerOn = manual ? 0 : BoardClock.hostMonotonic()
        start = powerOn
        initialiseWaiting()
    }

    /// Moves a manual clock on.
    public func advance(by ns: Int64) {
        if let t = manualNow { manualNow = t + max(0, ns) }
    }

    private func now() -> Int64 { manualNow ?? BoardClock.hostMonotonic() }

    private func initialiseWaiting() {
        pthread_mutex_init(&mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        #if canImport(Glibc)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(&condition, &attr)
        pthread_condattr_destroy(&attr)
    }

    static func hostMonotonic() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

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
            manualNow = max(t, start + deadline)
            return
        }
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while !woken {
            let now = monotonicNanoseconds()
            if now >= deadline { break }
            #if canImport(Glibc)
            let hostDeadline = start + deadline
            var ts = timespec(tv_sec: Int(hostDeadline / 1_000_000_000), tv_nsec: Int(hostDeadline % 1_000_000_000))
            _ = pthread_cond_timedwait(&condition, &mutex, &ts)
            #else
            let left = deadline - now
            var ts = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
            _ = pthread_cond_timedwait_relative_np(&condition, &mutex, &ts)
            #endif
        }
        woken = false
    }

    /// Cuts the current (or next) wait short: input arrived, an event is due.
    public func wake() {
        pthread_mutex_lock(&mutex)
        woken = true
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
    }
}
