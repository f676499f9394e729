import MicroPython

/// machine.SoftI2C, which is also machine.I2C (the ESP8266 has no I2C hardware): a bit-banged
/// master on any two pins, talking to the board's I2C bus model byte by byte.
enum MachineI2C {
    static let defaultFrequency = 400_000
    /// SOFT_I2C_DEFAULT_TIMEOUT_US.
    static let defaultTimeoutMicroseconds = 50_000
    /// Half a clock period is 500000 / freq microseconds.
    static let halfPeriodMicrosecondsScale = 500_000
    /// 7-bit addresses 0x00-0x07 and 0x78-0x7F are reserved; scan() tries the rest.
    static let firstScanAddress = 0x08, endScanAddress = 0x78
    static let bitsPerByte = 8
    static let maxAddressBits = 32

    static let initParams: [MachineParam] = [
        .object("scl", required: true), .object("sda", required: true),
        .int("freq", keywordOnly: true, default: defaultFrequency),
        .int("timeout", keywordOnly: true, default: defaultTimeoutMicroseconds),
    ]
    static let memParams: [MachineParam] = [
        .int("addr", required: true), .int("memaddr", required: true), .object("arg", required: true),
        .int("addrsize", keywordOnly: true, default: 8),
    ]

    struct Bus {
        let scl: Int
        let sda: Int
        let model: I2CBusModel

        /// mp_machine_soft_i2c_transfer for a write: ACKs counted, or -ENODEV.
        func write(_ addr: Int, _ chunks: [[UInt8]], stop: Bool) -> Int {
            model.start(scl: scl, sda: sda)
            guard model.write(scl: scl, sda: sda, UInt8(truncatingIfNeeded: addr << 1)) else {
                model.stop(scl: scl, sda: sda)
                return -Errno.ENODEV
            }
            var acks = 0
            outer: for chunk in chunks {
                for b in chunk {
                    guard model.write(scl: scl, sda: sda, b) else { break outer }
                    acks += 1
                }
            }
            if stop { model.stop(scl: scl, sda: sda) }
            return acks
        }

        /// The same for a read into `into`: 0, or -ENODEV.
        func read(_ addr: Int, _ into: UnsafeMutablePointer<UInt8>, _ count: Int, stop: Bool) -> Int {
            model.start(scl: scl, sda: sda)
            guard model.write(scl: scl, sda: sda, UInt8(truncatingIfNeeded: addr << 1 | 1)) else {
                model.stop(scl: scl, sda: sda)
                return -Errno.ENODEV
            }
            for i in 0..<count { into[i] = model.read(scl: scl, sda: sda, ack: i + 1 < count) }
            if stop { model.stop(scl: scl, sda: sda) }
            return 0
        }
    }

    static func check(_ ret: Int) throws(PyExc) -> Int {
        if ret < 0 { throw PyExc.osError(-ret) }
        return ret
    }

    /// fill_memaddr_buf: the memory address as `addrsize` bits, most significant byte first.
    static func memoryAddress(_ memaddr: Int, _ addrsize: Int) throws(PyExc) -> [UInt8] {
        if addrsize & (bitsPerByte - 1) != 0 || addrsize > maxAddressBits || addrsize < 0 {
            throw PyExc.valueError("invalid addrsize")
        }
        let v = UInt32(truncatingIfNeeded: memaddr)
        return stride(from: addrsize - bitsPerByte, through: 0, by: -bitsPerByte).map { UInt8(truncatingIfNeeded: v >> UInt32($0)) }
    }

    static func install(_ m: ModuleBuilder) {
        let i2c = NativeClass("SoftI2C", in: m)
        m.set("I2C", i2c.type)
        let scl = i2c.field(Int32.self)
        let sda = i2c.field(Int32.self)
        let halfPeriod = i2c.field(Int32.self)
        let timeout = i2c.field(Int32.self)

        func bus(_ o: Obj) throws(PyExc) -> Bus {
            Bus(scl: Int(scl[o]), sda: Int(sda[o]), model: try MachineArgs.board.hardware.i2c)
        }

        func configure(_ o: Obj, _ a: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) {
            let v = try MachineArgs.parse(a, nPos, nKw, initParams)
            let c = try MachinePin.number(v.object(0))
            let d = try MachinePin.number(v.object(1))
            scl[o] = Int32(c)
            sda[o] = Int32(d)
            timeout[o] = Int32(truncatingIfNeeded: v.int(3))
            let freq = v.int(2)
            if freq == 0 { throw PyExc.zeroDivision() }
            halfPeriod[o] = Int32(max(1, halfPeriodMicrosecondsScale / freq))
            // mp_hal_i2c_init: both lines open-drain and released.
            let gpio = try MachineArgs.board.gpio
            for p in [c, d] {
                gpio.setDirection(p, .openDrain)
                gpio.write(p, 1)
            }
        }

        i2c.constructor(0, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let o = try i2c.make()
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            hold[0] = o
            try configure(o, a + 1, nPos - 1, nKw)
            return o
        }
        i2c.method("init", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            try configure(a[0], a + 1, nPos - 1, nKw)
            return .none
        }
        i2c.method("deinit", 1, 1) { (_, _, _) throws(PyExc) in .none }
        i2c.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            try Str.make("SoftI2C(scl=\(scl[a[0]]), sda=\(sda[a[0]]), freq=\(halfPeriodMicrosecondsScale / Int(halfPeriod[a[0]])))")
        }
        i2c.method("scan", 1, 1) { (a, _, _) throws(PyExc) in
            let b = try bus(a[0])
            let found = try List.make(count: 0)
            for addr in firstScanAddress..<endScanAddress where b.write(addr, [], stop: true) == 0 {
                try List.append(found, Obj(small: addr))
            }
            return found
        }
        i2c.method("start", 1, 1) { (a, _, _) throws(PyExc) in
            let b = try bus(a[0])
            b.model.start(scl: b.scl, sda: b.sda)
            return .none
        }
        i2c.method("stop", 1, 1) { (a, _, _) throws(PyExc) in
            let b = try bus(a[0])
            b.model.stop(scl: b.scl, sda: b.sda)
            return .none
        }
        i2c.method("readinto", 2, 3) { (a, nPos, _) throws(PyExc) in
            let b = try bus(a[0])
            let (p, n) = try ModSupport.writeBuffer(a[1])
            let nack = nPos < 3 ? true : try Runtime.isTrue(a[2])
            for i in 0..<n { p[i] = b.model.read(scl: b.scl, sda: b.sda, ack: !(nack && i == n - 1)) }
            return .none
        }
        i2c.method("write", 2, 2) { (a, _, _) throws(PyExc) in
            let b = try bus(a[0])
            var acks = 0
            for byte in try ModSupport.bufferView(a[1]) {
                guard b.model.write(scl: b.scl, sda: b.sda, byte) else { break }
                acks += 1
            }
            return Obj(small: acks)
        }
        i2c.method("readfrom", 3, 4) { (a, nPos, _) throws(PyExc) in
            let addr = try MachineArgs.toInt(a[1])
            let n = try MachineArgs.length(a[2])
            let stop = nPos == 3 ? true : try Runtime.isTrue(a[3])
            var data = [UInt8](repeating: 0, count: n)
            let b = try bus(a[0])
            let ret = data.withUnsafeMutableBufferPointer { b.read(addr, $0.baseAddress!, n, stop: stop) }
            _ = try check(ret)
            return try MachineArgs.bytes(data)
        }
        i2c.method("readfrom_into", 3, 4) { (a, nPos, _) throws(PyExc) in
            let addr = try MachineArgs.toInt(a[1])
            let (p, n) = try ModSupport.writeBuffer(a[2])
            let stop = nPos == 3 ? true : try Runtime.isTrue(a[3])
            _ = try check(try bus(a[0]).read(addr, p, n, stop: stop))
            return .none
        }
        i2c.method("writeto", 3, 4) { (a, nPos, _) throws(PyExc) in
            let addr = try MachineArgs.toInt(a[1])
            let data = Array(try ModSupport.bufferView(a[2]))
            let stop = nPos == 3 ? true : try Runtime.isTrue(a[3])
            return Obj(small: try check(try bus(a[0]).write(addr, [data], stop: stop)))
        }
        i2c.method("writevto", 3, 4) { (a, nPos, _) throws(PyExc) in
            let addr = try MachineArgs.toInt(a[1])
            let vector = a[2]
            let k = typeOf(vector)
            guard k == Types.tuple || k == Types.list else {
                throw PyExc.typeError("object '\(typeName(vector))' isn't a tuple or list")
            }
            let count = k == Types.tuple ? Tuple.count(vector) : List.count(vector)
            var chunks: [[UInt8]] = []
            for i in 0..<count {
                let item = k == Types.tuple ? Tuple.item(vector, i) : List.item(vector, i)
                chunks.append(Array(try ModSupport.bufferView(item)))
            }
            let stop = nPos == 3 ? true : try Runtime.isTrue(a[3])
            return Obj(small: try check(try bus(a[0]).write(addr, chunks, stop: stop)))
        }

        /// read_mem: the address written without STOP, then a read with STOP.
        func readMemory(_ o: Obj, _ addr: Int, _ memaddr: Int, _ addrsize: Int, _ p: UnsafeMutablePointer<UInt8>, _ n: Int) throws(PyExc) {
            let b = try bus(o)
            let address = try memoryAddress(memaddr, addrsize)
            let ret = b.write(addr, [address], stop: false)
            if ret != address.count {
                _ = b.write(addr, [], stop: true)
                _ = try check(ret < 0 ? ret : 0)
                return
            }
            _ = try check(b.read(addr, p, n, stop: true))
        }

        i2c.method("readfrom_mem", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, memParams)
            let n = try MachineArgs.length(v.object(2))
            var data = [UInt8](repeating: 0, count: n)
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(n, 1))
            defer { scratch.deallocate() }
            try readMemory(a[0], v.int(0), v.int(1), v.int(3), scratch, n)
            for i in 0..<n { data[i] = scratch[i] }
            return try MachineArgs.bytes(data)
        }
        i2c.method("readfrom_mem_into", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, memParams)
            let (p, n) = try ModSupport.writeBuffer(v.object(2))
            try readMemory(a[0], v.int(0), v.int(1), v.int(3), p, n)
            return .none
        }
        i2c.method("writeto_mem", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let v = try MachineArgs.parse(a + 1, nPos - 1, nKw, memParams)
            let data = Array(try ModSupport.bufferView(v.object(2)))
            let address = try memoryAddress(v.int(1), v.int(3))
            _ = try check(try bus(a[0]).write(v.int(0), [address, data], stop: true))
            return .none
        }
    }
}
