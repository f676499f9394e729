import MicroPython

/// machine.RTC: a singleton over the board's RTC model (esp8266-port-facts §9).
enum MachineRTC {
    static let alarm0 = 0
    static let millisecondsPerSecond = 1000
    static let microsecondsPerMillisecond = 1000
    static let datetimeFields = 8
    /// The widest RTC time the model is given (about ±146 000 years), so its sums can't overflow.
    static let rtcLimit = Int64(1) << 62

    static let irqParams: [MachineParam] = [
        .int("trigger", keywordOnly: true, default: 0),
        .int("wake", keywordOnly: true, default: 0),
    ]

    static func install(_ m: ModuleBuilder) {
        let rtc = NativeClass("RTC", in: m)
        let only = try! rtc.make()

        rtc.constructor(0, Native.varArgs, kw: true) { (_, nPos, nKw) throws(PyExc) in
            try MachineArgs.check(nPos - 1, nKw, 0, 0)
            return only
        }
        rtc.method("datetime", 1, 2) { (a, nPos, _) throws(PyExc) in
            let model = try MachineArgs.board.rtc
            if nPos == 1 {
                // Floor division, so a time before 2000 still has 0...999 milliseconds.
                let ms = Calendar2000.floorDivide(model.microsecondsSince2000(), Int64(microsecondsPerMillisecond))
                let secs = Calendar2000.floorDivide(ms, Int64(millisecondsPerSecond))
                let f = Calendar2000.fields(Int(secs))
                let values = [f.year, f.month, f.day, f.weekday, f.hour, f.minute, f.second,
                              Int(ms - secs * Int64(millisecondsPerSecond))]
                let t = try Tuple.make(count: datetimeFields)
                for (i, v) in values.enumerated() { Tuple.items(t)[i] = try MachineArgs.int(v) }
                return t
            }
            let items = try MachineModule.fixedItems(a[1], datetimeFields)
            var v: [Int] = []
            for o in items { v.append(try MachineArgs.toInt(o)) }
            let secs = Calendar2000.seconds(year: v[0], month: v[1], day: v[2], hour: v[4], minute: v[5], second: v[6])
            // The firmware's 64-bit arithmetic wraps; the model keeps within what it can add to.
            let us = (Int64(secs) &* Int64(millisecondsPerSecond) &+ Int64(v[7])) &* Int64(microsecondsPerMillisecond)
            model.set(microsecondsSince2000: min(max(us, -rtcLimit), rtcLimit))
            return .none
        }
        rtc.method("memory", 1, 2) { (a, nPos, _) throws(PyExc) in
            let model = try MachineArgs.board.rtc
            if nPos == 1 { return try MachineArgs.bytes(model.userMemory) }
            let data = Array(try ModSupport.bufferView(a[1]))
            guard model.setUserMemory(data) else { throw PyExc.valueError("buffer too long") }
            return .none
        }
        rtc.method("alarm", 3, 3) { (a, _, _) throws(PyExc) in
            if try MachineArgs.toInt(a[1]) != alarm0 { throw PyExc.valueError("invalid alarm") }
            let board = try MachineArgs.board
            let ms = try MachineArgs.toInt(a[2])
            board.hardware.alarmExpiry = board.rtc.microsecondsSince2000() + Int64(ms) * Int64(microsecondsPerMillisecond)
            return .none
        }
        rtc.method("alarm_left", 1, 2) { (a, nPos, _) throws(PyExc) in
            if nPos > 1, try MachineArgs.toInt(a[1]) != alarm0 { throw PyExc.valueError("invalid alarm") }
            let board = try MachineArgs.board
            let now = board.rtc.microsecondsSince2000()
            let expiry = board.hardware.alarmExpiry
            if expiry <= now { return Obj(small: 0) }
            return try MachineArgs.int(Int((expiry - now) / Int64(microsecondsPerMillisecond)))
        }
        rtc.method("irq", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, irqParams)
            if v.int(0) != alarm0 { throw PyExc.valueError("invalid alarm") }
            let board = try MachineArgs.board
            board.hardware.alarmWakesFromDeepSleep = v.int(1) & MachineModule.wakeDeepSleep != 0
            return .none
        }
        rtc.constant("ALARM0", Obj(small: alarm0))
    }
}
