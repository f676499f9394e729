/// The calendar the firmware's RTC uses (timeutils): seconds since 2000-01-01, proleptic
/// Gregorian, weekday 0 = Monday.
enum Calendar2000 {
    static let secondsPerDay = 86_400
    static let secondsPerHour = 3600
    static let secondsPerMinute = 60
    static let monthsPerYear = 12
    /// 2000-01-01 was a Saturday.
    static let weekdayOfEpoch = 5
    static let daysPerWeek = 7
    static let epochYear = 2000
    static let daysPerYear = 365
    static let cumulativeDays = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Days from 2000-01-01 to January 1st of `year`.
    static func daysBefore(year: Int) -> Int {
        func leapsThrough(_ y: Int) -> Int {
            // Leap years in 1...y (floor division works for negative years too).
            func fdiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
            return fdiv(y, 4) - fdiv(y, 100) + fdiv(y, 400)
        }
        return (year - epochYear) * daysPerYear + leapsThrough(year - 1) - leapsThrough(epochYear - 1)
    }

    /// Seconds since 2000 for a date and time; months out of 1...12 roll into the year.
    static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int {
        var y = year
        var m0 = month - 1
        y += m0 >= 0 ? m0 / monthsPerYear : -((-m0 + monthsPerYear - 1) / monthsPerYear)
        m0 = ((m0 % monthsPerYear) + monthsPerYear) % monthsPerYear
        var days = daysBefore(year: y) + cumulativeDays[m0] + day - 1
        if m0 >= 2 && isLeap(y) { days += 1 }
        return days * secondsPerDay + hour * secondsPerHour + minute * secondsPerMinute + second
    }

    /// (year, month, day, weekday, hour, minute, second, yearday) for seconds since 2000.
    static func fields(_ secs: Int) -> (year: Int, month: Int, day: Int, weekday: Int, hour: Int, minute: Int, second: Int, yearday: Int) {
        var days = secs >= 0 ? secs / secondsPerDay : -((-secs + secondsPerDay - 1) / secondsPerDay)
        let rest = secs - days * secondsPerDay
        let weekday = (((days + weekdayOfEpoch) % daysPerWeek) + daysPerWeek) % daysPerWeek
        // 146097 days make 400 years; the estimate is then off by at most a year or two.
        var year = epochYear + Int((Double(days) * 400 / 146_097).rounded(.down))
        while daysBefore(year: year + 1) <= days { year += 1 }
        while daysBefore(year: year) > days { year -= 1 }
        days -= daysBefore(year: year)
        let yearday = days + 1
        var month = 0
        while month < 11 {
            var next = cumulativeDays[month + 1]
            if month + 1 >= 2 && isLeap(year) { next += 1 }
            if days < next { break }
            month += 1
        }
        var start = cumulativeDays[month]
        if month >= 2 && isLeap(year) { start += 1 }
        return (year, month + 1, days - start + 1, weekday, rest / secondsPerHour,
                rest % secondsPerHour / secondsPerMinute, rest % secondsPerMinute, yearday)
    }
}
