/// The ESP8266's real-time clock as the firmware uses it: a 32-bit counter of the RTC's slow
/// clock, which restarts at power-on and at a deep-sleep wake, and a calibration that turns ticks
/// into microseconds. The firmware keeps an offset in RTC RAM and adds one counter wrap to it
/// whenever a read sees the counter lower than at the previous read, so the time is right only
/// if something reads the RTC (time(), localtime(), RTC.datetime()) once per wrap: about every
/// 7 h 45 min. The slow clock is also inaccurate: `driftPPM` is how far it runs fast (or slow),
/// which the calibration does not see.
public final class RTCModel {
    /// Microseconds per counter tick, as the calibration reports it (Q12 fixed point in the
    /// SDK): 2^32 ticks last 27 900 s, 7 h 45 min.
    public static let calibratedTickMicroseconds = 27_900_000_000.0 / 4_294_967_296.0
    /// The user part of RTC RAM: 512 bytes less the 20 the firmware keeps.
    public static let userMemoryBytes = 492
    /// 2000-01-01 in Unix seconds: the firmware counts from there.
    static let epoch2000 = Int64(946_684_800)

    private let clock: BoardClock
    /// How much faster than true time the slow clock runs, in parts per million.
    public var driftPPM: Double
    /// Power-on time (ns since power-on) when the counter last restarted.
    private var counterOrigin: Int64 = 0
    /// RTC RAM: the offset added to the counter's time (µs since 2000), the counter at the
    /// last read, the user's bytes.
    private var offsetMicroseconds: Int64 = 0
    private var lastTicks: UInt32 = 0
    public private(set) var userMemory: [UInt8] = []

    init(clock: BoardClock, driftPPM: Double = 0) {
        self.clock = clock
        self.driftPPM = driftPPM
    }

    /// The counter now: true time since it restarted, in ticks of the (drifting) slow clock.
    public func ticks() -> UInt32 {
        let ns = Double(clock.sincePowerOn() - counterOrigin) * (1 + driftPPM / 1_000_000)
        return UInt32(truncatingIfNeeded: Int64(ns / 1000 / RTCModel.calibratedTickMicroseconds))
    }

    private static func microseconds(_ ticks: UInt32) -> Int64 {
        Int64(Double(ticks) * calibratedTickMicroseconds)
    }

    private static var wrapMicroseconds: Int64 { Int64(4_294_967_296.0 * calibratedTickMicroseconds) }

    /// Microseconds since 2000-01-01 (pyb_rtc_get_us_since_epoch): a read that catches a wrap.
    public func microsecondsSince2000() -> Int64 {
        let t = ticks()
        if t < lastTicks { offsetMicroseconds += RTCModel.wrapMicroseconds }
        lastTicks = t
        return offsetMicroseconds + RTCModel.microseconds(t)
    }

    public func unixNanoseconds() -> Int64 {
        (microsecondsSince2000() + RTCModel.epoch2000 * 1_000_000) * 1000
    }

    /// Sets the time (RTC.datetime(...), ntptime.settime()).
    public func set(microsecondsSince2000 us: Int64) {
        let t = ticks()
        lastTicks = t
        offsetMicroseconds = us - RTCModel.microseconds(t)
    }

    /// Deep sleep (called as it starts): the offset moves on by the sleep, and the counter
    /// restarts when the chip wakes.
    public func deepSleep(nanoseconds: Int64) {
        let now = microsecondsSince2000()
        counterOrigin = clock.sincePowerOn() + nanoseconds
        lastTicks = 0
        offsetMicroseconds = now + nanoseconds / 1000
    }

    /// RTC.memory(data): at most `userMemoryBytes`.
    public func setUserMemory(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= RTCModel.userMemoryBytes else { return false }
        userMemory = bytes
        return true
    }
}
