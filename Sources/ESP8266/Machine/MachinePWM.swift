import MicroPython

/// machine.PWM over the board's PWM controller (esp8266-port-facts §7).
enum MachinePWM {
    /// duty_u16 and duty_ns conversions of the firmware (1e9 / 1024 rounded both ways).
    static let u16Full = 65535
    static let dutySteps = 1024
    static let initU16Scale = 1000
    static let nsPerStepUp = 976_563
    static let nsPerStepDown = 976_562
    static let initNsDivisor = 1_000_000
    static let unset = -1

    static let params: [MachineParam] = [
        .int("freq", default: unset), .int("duty", default: unset),
        .int("duty_u16", default: unset), .int("duty_ns", default: unset),
    ]

    static func install(_ m: ModuleBuilder) {
        let pwm = NativeClass("PWM", in: m)
        let pin = pwm.field(Int32.self)
        let active = pwm.field(Bool.self)
        let dutyNs = pwm.field(Int32.self)

        func controller() throws(PyExc) -> PWMController { try MachineArgs.board.hardware.pwm }

        func initialise(_ o: Obj, _ a: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) {
            let v = try MachineArgs.parse(a, nPos, nKw, params)
            let c = try controller()
            let n = Int(pin[o])
            guard c.add(n) else { throw PyExc.valueError("PWM not supported on pin \(n)") }
            active[o] = true
            if v.int(0) != unset { c.setFrequency(v.int(0)) }
            if v.int(1) != unset { c.setDuty(n, v.int(1)) }
            if v.int(2) != unset { c.setDuty(n, Int(Int32(truncatingIfNeeded: v.int(2) &* initU16Scale)) / u16Full) }
            if v.int(3) != unset && c.frequency > 0 {
                c.setDuty(n, Int(UInt64(truncatingIfNeeded: v.int(3)) &* UInt64(c.frequency) / UInt64(initNsDivisor)))
            }
            let gpio = try MachineArgs.board.gpio
            if gpio.modeNumber[n] == MachinePin.modeOpenDrain { gpio.setDirection(n, .openDrain) }
        }

        /// set_active: a deinitialised PWM takes its channel back when used again.
        func activate(_ o: Obj, setPin: Bool) throws(PyExc) {
            if active[o] { return }
            let n = Int(pin[o])
            try controller().add(n)
            active[o] = true
            let gpio = try MachineArgs.board.gpio
            if setPin && gpio.modeNumber[n] == MachinePin.modeOpenDrain { gpio.setDirection(n, .openDrain) }
        }

        func setDutyNs(_ o: Obj, _ ns: Int) throws(PyExc) {
            try activate(o, setPin: false)
            dutyNs[o] = Int32(truncatingIfNeeded: ns)
            let c = try controller()
            let product = Int32(truncatingIfNeeded: ns) &* Int32(c.frequency)
            c.setDuty(Int(pin[o]), Int(product) / nsPerStepDown)
        }

        pwm.constructor(1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let n = try MachinePin.number(a[1])
            let o = try pwm.make()
            pin[o] = Int32(n)
            active[o] = false
            dutyNs[o] = Int32(unset)
            try controller().start()
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            hold[0] = o
            try initialise(o, a + 2, nPos - 2, nKw)
            return o
        }
        pwm.method("init", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            try initialise(a[0], a + 1, nPos - 1, nKw)
            return .none
        }
        pwm.method("deinit", 1, 1) { (a, _, _) throws(PyExc) in
            try controller().remove(Int(pin[a[0]]))
            active[a[0]] = false
            return .none
        }
        pwm.method("freq", 1, 2) { (a, nPos, _) throws(PyExc) in
            let c = try controller()
            if nPos == 1 { return Obj(small: c.frequency) }
            c.setFrequency(try MachineArgs.toInt(a[1]))
            if dutyNs[a[0]] != Int32(unset) { try setDutyNs(a[0], Int(dutyNs[a[0]])) }
            return .none
        }
        pwm.method("duty", 1, 2) { (a, nPos, _) throws(PyExc) in
            let c = try controller()
            if nPos == 1 {
                try activate(a[0], setPin: true)
                return Obj(small: c.dutyOf(Int(pin[a[0]])))
            }
            let d = try MachineArgs.toInt(a[1])
            try activate(a[0], setPin: false)
            dutyNs[a[0]] = Int32(unset)
            c.setDuty(Int(pin[a[0]]), d)
            return .none
        }
        pwm.method("duty_u16", 1, 2) { (a, nPos, _) throws(PyExc) in
            let c = try controller()
            if nPos == 1 {
                try activate(a[0], setPin: true)
                return Obj(small: c.dutyOf(Int(pin[a[0]])) * u16Full / dutySteps)
            }
            let d = try MachineArgs.toInt(a[1])
            try activate(a[0], setPin: false)
            dutyNs[a[0]] = Int32(unset)
            c.setDuty(Int(pin[a[0]]), Int(Int32(truncatingIfNeeded: d &* dutySteps)) / u16Full)
            return .none
        }
        pwm.method("duty_ns", 1, 2) { (a, nPos, _) throws(PyExc) in
            let c = try controller()
            if nPos == 1 {
                try activate(a[0], setPin: true)
                return Obj(small: c.dutyOf(Int(pin[a[0]])) * nsPerStepUp / c.frequency)
            }
            try setDutyNs(a[0], try MachineArgs.toInt(a[1]))
            return .none
        }
        pwm.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            var s = "PWM(\(pin[a[0]])"
            if active[a[0]] {
                let c = try controller()
                s += ", freq=\(c.frequency), duty=\(c.dutyOf(Int(pin[a[0]])))"
            }
            return try Str.make(s + ")")
        }
    }
}

/// machine.ADC: ADC(0) the TOUT pin, ADC(1) the supply voltage; both static singletons.
enum MachineADC {
    static let toutChannel = 0, vddChannel = 1

    static func install(_ m: ModuleBuilder) {
        let adc = NativeClass("ADC", in: m)
        let isVdd = adc.field(Bool.self)
        let tout = try! adc.make()
        isVdd[tout] = false
        let vdd = try! adc.make()
        isVdd[vdd] = true

        func reading(_ o: Obj) throws(PyExc) -> Int {
            let model = try MachineArgs.board.hardware.adc
            return isVdd[o] ? model.vdd33 : model.tout
        }
        adc.constructor(0, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            try MachineArgs.check(nPos - 1, nKw, 1, 1)
            let channel = try MachineArgs.toInt(a[1])
            switch channel {
            case toutChannel: return tout
            case vddChannel: return vdd
            default: throw PyExc.valueError("ADC(\(channel)) doesn't exist")
            }
        }
        adc.method("read", 1, 1) { (a, _, _) throws(PyExc) in Obj(small: try reading(a[0])) }
        adc.method("read_u16", 1, 1) { (a, _, _) throws(PyExc) in
            Obj(small: try reading(a[0]) * MachinePWM.u16Full / ADCModel.maxReading)
        }
        adc.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in try Str.make("ADC(\(isVdd[a[0]] ? 1 : 0))") }
    }
}

/// machine.WDT: only WDT(0, 5000); creating it starts the watchdog, feed() postpones it.
enum MachineWDT {
    static let params: [MachineParam] = [
        .object("id", default: Obj(small: 0)),
        .int("timeout", default: WatchdogModel.timeoutMilliseconds),
    ]

    static func install(_ m: ModuleBuilder) {
        let wdt = NativeClass("WDT", in: m)
        let only = try! wdt.make()
        wdt.constructor(0, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, params)
            if v.object(0) != Obj(small: 0) { throw PyExc.make(Exceptions.ValueError) }
            if v.int(1) != WatchdogModel.timeoutMilliseconds { throw PyExc.make(Exceptions.ValueError) }
            try MachineArgs.board.hardware.watchdog.start()
            return only
        }
        wdt.method("feed", 1, 1) { (_, _, _) throws(PyExc) in
            try MachineArgs.board.hardware.watchdog.feed()
            return .none
        }
    }
}
