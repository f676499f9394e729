/// struct: pack/unpack of binary records (py/modstruct.c, py/binary.c), with the ESP8266's
/// 32-bit C type sizes for native ('@') formats.
public enum StructModule {
    struct Format {
        var bytes: [UInt8]
        var pos: Int = 0
        let order: UInt8  // '<', '>' or '@'

        init(_ o: Obj) throws(PyExc) {
            guard Str.isStr(o) else { throw PyExc.typeError("can't convert '\(typeName(o))' object to str implicitly") }
            bytes = Array(Str.buffer(o))
            var t: UInt8 = 0x40
            if let c = bytes.first {
                switch c {
                case 0x21: t = 0x3E; pos = 1           // '!' is network order, big endian
                case 0x40, 0x3D, 0x3C, 0x3E: t = c; pos = 1
                default: break
                }
            }
            order = t
        }

        var atEnd: Bool { pos >= bytes.count }

        /// The next (count, code), or nil at the end.
        mutating func next() -> (Int, UInt8)? {
            if atEnd { return nil }
            var cnt = 1
            if bytes[pos] >= 0x30 && bytes[pos] <= 0x39 {
                cnt = 0
                while pos < bytes.count && bytes[pos] >= 0x30 && bytes[pos] <= 0x39 {
                    // Saturates: no count that large can be packed, and sums stay in range.
                    cnt = min(cnt &* 10 &+ Int(bytes[pos] - 0x30), maxCount)
                    pos += 1
                }
            }
            let c: UInt8 = pos < bytes.count ? bytes[pos] : 0
            pos += 1
            return (cnt, c)
        }
    }

    /// (size, alignment) of a value code; ValueError "bad typecode" otherwise.
    static func sizeOf(_ order: UInt8, _ c: UInt8) throws(PyExc) -> (Int, Int) {
        var size = 0
        switch c {
        case 0x62, 0x42: size = 1                   // b B
        case 0x68, 0x48: size = 2                   // h H
        case 0x69, 0x49, 0x6C, 0x4C: size = 4       // i I l L
        case 0x50, 0x4F, 0x53: size = 4             // P O S: a pointer, an object, a C string
        case 0x71, 0x51: size = 8                   // q Q
        case 0x65: size = 2                         // e (half float)
        case 0x66: size = 4                         // f
        case 0x64: size = 8                         // d
        default: break
        }
        if size == 0 { throw PyExc.valueError("bad typecode") }
        return (size, order == 0x40 ? size : 1)
    }

    static func isSigned(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }

    static let maxCount = 1 << 40

    /// (number of items, total size) of a format.
    static func calc(_ fmtObj: Obj) throws(PyExc) -> (Int, Int) {
        var f = try Format(fmtObj)
        var size = 0, items = 0
        while let (cnt, c) = f.next() {
            var add = cnt
            if c == 0x78 {                                    // x
            } else if c == 0x73 {                             // s
                items += 1
            } else {
                items += cnt
                let (sz, align) = try sizeOf(f.order, c)
                // Sizes are multiples of their alignment: only the first item may need padding.
                if cnt > 0 { size = (size + align - 1) & ~(align - 1) }
                add = cnt * sz
            }
            let (t, o) = size.addingReportingOverflow(add)
            if o || items > maxCount { throw PyExc.overflowError("struct format too large") }
            size = t
        }
        return (items, size)
    }

    static func readValue(_ order: UInt8, _ c: UInt8, _ p: UnsafePointer<UInt8>, _ pos: inout Int) throws(PyExc) -> Obj {
        let (size, align) = try sizeOf(order, c)
        pos = (pos + align - 1) & ~(align - 1)
        let big = order == 0x3E || order == 0x21
        var v: UInt64 = 0
        for i in 0..<size {
            let b = UInt64(p[pos + (big ? i : size - 1 - i)])
            v = v << 8 | b
        }
        pos += size
        switch c {
        case 0x65: return try Float.make(Double(HalfFloat.decode(UInt16(truncatingIfNeeded: v))))
        case 0x66: return try Float.make(Double(Swift.Float(bitPattern: UInt32(v))))
        case 0x64: return try Float.make(Double(bitPattern: v))
        case 0x4F: return try AddressSpace.object(word: UInt32(truncatingIfNeeded: v))
        case 0x53: return try AddressSpace.cString(at: v)
        default: break
        }
        if isSigned(c) {
            let shift = UInt64(64 - 8 * size)
            let s = Int64(bitPattern: v << shift) >> Int64(shift)
            if Obj.fitsSmall(Int(s)) { return Obj(small: Int(s)) }
            return try IntOps.store(BigIntValue(s))
        }
        if v <= UInt64(Obj.smallIntMax) { return Obj(small: Int(v)) }
        return try IntOps.store(BigIntValue(v))
    }

    static func writeValue(_ order: UInt8, _ c: UInt8, _ v: Obj, _ p: UnsafeMutablePointer<UInt8>, _ pos: inout Int) throws(PyExc) {
        let (size, align) = try sizeOf(order, c)
        pos = (pos + align - 1) & ~(align - 1)
        let big = order == 0x3E
        var bits: UInt64
        switch c {
        case 0x65: bits = UInt64(HalfFloat.encode(Swift.Float(try ModSupport.float(v))))
        case 0x66: bits = UInt64(Swift.Float(try ModSupport.float(v)).bitPattern)
        case 0x64: bits = (try ModSupport.float(v)).bitPattern
        case 0x4F: bits = UInt64(AddressSpace.exposeObject(v))
        default:
            if !IntOps.isInt(v) { _ = try IntOps.toInt(v) }  // raises the TypeError
            bits = try ModSupport.truncated64(v)
        }
        for i in 0..<size {
            let b = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i))
            p[pos + (big ? size - 1 - i : i)] = b
        }
        pos += size
    }

    static func packInto(_ fmtObj: Obj, _ p: UnsafeMutablePointer<UInt8>, _ args: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) {
        var f = try Format(fmtObj)
        var pos = 0
        var i = 0
        while i < n {
            guard let (cnt, c) = f.next() else { break }
            if c == 0x78 {
                for k in 0..<cnt { p[pos + k] = 0 }
                pos += cnt
            } else if c == 0x73 {
                let data = try ModSupport.readBuffer(args[i]); i += 1
                for k in 0..<cnt { p[pos + k] = k < data.count ? data[k] : 0 }
                pos += cnt
            } else {
                var left = cnt
                while left > 0 && i < n {
                    try writeValue(f.order, c, args[i], p, &pos)
                    i += 1
                    left -= 1
                }
            }
        }
    }

    static func unpack(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> Obj {
        let (items, size) = try calc(a[0])
        var f = try Format(a[0])
        let data = try ModSupport.readBuffer(a[1])
        var offset = 0
        if nPos > 2 {
            offset = try IntOps.toInt(a[2])
            if offset < 0 {
                offset += data.count
                if offset < 0 { throw PyExc.valueError("buffer too small") }
            }
        }
        if offset > data.count || size > data.count - offset { throw PyExc.valueError("buffer too small") }
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, data.count - offset))
        defer { buf.deallocate() }
        for k in offset..<data.count { buf[k - offset] = data[k] }
        var pos = 0
        var done = 0
        let order = f.order
        var pending: (Int, UInt8)? = nil
        var remaining = 0
        return try ModSupport.tuple(items) { (_: Int) throws(PyExc) -> Obj in
            while true {
                if remaining == 0 {
                    guard let (cnt, c) = f.next() else { throw PyExc.valueError("buffer too small") }
                    if c == 0x78 { pos += cnt; continue }
                    if c == 0x73 {
                        let o = try Str.make(buf + pos, cnt, type: Types.bytes)
                        pos += cnt
                        done += 1
                        return o
                    }
                    pending = (cnt, c)
                    remaining = cnt
                    if cnt == 0 { continue }
                }
                remaining -= 1
                done += 1
                return try readValue(order, pending!.1, UnsafePointer(buf), &pos)
            }
        }
    }

    static func install() {
        let m = ModuleBuilder("struct", extensible: true)
        m.function("calcsize", 1, 1) { (a, _, _) throws(PyExc) in try IntOps.make(try calc(a[0]).1) }
        m.function("pack", 1, Native.varArgs) { (a, n, _) throws(PyExc) in
            let size = try calc(a[0]).1
            let o = try Str.allocate(size, type: Types.bytes)
            let p = arenaBytes(words(o)[3])
            p.initialize(repeating: 0, count: size + 1)
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = o
            try packInto(a[0], p, a + 1, n - 1)
            return Str.finish(o)
        }
        m.function("pack_into", 3, Native.varArgs) { (a, n, _) throws(PyExc) in
            let (p, len) = try ModSupport.writeBuffer(a[1])
            var offset = try IntOps.toInt(a[2])
            if offset < 0 {
                offset += len
                if offset < 0 { throw PyExc.valueError("buffer too small") }
            }
            let size = try calc(a[0]).1
            if offset > len || size > len - offset { throw PyExc.valueError("buffer too small") }
            try packInto(a[0], p + offset, a + 3, n - 3)
            return .none
        }
        m.function("unpack", 2, 2) { (a, n, _) throws(PyExc) in try unpack(a, n) }
        m.function("unpack_from", 2, 3) { (a, n, _) throws(PyExc) in try unpack(a, n) }
    }
}

/// IEEE half floats as MicroPython's py/binary.c converts them without a native 16-bit float
/// type (the unix and ESP8266 builds): from a single's bits, rounding on the first dropped
/// bit, with its overflow rule (exponents up to 0x3F spill into the sign bit, as in C).
enum HalfFloat {
    static let mantissaBits = 10
    static let mantissaMask: UInt32 = 0x3FF
    static let exponentMask = 0x1F
    static let singleExponentMask = 0xFF
    static let singleMantissaShift = 13
    static let biasDifference = 127 - 15
    static let implicitBit: UInt32 = 0x400
    static let smallestShift = -11
    static let overflowExponent = 0x3F

    static func decode(_ h: UInt16) -> Swift.Float {
        var m = UInt32(h) & mantissaMask
        var e = Int(h >> UInt16(mantissaBits)) & exponentMask
        if e == exponentMask {
            e = singleExponentMask
        } else if e != 0 {
            e += biasDifference
        } else if m != 0 {
            e = biasDifference
            while m & implicitBit == 0 { m <<= 1; e -= 1 }
            m -= implicitBit
            e += 1
        }
        let bits = (UInt32(h) & 0x8000) << 16 | UInt32(e) << 23 | m << UInt32(singleMantissaShift)
        return Swift.Float(bitPattern: bits)
    }

    static func encode(_ x: Swift.Float) -> UInt16 {
        let i = x.bitPattern
        var m = UInt16(truncatingIfNeeded: (i >> UInt32(singleMantissaShift)) & mantissaMask)
        if i & (1 << 12) != 0 { m &+= 1 }
        var e = Int((i >> 23) & UInt32(singleExponentMask))
        if e == singleExponentMask {
            e = exponentMask
        } else if e != 0 {
            e -= biasDifference
            if e < 0 {
                if e >= smallestShift {
                    m = (m | UInt16(implicitBit)) >> UInt16(-e)
                    m = m & 1 != 0 ? (m >> 1) &+ 1 : m >> 1
                } else {
                    m = 0
                }
                e = 0
            } else if e > overflowExponent {
                e = exponentMask
                m = 0
            }
        }
        return UInt16(truncatingIfNeeded: (i >> 16) & 0x8000) | UInt16(truncatingIfNeeded: e << mantissaBits) | m
    }
}
