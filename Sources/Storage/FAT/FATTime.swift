// FAT timestamps: local date and time packed into 16 bits each, 2-second resolution,
// years 1980 to 2107. Times are carried as nanoseconds since 1970 and treated as UTC.

enum FATTime {
    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Packs a time (ns since 1970) as FAT date << 16 | FAT time, clamped to 1980...2107.
    static func pack(nanoseconds ns: Int64) -> UInt32 {
        var secs = ns / 1_000_000_000
        if ns < 0 && ns % 1_000_000_000 != 0 { secs -= 1 }
        let minSecs = Int64(days(year: 1980, month: 1, day: 1)) * 86400
        let maxSecs = Int64(days(year: 2107, month: 12, day: 31)) * 86400 + 86399
        secs = min(max(secs, minSecs), maxSecs)
        var dayCount = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; dayCount -= 1 }
        let (y, m, d) = civil(days: Int(dayCount))
        let date = UInt32(y - 1980) << 9 | UInt32(m) << 5 | UInt32(d)
        let time = UInt32(rem / 3600) << 11 | UInt32((rem % 3600) / 60) << 5 | UInt32((rem % 60) / 2)
        return date << 16 | time
    }

    /// Unpacks a FAT date and time to ns since 1970 (out-of-range fields are clamped).
    static func unpack(date: Int, time: Int) -> Int64 {
        let year = 1980 + ((date >> 9) & 0x7F)
        let month = min(max((date >> 5) & 0x0F, 1), 12)
        let day = max(date & 0x1F, 1)
        let secs = Int64(days(year: year, month: month, day: day)) * 86400
            + Int64((time >> 11) & 0x1F) * 3600 + Int64((time >> 5) & 0x3F) * 60 + Int64(2 * (time & 0x1F))
        return secs * 1_000_000_000
    }
}
