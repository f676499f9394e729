import MicroPython

/// machine.Pin, its IRQ objects and machine.Signal (esp8266-port-facts §6). Pins are static
/// singletons, one per existing GPIO, like the firmware's ROM table; their state lives in the
/// board's GPIO bank, so it survives a soft reset while the handlers (port roots) do not.
enum MachinePin {
    // Pin constants (the firmware's numbers).
    static let modeIn = 0, modeOut = 1, modeOpenDrain = 2
    static let pullUp = 1
    static let irqRising = GPIOBank.triggerRising, irqFalling = GPIOBank.triggerFalling
    /// GPIO0..15 have edge interrupts; GPIO16 has none.
    static let irqPinCount = 16

    nonisolated(unsafe) static var pinClass: NativeClass!
    nonisolated(unsafe) static var signalClass: NativeClass!
    nonisolated(unsafe) static var irqClass: NativeClass!
    nonisolated(unsafe) static var pinID: NativeField<Int32>!
    nonisolated(unsafe) static var pins: [Obj] = []
    nonisolated(unsafe) static var irqs: [Obj] = []
    /// A list of 16 handlers (None when unset), made when the first handler is set.
    nonisolated(unsafe) static var handlers: PortRoot!

    /// The GPIO number of a Pin or an int (mp_obj_get_pin): ValueError "invalid pin" otherwise.
    static func number(_ o: Obj) throws(PyExc) -> Int {
        if pinClass.isInstance(o) { return Int(pinID[o]) }
        if o.isSmallInt {
            let n = o.smallValue
            if GPIOBank.exists(n) { return n }
        }
        throw PyExc.valueError("invalid pin")
    }

    static func pinObject(_ n: Int) -> Obj { pins[n] }

    /// Reads a Pin or a Signal (the pin protocol's MP_PIN_READ).
    static func virtualRead(_ o: Obj) throws(PyExc) -> Int {
        if pinClass.isInstance(o) { return try MachineArgs.board.gpio.read(Int(pinID[o])) }
        if signalClass.isInstance(o) { return try MachineSignal.read(o) }
        throw PyExc.typeError("expecting a pin")
    }

    static func virtualWrite(_ o: Obj, _ v: Int) throws(PyExc) {
        if pinClass.isInstance(o) { try MachineArgs.board.gpio.write(Int(pinID[o]), v); return }
        if signalClass.isInstance(o) { try MachineSignal.write(o, v); return }
        throw PyExc.typeError("expecting a pin")
    }

    static let initParams: [MachineParam] = [
        .int("mode", required: true),
        .object("pull", default: .none),
        .object("value", keywordOnly: true),
    ]

    /// Pin.init(mode, pull=None, *, value): pyb_pin_obj_init_helper.
    static func configure(_ n: Int, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) {
        let v = try MachineArgs.parse(args, nPos, nKw, initParams)
        let gpio = try MachineArgs.board.gpio
        let mode = v.int(0)
        var pull = 0
        if v.object(1) != .none { pull = try MachineArgs.toInt(v.object(1)) }
        var value: Int? = nil
        if v.given[2] { value = try Runtime.isTrue(v.object(2)) ? 1 : 0 }
        if n == GPIOBank.rtcPin {
            gpio.setMode(n, number: mode)
            if pull != 0 { throw PyExc.valueError("Pin(16) doesn't support pull") }
            // The RTC pin's output register takes the value as given; "no value" (-1) sets it.
            gpio.write(n, value ?? 1)
            return
        }
        gpio.setPullUp(n, pull & pullUp != 0)
        gpio.setMode(n, number: mode)
        if let value { gpio.write(n, value) }
    }

    static func install(_ m: ModuleBuilder) {
        let pin = NativeClass("Pin", in: m)
        pinClass = pin
        let id = pin.field(Int32.self)
        pinID = id
        handlers = PortRoots.allocate()

        for n in 0..<GPIOBank.pinCount {
            if GPIOBank.exists(n) {
                let o = try! pin.make()
                id[o] = Int32(n)
                pins.append(o)
            } else {
                pins.append(.null)
            }
        }

        pin.constructor(1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let n = try number(a[1])
            if nPos > 2 || nKw > 0 { try configure(n, a + 2, nPos - 2, nKw) }
            return pins[n]
        }
        pin.method("init", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            try configure(Int(id[a[0]]), a + 1, nPos - 1, nKw)
            return .none
        }
        pin.method("value", 1, 2) { (a, nPos, _) throws(PyExc) in
            let gpio = try MachineArgs.board.gpio
            if nPos == 1 { return Obj(small: gpio.read(Int(id[a[0]]))) }
            gpio.write(Int(id[a[0]]), try Runtime.isTrue(a[1]) ? 1 : 0)
            return .none
        }
        pin.method("on", 1, 1) { (a, _, _) throws(PyExc) in
            try MachineArgs.board.gpio.write(Int(id[a[0]]), 1)
            return .none
        }
        pin.method("off", 1, 1) { (a, _, _) throws(PyExc) in
            try MachineArgs.board.gpio.write(Int(id[a[0]]), 0)
            return .none
        }
        pin.method("toggle", 1, 1) { (a, _, _) throws(PyExc) in
            let gpio = try MachineArgs.board.gpio
            let n = Int(id[a[0]])
            gpio.write(n, 1 - gpio.outputLatch(n))
            return .none
        }
        pin.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            try Str.make("Pin(\(id[a[0]]))")
        }
        installIRQ(pin, id)

        pin.constant("IN", Obj(small: modeIn))
        pin.constant("OUT", Obj(small: modeOut))
        pin.constant("OPEN_DRAIN", Obj(small: modeOpenDrain))
        pin.constant("PULL_UP", Obj(small: pullUp))
        pin.constant("IRQ_RISING", Obj(small: irqRising))
        pin.constant("IRQ_FALLING", Obj(small: irqFalling))

        /// pin() reads the pad, pin(x) sets the latch: the fast path of value().
        func call(_ o: Obj, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
            try MachineArgs.check(nPos, nKw, 0, 1)
            let gpio = try MachineArgs.board.gpio
            if nPos == 0 { return Obj(small: gpio.read(Int(id[o]))) }
            gpio.write(Int(id[o]), try Runtime.isTrue(args[0]) ? 1 : 0)
            return .none
        }
        let slots = NativeProtocols()
        slots.call = call
        // The call slot also shows as Pin.__call__ (NativeClass does that for every call slot).
        pin.implement(slots)

        MachineSignal.install(m)
    }

    static let irqParams: [MachineParam] = [
        .object("handler", default: .none),
        .int("trigger", default: GPIOBank.triggerRising | GPIOBank.triggerFalling),
        .bool("hard"),
    ]

    /// Schedules the handler of `n` with its Pin (the firmware's pin_intr_handler_part2).
    static func dispatch(_ n: Int) {
        if MachineModule.interruptsDisabled { MachineModule.deferredPins |= 1 << n; return }
        guard let root = handlers else { return }
        let list = root.value
        guard !list.isNull, n < List.count(list) else { return }
        let h = List.item(list, n)
        if h.isNull || h == .none { return }
        _ = try? Scheduler.schedule(h, pins[n])
    }

    static func installIRQ(_ pin: NativeClass, _ id: NativeField<Int32>) {
        let irq = NativeClass("IRQ")
        irqClass = irq
        let irqPin = irq.field(Int32.self)
        for n in 0..<irqPinCount {
            let o = try! irq.make()
            irqPin[o] = Int32(n)
            irqs.append(o)
        }

        pin.method("irq", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, irqParams)
            let n = Int(id[a[0]])
            if n >= irqPinCount { throw MachineArgs.osError("pin does not have IRQ capabilities") }
            if v.bool(2) { throw PyExc.valueError("hard IRQ not supported") }
            if nPos > 1 || nKw > 0 {
                let gpio = try MachineArgs.board.gpio
                var handler = v.object(0)
                var trigger = v.int(1)
                if handler == .none { handler = .none; trigger = 0 }
                var list = handlers.value
                if list.isNull {
                    list = try List.make(count: irqPinCount)
                    for i in 0..<irqPinCount { List.items(list)[i] = .none }
                    handlers.value = list
                }
                List.items(list)[n] = handler
                gpio.setTrigger(n, trigger)
            }
            return irqs[n]
        }

        irq.method("trigger", 1, 2) { (a, nPos, _) throws(PyExc) in
            let gpio = try MachineArgs.board.gpio
            let n = Int(irqPin[a[0]])
            let old = gpio.trigger[n]
            if nPos == 2 { gpio.setTrigger(n, try MachineArgs.toInt(a[1])) }
            return Obj(small: old)
        }
        let slots = NativeProtocols()
        slots.call = { (o, _, nPos, nKw) throws(PyExc) in
            try MachineArgs.check(nPos, nKw, 0, 0)
            dispatch(Int(irqPin[o]))
            return .none
        }
        irq.implement(slots)
    }
}

/// machine.Signal: a Pin (or another Signal), optionally inverted.
enum MachineSignal {
    nonisolated(unsafe) static var pin: NativeField<Obj>!
    nonisolated(unsafe) static var invert: NativeField<Bool>!
    static let invertName = Qstr("invert")
    static let valueName = Qstr("value")

    static func read(_ o: Obj) throws(PyExc) -> Int {
        try MachinePin.virtualRead(pin[o]) ^ (invert[o] ? 1 : 0)
    }

    static func write(_ o: Obj, _ v: Int) throws(PyExc) {
        try MachinePin.virtualWrite(pin[o], (v != 0 ? 1 : 0) ^ (invert[o] ? 1 : 0))
    }

    static func isPinLike(_ o: Obj) -> Bool {
        MachinePin.pinClass.isInstance(o) || MachinePin.signalClass.isInstance(o)
    }

    static func isName(_ key: Obj, _ q: Qstr) -> Bool {
        key == Obj(qstr: q) || (Str.isStr(key) && Str.string(key) == q.string)
    }

    static func install(_ m: ModuleBuilder) {
        let signal = NativeClass("Signal", in: m)
        MachinePin.signalClass = signal
        pin = signal.field(Obj.self)
        invert = signal.field(Bool.self)

        signal.constructor(0, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let args = a + 1
            let n = nPos - 1
            var target: Obj
            var inverted = false
            // An instance of a Python subclass of Pin (or Signal) is that pin: its native part.
            var first = n > 0 ? args[0] : Obj.null
            if n > 0 && kindOf(first) == .instance {
                let part = Classes.nativePart(first)
                if !part.isNull && isPinLike(part) { first = part }
            }
            if n > 0 && isPinLike(first) {
                guard n == 1 else { throw PyExc.make(Exceptions.TypeError) }
                if nKw == 1 && isName(args[1], invertName) {
                    inverted = try Runtime.isTrue(args[2])
                } else if nKw != 0 {
                    throw PyExc.make(Exceptions.TypeError)
                }
                target = first
            } else {
                // Not a pin: the arguments make one, less `invert` (which also inverts `value`).
                for i in 0..<nKw where isName(args[n + 2 * i], invertName) {
                    inverted = try Runtime.isTrue(args[n + 2 * i + 1])
                }
                let pass = try PyStack.pushObjs(n + 2 * nKw + 1)
                defer { PyStack.pop(to: pass) }
                pass[0] = MachinePin.pinClass.type
                for i in 0..<n { pass[1 + i] = args[i] }
                var kept = 0
                for i in 0..<nKw where !isName(args[n + 2 * i], invertName) {
                    pass[1 + n + 2 * kept] = args[n + 2 * i]
                    var value = args[n + 2 * i + 1]
                    if isName(args[n + 2 * i], valueName) && inverted {
                        value = Obj(small: try Runtime.isTrue(value) ? 0 : 1)
                    }
                    pass[1 + n + 2 * kept + 1] = value
                    kept += 1
                }
                target = try Runtime.call(MachinePin.pinClass.type, pass + 1, n, kept)
            }
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            hold[0] = target
            let o = try signal.make()
            pin[o] = target
            invert[o] = inverted
            return o
        }
        signal.method("value", 1, 2) { (a, nPos, _) throws(PyExc) in
            if nPos == 1 { return Obj(small: try read(a[0])) }
            try write(a[0], try Runtime.isTrue(a[1]) ? 1 : 0)
            return .none
        }
        signal.method("on", 1, 1) { (a, _, _) throws(PyExc) in try write(a[0], 1); return .none }
        signal.method("off", 1, 1) { (a, _, _) throws(PyExc) in try write(a[0], 0); return .none }
        let slots = NativeProtocols()
        slots.call = { (o, args, nPos, nKw) throws(PyExc) in
            try MachineArgs.check(nPos, nKw, 0, 1)
            if nPos == 0 { return Obj(small: try read(o)) }
            try write(o, try Runtime.isTrue(args[0]) ? 1 : 0)
            return .none
        }
        signal.implement(slots)
    }
}
