import MicroPython

/// machine.SPI (the HSPI peripheral, type name HSPI, fixed pins) and machine.SoftSPI (any
/// pins), both exchanging bytes with the board's SPI bus model.
enum MachineSPI {
    static let msb = 0, lsb = 1
    static let hspiID = 1
    static let fullSpeed = 80_000_000
    static let maxDividedSpeed = 40_000_000
    /// The HSPI clock: 80 MHz / (prediv * cntdiv); prediv 1...8192, cntdiv even, at most 64.
    static let maxPrescaler = 0x1FFF + 1
    static let maxCounter = 0x3F + 1
    static let softDefaultBaudrate = 500_000
    static let softHalfPeriodScale = 500_000
    static let unset = -1

    static let hspiParams: [MachineParam] = [
        .int("baudrate", default: unset), .int("polarity", default: unset), .int("phase", default: unset),
    ]
    static let softMakeParams: [MachineParam] = [
        .int("baudrate", default: softDefaultBaudrate),
        .int("polarity", keywordOnly: true, default: 0), .int("phase", keywordOnly: true, default: 0),
        .int("bits", keywordOnly: true, default: 8), .int("firstbit", keywordOnly: true, default: msb),
        .object("sck", keywordOnly: true), .object("mosi", keywordOnly: true), .object("miso", keywordOnly: true),
    ]
    static let softInitParams: [MachineParam] = [
        .int("baudrate", default: unset), .int("polarity", default: unset), .int("phase", default: unset),
        .int("firstbit", keywordOnly: true, default: unset),
        .object("sck", keywordOnly: true), .object("mosi", keywordOnly: true), .object("miso", keywordOnly: true),
    ]

    nonisolated(unsafe) static var softClass: NativeClass!

    static func reversed(_ b: UInt8) -> UInt8 {
        var r: UInt8 = 0
        for i in 0..<8 where b & (1 << UInt8(i)) != 0 { r |= 0x80 >> UInt8(i) }
        return r
    }

    /// The generic methods over a transfer function (machine_spi.c's locals).
    static func installMethods(_ cls: NativeClass, _ transfer: @escaping (Obj, UnsafePointer<UInt8>, UnsafeMutablePointer<UInt8>?, Int) throws(PyExc) -> Void) {
        cls.method("deinit", 1, 1) { (_, _, _) throws(PyExc) in .none }
        cls.method("read", 2, 3) { (a, nPos, _) throws(PyExc) in
            let n = try MachineArgs.length(a[1])
            let fill = UInt8(truncatingIfNeeded: nPos == 3 ? try MachineArgs.toInt(a[2]) : 0)
            let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: max(n, 1))
            defer { buf.deallocate() }
            buf.initialize(repeating: fill, count: max(n, 1))
            try transfer(a[0], buf, buf, n)
            return try MachineArgs.bytes(Array(UnsafeBufferPointer(start: buf, count: n)))
        }
        cls.method("readinto", 2, 3) { (a, nPos, _) throws(PyExc) in
            let (p, n) = try ModSupport.writeBuffer(a[1])
            let fill = UInt8(truncatingIfNeeded: nPos == 3 ? try MachineArgs.toInt(a[2]) : 0)
            for i in 0..<n { p[i] = fill }
            try transfer(a[0], p, p, n)
            return .none
        }
        cls.method("write", 2, 2) { (a, _, _) throws(PyExc) in
            let src = try ModSupport.bufferView(a[1])
            if let base = src.baseAddress { try transfer(a[0], base, nil, src.count) }
            return .none
        }
        cls.method("write_readinto", 3, 3) { (a, _, _) throws(PyExc) in
            let src = try ModSupport.bufferView(a[1])
            let (p, n) = try ModSupport.writeBuffer(a[2])
            guard src.count == n else { throw PyExc.valueError("buffers must be the same length") }
            if let base = src.baseAddress { try transfer(a[0], base, p, n) }
            return .none
        }
        cls.constant("MSB", Obj(small: msb))
        cls.constant("LSB", Obj(small: lsb))
    }

    static func install(_ m: ModuleBuilder) {
        installSoft(m)

        let spi = NativeClass("HSPI")
        m.set("SPI", spi.type)
        let baudrate = spi.field(UInt32.self)
        let polarity = spi.field(Int32.self)
        let phase = spi.field(Int32.self)

        func configure(_ o: Obj, _ a: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) {
            let v = try MachineArgs.parse(a, nPos, nKw, hspiParams)
            if v.int(0) != unset { baudrate[o] = UInt32(truncatingIfNeeded: v.int(0)) }
            if v.int(1) != unset { polarity[o] = Int32(truncatingIfNeeded: v.int(1)) }
            if v.int(2) != unset { phase[o] = Int32(truncatingIfNeeded: v.int(2)) }
            let rate = Int(baudrate[o])
            if rate == fullSpeed { return }
            if rate > maxDividedSpeed { throw PyExc.valueError("impossible baudrate") }
            if rate == 0 { throw PyExc.zeroDivision() }
            let divider = maxDividedSpeed / rate
            let prescaler = min(divider, maxPrescaler)
            let counter = prescaler == 0 ? 0 : (divider / prescaler) * 2
            if counter > maxCounter || counter == 0 || prescaler == 0 { throw PyExc.valueError("impossible baudrate") }
            baudrate[o] = UInt32(fullSpeed / (prescaler * counter))
        }

        spi.constructor(0, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            if nPos == 1 || a[1] == Obj(small: -1) {
                Builtins.out("Warning: SPI(-1, ...) is deprecated, use SoftSPI(...) instead\n")
                let rest = nPos == 1 ? a : a + 1
                let n = nPos == 1 ? 0 : nPos - 2
                let pass = try PyStack.pushObjs(n + 2 * nKw)
                defer { PyStack.pop(to: pass) }
                for i in 0..<(n + 2 * nKw) { pass[i] = rest[1 + i] }
                return try Runtime.call(softClass.type, pass, n, nKw)
            }
            if a[1] != Obj(small: hspiID) { throw PyExc.make(Exceptions.ValueError) }
            let o = try spi.make()
            baudrate[o] = UInt32(fullSpeed)
            polarity[o] = 0
            phase[o] = 0
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            hold[0] = o
            try configure(o, a + 2, nPos - 2, nKw)
            return o
        }
        spi.method("init", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            try configure(a[0], a + 1, nPos - 1, nKw)
            return .none
        }
        spi.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            try Str.make("HSPI(id=1, baudrate=\(baudrate[a[0]]), polarity=\(polarity[a[0]]), phase=\(phase[a[0]]))")
        }
        installMethods(spi) { (_, src, dest, n) throws(PyExc) in
            let board = try MachineArgs.board
            for i in 0..<n {
                let r = board.hardware.spi.exchange(sck: SPIBusModel.hspiSCK, src[i], gpio: board.gpio)
                dest?[i] = r
            }
        }
    }

    static func installSoft(_ m: ModuleBuilder) {
        let soft = NativeClass("SoftSPI", in: m)
        softClass = soft
        let halfPeriod = soft.field(Int32.self)
        let polarity = soft.field(Int32.self)
        let phase = soft.field(Int32.self)
        let firstbit = soft.field(Int32.self)
        let sck = soft.field(Int32.self)
        let mosi = soft.field(Int32.self)
        let miso = soft.field(Int32.self)

        func halfPeriodFor(_ rate: Int) throws(PyExc) -> Int32 {
            let r = Int(UInt32(truncatingIfNeeded: rate))
            if r == 0 { throw PyExc.zeroDivision() }
            var d = softHalfPeriodScale / r
            if softHalfPeriodScale % r != 0 { d += 1 }
            return Int32(d)
        }

        /// mp_soft_spi_ioctl(INIT): clock idles at the polarity, MOSI an output, MISO an input.
        func setUpPins(_ o: Obj) throws(PyExc) {
            let gpio = try MachineArgs.board.gpio
            gpio.write(Int(sck[o]), Int(polarity[o]) & 1)
            gpio.setDirection(Int(sck[o]), .output)
            gpio.setDirection(Int(mosi[o]), .output)
            gpio.setDirection(Int(miso[o]), .input)
        }

        soft.constructor(0, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, softMakeParams)
            let o = try soft.make()
            halfPeriod[o] = try halfPeriodFor(v.int(0))
            polarity[o] = Int32(truncatingIfNeeded: v.int(1))
            phase[o] = Int32(truncatingIfNeeded: v.int(2))
            if v.int(3) != 8 { throw PyExc.valueError("bits must be 8") }
            firstbit[o] = Int32(truncatingIfNeeded: v.int(4))
            guard v.given[5] && v.given[6] && v.given[7] else { throw PyExc.valueError("must specify all of sck/mosi/miso") }
            sck[o] = Int32(try MachinePin.number(v.object(5)))
            mosi[o] = Int32(try MachinePin.number(v.object(6)))
            miso[o] = Int32(try MachinePin.number(v.object(7)))
            try setUpPins(o)
            return o
        }
        soft.method("init", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, softInitParams)
            let o = a[0]
            if v.int(0) != unset { halfPeriod[o] = try halfPeriodFor(v.int(0)) }
            if v.int(1) != unset { polarity[o] = Int32(truncatingIfNeeded: v.int(1)) }
            if v.int(2) != unset { phase[o] = Int32(truncatingIfNeeded: v.int(2)) }
            if v.int(3) != unset { firstbit[o] = Int32(truncatingIfNeeded: v.int(3)) }
            if v.given[4] { sck[o] = Int32(try MachinePin.number(v.object(4))) }
            if v.given[5] { mosi[o] = Int32(try MachinePin.number(v.object(5))) }
            if v.given[6] { miso[o] = Int32(try MachinePin.number(v.object(6))) }
            try setUpPins(o)
            return .none
        }
        soft.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            let o = a[0]
            return try Str.make("SoftSPI(baudrate=\(softHalfPeriodScale / Int(halfPeriod[o])), polarity=\(polarity[o]), phase=\(phase[o]), firstbit=\(firstbit[o]), sck=\(sck[o]), mosi=\(mosi[o]), miso=\(miso[o]))")
        }
        installMethods(soft) { (o, src, dest, n) throws(PyExc) in
            let board = try MachineArgs.board
            let lsbFirst = firstbit[o] != msb
            for i in 0..<n {
                let out = lsbFirst ? reversed(src[i]) : src[i]
                let r = board.hardware.spi.exchange(sck: Int(sck[o]), out, gpio: board.gpio)
                dest?[i] = lsbFirst ? reversed(r) : r
            }
        }
    }
}
