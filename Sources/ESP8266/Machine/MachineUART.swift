import MicroPython

/// machine.UART over the board's UART channels (esp8266-port-facts §3, §7): UART0 receives and
/// transmits (but while it carries the REPL its input belongs to the REPL, so reads give
/// None), UART1 only transmits.
enum MachineUART {
    static let defaultBaudrate = 115_200
    static let defaultBits = 8
    static let defaultStop = 1
    static let parityNone = 0, parityOdd = 1, parityEven = 2
    static let parityNames = ["None", "1", "0"]
    /// The pins: (TX, RX) as wired, or swapped onto GPIO15/13.
    static let normalPins = (tx: 1, rx: 3), swappedPins = (tx: 15, rx: 13)
    /// The static receive ring buffer: 16 bytes, one always free.
    static let staticRxBufferBytes = 16
    /// Bit times one character may take (start, data, parity, stop, with margin).
    static let bitsPerCharacterMargin = 13_000
    static let nanosecondsPerMillisecond: Int64 = 1_000_000

    /// The UART0 receive ring buffer's size (rxbuf + 1); shared by every UART object.
    nonisolated(unsafe) static var rxBufferBytes = staticRxBufferBytes
    /// True while the UART pins are swapped to GPIO15/13.
    nonisolated(unsafe) static var swapped = false

    static let params: [MachineParam] = [
        .int("baudrate", default: 0), .int("bits", default: 0), .object("parity"), .int("stop", default: 0),
        .object("tx", keywordOnly: true), .object("rx", keywordOnly: true),
        .int("rxbuf", keywordOnly: true, default: 0), .int("timeout", keywordOnly: true, default: 0),
        .int("timeout_char", keywordOnly: true, default: 0),
    ]

    static func install(_ m: ModuleBuilder) {
        let uart = NativeClass("UART", in: m)
        let id = uart.field(Int32.self)
        let baudrate = uart.field(Int32.self)
        let bits = uart.field(Int32.self)
        let parity = uart.field(Int32.self)
        let stop = uart.field(Int32.self)
        let timeout = uart.field(Int32.self)
        let timeoutChar = uart.field(Int32.self)

        func channel(_ o: Obj) throws(PyExc) -> UARTChannel {
            let board = try MachineArgs.board
            return id[o] == 0 ? board.uart0 : board.uart1
        }

        func configure(_ o: Obj, _ a: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) {
            let v = try MachineArgs.parse(a, nPos, nKw, params)
            if v.int(0) > 0 { baudrate[o] = Int32(truncatingIfNeeded: v.int(0)) }
            switch v.int(1) {
            case 0: break
            case 5...8: bits[o] = Int32(v.int(1))
            default: throw PyExc.valueError("invalid data bits")
            }
            if v.given[2] {
                if v.object(2) == .none {
                    parity[o] = Int32(parityNone)
                } else {
                    parity[o] = Int32(try MachineArgs.toInt(v.object(2)) & 1 == 1 ? parityOdd : parityEven)
                }
            }
            var tx = normalPins.tx, rx = normalPins.rx
            if v.given[4] { tx = try MachinePin.number(v.object(4)) }
            if v.given[5] { rx = try MachinePin.number(v.object(5)) }
            if tx == normalPins.tx && rx == normalPins.rx {
                swapped = false
            } else if tx == swappedPins.tx && rx == swappedPins.rx {
                swapped = true
            } else {
                throw PyExc.valueError("invalid tx/rx")
            }
            switch v.int(3) {
            case 0: break
            case 1, 2: stop[o] = Int32(v.int(3))
            default: throw PyExc.valueError("invalid stop bits")
            }
            if v.int(6) > 0 { rxBufferBytes = max(1, Int(UInt16(truncatingIfNeeded: v.int(6) + 1))) }
            timeout[o] = Int32(UInt16(truncatingIfNeeded: v.int(7)))
            let minimum = bitsPerCharacterMargin / max(Int(baudrate[o]), 1) + 1
            timeoutChar[o] = Int32(max(Int(UInt16(truncatingIfNeeded: v.int(8))), minimum))
        }

        // os.dupterm holds a UART(0) object in slot 1 and must know one when it sees it.
        Board.current?.uartObject = { (n: Int) throws(PyExc) -> Obj in try Runtime.invoke(uart.type, Obj(small: n)) }
        Board.current?.uartIdentity = { (o: Obj) -> Int? in uart.isInstance(o) ? Int(id[o]) : nil }

        uart.constructor(1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let n = try MachineArgs.toInt(a[1])
            guard n == 0 || n == 1 else { throw PyExc.valueError("UART(\(n)) does not exist") }
            let o = try uart.make()
            id[o] = Int32(n)
            baudrate[o] = Int32(defaultBaudrate)
            bits[o] = Int32(defaultBits)
            parity[o] = Int32(parityNone)
            stop[o] = Int32(defaultStop)
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            hold[0] = o
            try configure(o, a + 2, nPos - 2, nKw)
            return o
        }
        uart.method("init", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            try configure(a[0], a + 1, nPos - 1, nKw)
            return .none
        }
        uart.method("deinit", 1, 1) { (_, _, _) throws(PyExc) in .none }
        uart.method("any", 1, 1) { (_, _, _) throws(PyExc) in
            // The firmware answers from UART0's ring buffer for either id, 1 or 0.
            let c = try MachineArgs.board.uart0
            return Obj(small: !c.carriesREPL && c.available > 0 ? 1 : 0)
        }
        uart.method("txdone", 1, 1) { (_, _, _) throws(PyExc) in .true }
        uart.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            let o = a[0]
            return try Str.make("UART(\(id[o]), baudrate=\(UInt32(bitPattern: baudrate[o])), bits=\(bits[o]), parity=\(parityNames[Int(parity[o])]), stop=\(stop[o]), rxbuf=\(rxBufferBytes - 1), timeout=\(timeout[o]), timeout_char=\(timeoutChar[o]))")
        }

        /// Waits up to `ms` for a received byte on UART0 (servicing events); false on timeout.
        func waitForByte(_ c: UARTChannel, _ ms: Int32) throws(PyExc) -> Bool {
            let clock = try MachineArgs.board.clock
            let deadline = clock.monotonicNanoseconds() + Int64(ms) * nanosecondsPerMillisecond
            while true {
                if !c.carriesREPL && c.available > 0 { return true }
                if VM.pendingInterrupt || VM.pendingHook { try Runtime.handlePending() }
                if clock.monotonicNanoseconds() >= deadline { return false }
                clock.wait(until: deadline)
            }
        }

        let slots = NativeProtocols()
        slots.stream = .init(
            read: { (o, into) throws(PyExc) in
                if id[o] == 1 { throw MachineArgs.osError("UART(1) can't read") }
                if into.count == 0 { return 0 }
                let c = try MachineArgs.board.uart0
                guard try waitForByte(c, timeout[o]) else { return nil }
                var n = 0
                while n < into.count {
                    guard let b = c.takeByte() else { break }
                    into[n] = b
                    n += 1
                    if n == into.count { break }
                    if c.available == 0, try !waitForByte(c, timeoutChar[o]) { break }
                }
                return n
            },
            write: { (o, from) throws(PyExc) in
                try channel(o).transmit(from)
                return from.count
            },
            ioctl: { (o, request, argument) throws(PyExc) in
                switch request {
                case StreamIoctl.poll:
                    var ready = 0
                    let c = try MachineArgs.board.uart0
                    if argument & StreamIoctl.pollIn != 0 && id[o] == 0 && !c.carriesREPL && c.available > 0 { ready |= StreamIoctl.pollIn }
                    if argument & StreamIoctl.pollOut != 0 { ready |= StreamIoctl.pollOut }
                    return ready
                case StreamIoctl.flush: return 0
                default: return -1
                }
            })
        uart.implement(slots)
    }

    /// Soft reset: the ring buffer returns to its static size.
    static func reset() { rxBufferBytes = staticRxBufferBytes }
}
