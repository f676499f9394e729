import MicroPython

/// The unix port's `machine` module: PinBase, whose Python subclasses are pins (their
/// `value()` method is the pin), Signal over such a pin, time_pulse_us, idle, soft_reset, and
/// mem8/mem16/mem32. The host has no pins of its own; a program brings them as PinBase
/// subclasses. The mem objects reach only what viper and uctypes reach: the bytes of buffers
/// whose address the program has taken, never the process's memory.
enum UnixMachine {
    /// time_pulse_us's default timeout.
    static let defaultPulseTimeoutMicroseconds = 1_000_000
    static let nanosecondsPerMicrosecond: Int64 = 1000
    /// What time_pulse_us returns when the pulse did not start, or did not end, in time.
    static let pulseNotStarted = -2
    static let pulseNotEnded = -1

    // Names interned while the runtime builds its ROM (a name interned later goes with a
    // soft reset).
    nonisolated(unsafe) static var valueName = Qstr.__name__
    nonisolated(unsafe) static var invertName = Qstr.__name__

    nonisolated(unsafe) static var pinBase: NativeClass? = nil

    /// The port's installer (PortConfiguration.modules).
    static func install() {
        valueName = Qstr("value")
        invertName = Qstr("invert")
        let m = ModuleBuilder("machine", extensible: true)
        installPinBase(m)
        installSignal(m)
        installMemory(m)
        m.function("idle", 0, 0) { (_, _, _) throws(PyExc) in
            // The unix port yields the processor; pending work (Ctrl-C, scheduled calls) runs.
            if VM.pendingInterrupt || VM.pendingHook { try Runtime.handlePending() }
            return .none
        }
        // SystemExit, which the REPL takes for a soft reset, as the firmware raises it.
        m.function("soft_reset", 0, 0) { (_, _, _) throws(PyExc) in
            throw PyExc.make(Exceptions.SystemExit)
        }
        m.function("time_pulse_us", 2, 3) { (a, nPos, _) throws(PyExc) in
            try checkPin(a[0])
            let level = try IntOps.toInt(a[1])
            let timeout = nPos > 2 ? try IntOps.toInt(a[2]) : defaultPulseTimeoutMicroseconds
            return try IntOps.make(try timePulse(a[0], level: level, timeoutMicroseconds: timeout))
        }
    }

    // MARK: pins

    /// machine.PinBase: a subclass's instance is a pin read and written through its `value`.
    static func installPinBase(_ m: ModuleBuilder) {
        let base = NativeClass("PinBase", in: m)
        pinBase = base
        // The arguments are the subclass's __init__'s business.
        base.constructor(0, Native.varArgs, kw: true) { (_, _, _) throws(PyExc) in try base.make() }
    }

    static func isPin(_ o: Obj) -> Bool {
        guard let base = pinBase, o.isPointer else { return false }
        return isInstance(o, base.type)
    }

    static func checkPin(_ o: Obj) throws(PyExc) {
        if !isPin(o) { throw PyExc.typeError("'\(typeName(o))' object isn't a pin") }
    }

    /// The pin protocol's read: the int its value() returns.
    static func readPin(_ o: Obj) throws(PyExc) -> Int {
        try checkPin(o)
        return try IntOps.toInt(try Runtime.callMethodByName(o, valueName, []))
    }

    /// The pin protocol's write: value(True) or value(False).
    static func writePin(_ o: Obj, _ v: Bool) throws(PyExc) {
        try checkPin(o)
        _ = try Runtime.callMethodByName(o, valueName, v ? .true : .false)
    }

    /// machine.Signal(pin, invert=False): a pin whose value may be inverted.
    static func installSignal(_ m: ModuleBuilder) {
        let signal = NativeClass("Signal", in: m)
        let pin = signal.field(Obj.self)
        let invert = signal.field(Bool.self)
        signal.constructor(1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            // a[0] is the type; then the pin, then keyword pairs.
            // Any object is taken, as the unix port's Signal checks nothing; using one that is
            // not a pin raises (where C would follow a null protocol).
            guard nPos == 2 else { throw PyExc.typeError("function takes 1 positional arguments but \(nPos - 1) were given") }
            var inverted = false
            for i in 0..<nKw {
                let key = a[nPos + 2 * i]
                guard key == Obj(qstr: invertName) || (Str.isStr(key) && Str.string(key) == invertName.string) else {
                    throw PyExc.typeError("unexpected keyword argument '\(Str.isStr(key) ? Str.string(key) : "?")'")
                }
                inverted = try Runtime.isTrue(a[nPos + 2 * i + 1])
            }
            let o = try signal.make()
            pin[o] = a[1]
            invert[o] = inverted
            return o
        }
        func read(_ o: Obj) throws(PyExc) -> Obj {
            try IntOps.make(try readPin(pin[o]) ^ (invert[o] ? 1 : 0))
        }
        func write(_ o: Obj, _ v: Bool) throws(PyExc) {
            try writePin(pin[o], v != invert[o])
        }
        signal.method("value", 1, 2) { (a, nPos, _) throws(PyExc) in
            let o = try signal.checkSelf(a[0])
            if nPos == 1 { return try read(o) }
            try write(o, try Runtime.isTrue(a[1]))
            return .none
        }
        signal.method("on", 1, 1) { (a, _, _) throws(PyExc) in
            try write(try signal.checkSelf(a[0]), true)
            return .none
        }
        signal.method("off", 1, 1) { (a, _, _) throws(PyExc) in
            try write(try signal.checkSelf(a[0]), false)
            return .none
        }
        let slots = NativeProtocols()
        // s() reads, s(v) writes, as value().
        slots.call = { (o, args, nPos, nKw) throws(PyExc) in
            if nKw > 0 { throw PyExc.typeError("function doesn't take keyword arguments") }
            if nPos > 1 { throw PyExc.typeError("function takes at most 1 argument") }
            if nPos == 0 { return try read(o) }
            try write(o, try Runtime.isTrue(args[0]))
            return .none
        }
        signal.implement(slots)
    }

    /// machine.time_pulse_us: waits for `pin` to reach `level`, then times how long it stays
    /// there; -2 if it never got there and -1 if it never left, within the timeout each.
    static func timePulse(_ pin: Obj, level: Int, timeoutMicroseconds: Int) throws(PyExc) -> Int {
        let clock = MicroPythonRuntime.clock
        let timeout = Int64(timeoutMicroseconds) * nanosecondsPerMicrosecond
        var start = clock.monotonicNanoseconds()
        while try readPin(pin) != level {
            if clock.monotonicNanoseconds() - start >= timeout { return pulseNotStarted }
        }
        start = clock.monotonicNanoseconds()
        while try readPin(pin) == level {
            if clock.monotonicNanoseconds() - start >= timeout { return pulseNotEnded }
        }
        return Int((clock.monotonicNanoseconds() - start) / nanosecondsPerMicrosecond)
    }

    // MARK: memory

    /// mem8, mem16, mem32: subscripted by address. An address is a viper/uctypes address of a
    /// buffer the program holds; any other raises instead of reading process memory.
    static func installMemory(_ m: ModuleBuilder) {
        let mem = NativeClass("mem")
        let size = mem.field(Int32.self)
        func address(_ o: Obj, _ index: Obj) throws(PyExc) -> UInt64 {
            guard IntOps.isInt(index) else { throw PyExc.typeError("can't convert \(typeName(index)) to int") }
            let a = UInt64(UInt(bitPattern: try IntOps.toInt(index)))
            let align = UInt64(size[o])
            if a & (align - 1) != 0 { throw PyExc.unalignedAddress(a, Int(align)) }
            return a
        }
        mem.method("__getitem__", 2, 2) { (a, _, _) throws(PyExc) in
            let o = try mem.checkSelf(a[0])
            let n = Int(size[o])
            let p = try Viper.memory(at: try address(o, a[1]), size: n, store: false)
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(p[i]) << UInt64(8 * i) }
            return try IntOps.make(Int(v))
        }
        mem.method("__setitem__", 3, 3) { (a, _, _) throws(PyExc) in
            let o = try mem.checkSelf(a[0])
            let n = Int(size[o])
            let addr = try address(o, a[1])
            guard IntOps.isInt(a[2]) else { throw PyExc.typeError("can't convert \(typeName(a[2])) to int") }
            let v = UInt64(UInt(bitPattern: try IntOps.toInt(a[2])))
            let p = try Viper.memory(at: addr, size: n, store: true)
            for i in 0..<n { p[i] = UInt8(truncatingIfNeeded: v >> UInt64(8 * i)) }
            return .none
        }
        mem.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            try Str.make("<\(8 * Int(size[try mem.checkSelf(a[0])]))-bit memory>")
        }
        for bytes: Int32 in [1, 2, 4] {
            let o = try! mem.make()
            size[o] = bytes
            m.set("mem\(8 * bytes)", o)
        }
    }
}
