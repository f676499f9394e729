/// binascii: hex and base64 conversions (extmod/modbinascii.c), and crc32 where the port has it.
public enum BinasciiModule {
    static func sextet(_ c: UInt8) -> Int {
        switch c {
        case 0x41...0x5A: return Int(c) - 0x41
        case 0x61...0x7A: return Int(c) - 0x61 + 26
        case 0x30...0x39: return Int(c) - 0x30 + 52
        case 0x2B: return 62
        case 0x2F: return 63
        default: return -1
        }
    }

    static let crcTable: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func install() {
        let m = ModuleBuilder("binascii", extensible: true)
        m.function("hexlify", 1, 2) { (a, n, _) throws(PyExc) in
            let s = try ModSupport.readBuffer(a[0])
            if s.isEmpty { return try ModSupport.bytes([]) }
            // The separator is the first byte of a str or bytes (a NUL for an empty one), as
            // MicroPython reads it from the C string.
            var sep: UInt8? = nil
            if n > 1 {
                guard ReModule.isText(a[1]) else { throw PyExc.typeError("can't convert '\(typeName(a[1]))' object to str implicitly") }
                sep = Str.buffer(a[1]).first ?? 0
            }
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(s.count * 3)
            for (i, c) in s.enumerated() {
                if i > 0, let sp = sep { out.append(sp) }
                out.append(digits[Int(c >> 4)])
                out.append(digits[Int(c & 15)])
            }
            return try ModSupport.bytes(out)
        }
        m.function("unhexlify", 1, 1) { (a, _, _) throws(PyExc) in
            // The same decoding as bytes.fromhex.
            try StrMethods.fromhex(Types.bytes, a[0])
        }
        m.function("a2b_base64", 1, 1) { (a, _, _) throws(PyExc) in
            let input = try ModSupport.readBuffer(a[0])
            var out: [UInt8] = []
            var shift: UInt32 = 0
            var nbits = 0
            var hadPad = false
            for c in input {
                if c == 0x3D {
                    if nbits == 2 || (nbits == 4 && hadPad) { nbits = 0; break }
                    hadPad = true
                }
                let s = sextet(c)
                if s < 0 { continue }
                hadPad = false
                shift = (shift << 6) | UInt32(s)
                nbits += 6
                if nbits >= 8 {
                    nbits -= 8
                    out.append(UInt8((shift >> UInt32(nbits)) & 0xFF))
                }
            }
            if nbits != 0 { throw PyExc.valueError("incorrect padding") }
            return try ModSupport.bytes(out)
        }
        // newline may be given by position too (mp_arg_parse_all with a positional bool).
        m.function("b2a_base64", 1, 2, kw: true) { (a, n, nKw) throws(PyExc) in
            let kw = KwArgs(a, n, nKw)
            try kw.check([Qstr("newline")])
            if n > 1 && kw.get(Qstr("newline")) != nil { throw PyExc.typeError("extra keyword arguments given") }
            let flag = n > 1 ? a[1] : kw.get(Qstr("newline"))
            let newline = try flag.map { (o: Obj) throws(PyExc) -> Bool in try Runtime.isTrue(o) } ?? true
            let input = try ModSupport.readBuffer(a[0])
            let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
            var out: [UInt8] = []
            var i = 0
            while i < input.count {
                let b0 = UInt32(input[i])
                let b1 = i + 1 < input.count ? UInt32(input[i + 1]) : 0
                let b2 = i + 2 < input.count ? UInt32(input[i + 2]) : 0
                let v = b0 << 16 | b1 << 8 | b2
                out.append(table[Int(v >> 18 & 63)])
                out.append(table[Int(v >> 12 & 63)])
                out.append(i + 1 < input.count ? table[Int(v >> 6 & 63)] : 0x3D)
                out.append(i + 2 < input.count ? table[Int(v & 63)] : 0x3D)
                i += 3
            }
            if newline { out.append(0x0A) }
            return try ModSupport.bytes(out)
        }
        guard MicroPythonRuntime.port.moduleFeatures.contains(.binasciiCRC32) else { return }
        m.function("crc32", 1, 2) { (a, n, _) throws(PyExc) in
            let input = try ModSupport.readBuffer(a[0])
            var crc: UInt32 = n > 1 ? UInt32(truncatingIfNeeded: try ModSupport.truncated64(a[1])) : 0
            crc ^= 0xFFFF_FFFF
            for b in input { crc = crcTable[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
            return try IntOps.make(Int(crc ^ 0xFFFF_FFFF))
        }
    }
}
