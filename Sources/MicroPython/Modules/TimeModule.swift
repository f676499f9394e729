/// time: the ESP8266 build's time module on the runtime's clock (`MicroPythonRuntime.clock`).
/// The epoch is the port's (2000-01-01 on the ESP8266, as MicroPython's bare-metal ports;
/// 1970-01-01 on the unix port); ticks wrap at 2**30 (MICROPY_PY_TIME_TICKS_PERIOD).
public enum TimeModule {
    /// The port's epoch in Unix seconds.
    static var epochOffset: Int { MicroPythonRuntime.port.epochUnixSeconds }
    static let period = 1 << 30

    /// Seconds since the port's epoch by the runtime's clock.
    static func epochSeconds() -> Int {
        Int(MicroPythonRuntime.clock.wallClockNanoseconds() / 1_000_000_000) - epochOffset
    }

    static func monotonicNs() -> Int { Int(MicroPythonRuntime.clock.monotonicNanoseconds()) }

    /// A sleep of `amount` units of `unit` nanoseconds; a negative one returns at once, a huge
    /// one is a sleep for ever (cut short by Ctrl-C), as on the board.
    static func sleep(_ amount: Double, unit: Double) throws(PyExc) {
        let ns = amount * unit
        guard ns > 0 else {
            // No wait, but pending events still run, as MicroPython's zero delay polls them.
            if VM.pendingInterrupt || VM.pendingHook { try Runtime.handlePending() }
            return
        }
        try MicroPythonRuntime.sleep(nanoseconds: ns >= 9.0e18 ? Int64.max / 2 : Int64(max(0, ns)))
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        let d = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return m == 2 && isLeap(y) ? 29 : d
    }

    static func yearDay(_ y: Int, _ m: Int, _ d: Int) -> Int {
        var yd = d
        for i in 1..<m { yd &+= daysInMonth(y, i) }
        return yd
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y &- 1 : y
        let era = (y >= 0 ? y : y &- 399) / 400
        let yoe = y &- era &* 400
        let doy = (153 &* (m &+ (m > 2 ? -3 : 9)) &+ 2) / 5 &+ d &- 1
        let doe = yoe &* 365 &+ yoe / 4 &- yoe / 100 &+ doy
        return era &* 146097 &+ doe &- 719468
    }

    /// (year, month, mday, hour, minute, second, weekday 0=Monday, yearday) of seconds since 2000.
    static func structTime(_ secs2000: Int) -> [Int] {
        let t = secs2000 &+ epochOffset
        var days = t / 86400
        var rem = t % 86400
        if rem < 0 { rem &+= 86400; days &-= 1 }
        let z = days &+ 719468
        let era = (z >= 0 ? z : z &- 146096) / 146097
        let doe = z &- era &* 146097
        let yoe = (doe &- doe / 1460 &+ doe / 36524 &- doe / 146096) / 365
        let doy = doe &- (365 &* yoe &+ yoe / 4 &- yoe / 100)
        let mp = (5 &* doy &+ 2) / 153
        let d = doy &- (153 &* mp &+ 2) / 5 &+ 1
        let m = mp < 10 ? mp &+ 3 : mp &- 9
        let y = yoe &+ era &* 400 &+ (m <= 2 ? 1 : 0)
        var wd = (days &+ 3) % 7  // 1970-01-01 was a Thursday (3 with Monday = 0)
        if wd < 0 { wd &+= 7 }
        return [y, m, d, rem / 3600, rem / 60 % 60, rem % 60, wd, yearDay(y, m, d)]
    }

    /// timeutils_mktime: normalises the fields, returns seconds since 2000.
    static func mktime(_ year: Int, _ month: Int, _ mday: Int, _ hours: Int, _ minutes: Int, _ seconds: Int) -> Int {
        var (year, month, mday, hours, minutes, seconds) = (year, month, mday, hours, minutes, seconds)
        minutes &+= seconds / 60
        seconds %= 60
        if seconds < 0 { seconds &+= 60; minutes &-= 1 }
        hours &+= minutes / 60
        minutes %= 60
        if minutes < 0 { minutes &+= 60; hours &-= 1 }
        mday &+= hours / 24
        hours %= 24
        if hours < 0 { hours &+= 24; mday &-= 1 }
        month &-= 1
        year &+= month / 12
        month %= 12
        if month < 0 { month &+= 12; year &-= 1 }
        month &+= 1
        while mday < 1 {
            month &-= 1
            if month == 0 { month = 12; year &-= 1 }
            mday &+= daysInMonth(year, month)
        }
        while mday > daysInMonth(year, month) {
            mday &-= daysInMonth(year, month)
            month &+= 1
            if month == 13 { month = 1; year &+= 1 }
        }
        return (daysFromCivil(year, month, mday) &* 86400 &+ hours &* 3600 &+ minutes &* 60 &+ seconds) &- epochOffset
    }

    static func ticks(_ o: Obj) throws(PyExc) -> Int {
        guard o.isSmallInt else { throw PyExc.typeError("can't convert \(typeName(o)) to int") }
        return o.smallValue
    }

    static func install() {
        let m = ModuleBuilder("time", extensible: true)
        m.function("time", 0, 0) { (_, _, _) throws(PyExc) in try IntOps.make(epochSeconds()) }
        m.function("time_ns", 0, 0) { (_, _, _) throws(PyExc) in
            let ns = Int(MicroPythonRuntime.clock.wallClockNanoseconds()) - epochOffset * 1_000_000_000
            return try IntOps.store(BigIntValue(ns))
        }
        m.function("sleep", 1, 1) { (a, _, _) throws(PyExc) in
            try sleep(try ModSupport.float(a[0]), unit: 1e9)
            return .none
        }
        m.function("sleep_ms", 1, 1) { (a, _, _) throws(PyExc) in
            try sleep(Double(try IntOps.toInt(a[0])), unit: 1e6)
            return .none
        }
        m.function("sleep_us", 1, 1) { (a, _, _) throws(PyExc) in
            try sleep(Double(try IntOps.toInt(a[0])), unit: 1e3)
            return .none
        }
        m.function("ticks_ms", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: (monotonicNs() / 1_000_000) & (period - 1)) }
        m.function("ticks_us", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: (monotonicNs() / 1000) & (period - 1)) }
        m.function("ticks_cpu", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: (monotonicNs() / 1000) & (period - 1)) }
        m.function("ticks_diff", 2, 2) { (a, _, _) throws(PyExc) in
            let end = try ticks(a[0]), start = try ticks(a[1])
            return Obj(small: ((end - start + period / 2) & (period - 1)) - period / 2)
        }
        m.function("ticks_add", 2, 2) { (a, _, _) throws(PyExc) in
            let t = try ticks(a[0])
            let delta = try IntOps.toInt(a[1])
            if delta <= -period / 2 || delta >= period / 2 { throw PyExc.overflowError("ticks interval overflow") }
            return Obj(small: (t + delta) & (period - 1))
        }
        let localtime = Native.make("localtime", 0, 1) { (a, nPos, _) throws(PyExc) in
            // The chip reads the seconds as a long long (mp_obj_get_ll: a bigger int is cut to
            // 64 bits); the unix port as a float, truncated.
            let unix = MicroPythonRuntime.port.epochYear == 1970
            var secs = 0
            if nPos == 0 || a[0] == .none {
                secs = epochSeconds()
            } else if !unix {
                secs = Int(try IntOps.toLongLong(a[0]))
            } else {
                let d = try ModSupport.float(a[0]).rounded(.towardZero)
                secs = d.isFinite && abs(d) < 9.0e18 ? Int(d) : 0
            }
            let f = structTime(secs)
            // The unix port's tuple (libc's struct tm) ends with tm_isdst: 0, the time being UTC.
            return try ModSupport.tuple(unix ? 9 : 8) { (i: Int) throws(PyExc) -> Obj in i < 8 ? try IntOps.make(f[i]) : Obj(small: 0) }
        }
        m.set("localtime", localtime)
        m.set("gmtime", localtime)
        m.function("mktime", 1, 1) { (a, _, _) throws(PyExc) in
            guard let (items, n) = ModSupport.items(a[0]) else {
                throw PyExc.typeError("object '\(typeName(a[0]))' isn't a tuple or list")
            }
            if n < 8 || n > 9 { throw PyExc.typeError("mktime needs a tuple of length 8 or 9") }
            var f: [Int] = []
            for i in 0..<6 { f.append(try IntOps.toInt(items[i])) }
            return try IntOps.make(mktime(f[0], f[1], f[2], f[3], f[4], f[5]))
        }
    }
}
