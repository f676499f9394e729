import MicroPython

/// machine.Timer: the SDK's software timers (esp8266-port-facts §7), on the board's virtual
/// timers. Callbacks are scheduled (soft) or, with hard=True, run as soon as the interpreter
/// services the timer's event. A soft reset stops every timer.
enum MachineTimer {
    static let oneShot = 0, periodic = 1
    /// The longest period the firmware can arm (0xFFFFFFFF ms, chained os_timer periods).
    static let longestMicroseconds = Int64(UInt32.max) * 1000
    /// The SDK's shortest period.
    static let minimumMicroseconds: Int64 = 100
    static let millisecondTickHz = 1000
    static let microsecondTickHz = 1_000_000
    static let nanosecondsPerMicrosecond: Int64 = 1000
    static let microsecondsPerSecond = 1_000_000.0
    /// The default period when neither period nor freq is given (0xffffffff ms, as an unsigned).
    static let defaultPeriod = Int(UInt32.max)
    /// Repr address base: the firmware prints the os_timer's RAM address.
    static let reprAddressBase = 0x3FFF_0000
    static let reprAddressStride = 0x20

    nonisolated(unsafe) static var timerClass: NativeClass!
    nonisolated(unsafe) static var slot: NativeField<Int32>!
    /// A list of the armed Timer objects (they hold their callbacks), kept by the collector.
    nonisolated(unsafe) static var armed: PortRoot!

    static let printException = Qstr("print_exception")
    static let params: [MachineParam] = [
        .int("mode", keywordOnly: true, default: periodic),
        .object("callback", keywordOnly: true, default: .none),
        .int("period", keywordOnly: true, default: defaultPeriod),
        .int("tick_hz", keywordOnly: true, default: millisecondTickHz),
        .object("freq", keywordOnly: true, default: .none),
        .bool("hard", keywordOnly: true),
    ]

    static func keep(_ o: Obj) throws(PyExc) {
        var l = armed.value
        if l.isNull { l = try List.make(count: 0); armed.value = l }
        for i in 0..<List.count(l) where List.item(l, i) == o { return }
        try List.append(l, o)
    }

    static func release(_ o: Obj) {
        let l = armed.value
        if l.isNull { return }
        for i in 0..<List.count(l) where List.item(l, i) == o { _ = List.remove(at: i, l); return }
    }

    static func install(_ m: ModuleBuilder) {
        let timer = NativeClass("Timer", in: m)
        timerClass = timer
        let number = timer.field(Int32.self)
        let callback = timer.field(Obj.self)
        let hard = timer.field(Bool.self)
        slot = number
        armed = PortRoots.allocate()

        timer.constructor(0, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            try MachineArgs.check(nPos - 1, nKw, 1, 1)
            let o = try timer.make()
            number[o] = Int32(try MachineArgs.board.hardware.timers.make())
            callback[o] = .none
            return o
        }

        func fire(_ o: Obj) throws(PyExc) {
            let cb = callback[o]
            if hard[o] && cb != .none {
                do throws(PyExc) {
                    // As in the timer's interrupt context: the heap is locked.
                    Heap.lockDepth += 1
                    defer { Heap.lockDepth -= 1 }
                    _ = try Runtime.invoke(cb, o)
                } catch {
                    // As the firmware: report it. (Its "disable the callback" only clears the
                    // chaining of periods over 0x689D0 ms; an ordinary periodic timer fires on.)
                    Builtins.out(Array("uncaught exception in timer callback\n".utf8))
                    if let sys = ModuleRegistry.module("sys") {
                        _ = try? Runtime.invoke(try Runtime.loadAttr(sys, printException), error.obj)
                    }
                }
            } else if cb != .none {
                // A full queue loses the tick, as mp_sched_schedule does.
                _ = try Scheduler.schedule(cb, o)
            }
        }

        timer.method("init", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, params)
            let o = a[0]
            let timers = try MachineArgs.board.hardware.timers
            let n = Int(number[o])
            timers.disarm(n)
            callback[o] = v.object(1)
            hard[o] = v.bool(5)
            var micros: Int64
            if v.object(4) != .none {
                let f = try MachineArgs.float(v.object(4))
                guard f > 0 else { throw PyExc.valueError("invalid freq") }
                micros = Int64(min(microsecondsPerSecond / f, Double(longestMicroseconds)))
            } else {
                let period = Int64(UInt32(truncatingIfNeeded: v.int(2)))
                let hz = v.int(3)
                if hz == millisecondTickHz { micros = period * Int64(millisecondTickHz) }
                else if hz == microsecondTickHz { micros = period }
                else if hz > 0 { micros = period * Int64(microsecondTickHz) / Int64(hz) }
                else { throw PyExc.zeroDivision() }
            }
            micros = min(max(micros, minimumMicroseconds), longestMicroseconds)
            try keep(o)
            timers.arm(n, period: micros * nanosecondsPerMicrosecond, periodic: v.int(0) != oneShot) { () throws(PyExc) in
                try fire(o)
                if !timers.isArmed(n) { release(o) }
            }
            return .none
        }
        timer.method("deinit", 1, 1) { (a, _, _) throws(PyExc) in
            try MachineArgs.board.hardware.timers.disarm(Int(number[a[0]]))
            release(a[0])
            return .none
        }
        timer.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            let address = reprAddressBase + Int(number[a[0]]) * reprAddressStride
            return try Str.make("Timer(0x" + String(address, radix: 16) + ")")
        }
        timer.constant("ONE_SHOT", Obj(small: oneShot))
        timer.constant("PERIODIC", Obj(small: periodic))
    }
}
