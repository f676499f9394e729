// Conversions between big integers and machine integers, doubles and bytes.

extension MPZ {
    // MARK: - Machine integers

    /// Digits needed for `fromInt64` / `fromUInt64` (always 4).
    public static let int64Capacity = 4

    /// out = v (out needs 4 digits).
    public static func fromUInt64(_ v: UInt64, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        var x = v
        var n = 0
        while x != 0 {
            out[n] = UInt16(truncatingIfNeeded: x)
            x >>= 16
            n += 1
        }
        return MPZView(negative: false, digits: out, count: n)
    }

    /// out = v (out needs 4 digits).
    public static func fromInt64(_ v: Int64, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        var r = fromUInt64(v.magnitude, into: out)
        r.negative = v < 0
        return r
    }

    /// |a| if it fits in 64 bits.
    @inline(__always)
    static func magnitudeUInt64(_ a: MPZView) -> UInt64? {
        if a.count > 4 { return nil }
        var x: UInt64 = 0
        var i = a.count - 1
        while i >= 0 { x = x << 16 | UInt64(a.digits[i]); i -= 1 }
        return x
    }

    /// a as Int64, or nil on overflow.
    public static func toInt64(_ a: MPZView) -> Int64? {
        guard let m = magnitudeUInt64(a) else { return nil }
        if a.negative {
            if m > UInt64(Int64.max) + 1 { return nil }
            return m == UInt64(Int64.max) + 1 ? Int64.min : -Int64(m)
        }
        if m > UInt64(Int64.max) { return nil }
        return Int64(m)
    }

    /// a as UInt64, or nil if negative or too large.
    public static func toUInt64(_ a: MPZView) -> UInt64? {
        if a.negative { return nil }
        return magnitudeUInt64(a)
    }

    /// a as Int, or nil on overflow.
    public static func toInt(_ a: MPZView) -> Int? {
        guard let v = toInt64(a) else { return nil }
        return Int(exactly: v)
    }

    /// The low 64 bits of a in two's complement (like C's truncating conversion).
    public static func truncatingUInt64(_ a: MPZView) -> UInt64 {
        var x: UInt64 = 0
        var i = Swift.min(a.count, 4) - 1
        while i >= 0 { x = x << 16 | UInt64(a.digits[i]); i -= 1 }
        return a.negative ? 0 &- x : x
    }

    // MARK: - Doubles

    /// a converted to the nearest double (round-half-even), or nil if it overflows
    /// the double range (Python raises OverflowError).
    /// mpz_as_float: MicroPython's conversion to its float type, digit by digit from the top
    /// (`value * base + digit`, rounding at each step): 16-bit digits in single precision as
    /// on 32-bit builds, 32-bit digits in double precision as on 64-bit ones.
    public static func toFloatAccumulating(_ a: MPZView, single: Bool) -> Double {
        let digitBits = 16
        if single {
            let base = Swift.Float(1 << digitBits)
            var v: Swift.Float = 0
            var i = a.count - 1
            while i >= 0 { v = v * base + Swift.Float(a.digits[i]); i -= 1 }
            return Double(a.negative ? -v : v)
        }
        let base = Double(UInt64(1) << (2 * digitBits))
        var v = 0.0
        var j = (a.count + 1) / 2 - 1
        while j >= 0 {
            let low = UInt64(a.digits[2 * j])
            let high = 2 * j + 1 < a.count ? UInt64(a.digits[2 * j + 1]) : 0
            v = v * base + Double(low | high << UInt64(digitBits))
            j -= 1
        }
        return a.negative ? -v : v
    }

    public static func toDouble(_ a: MPZView) -> Double? {
        let bits = bitLength(a)
        if bits <= 64 {
            let d = Double(magnitudeUInt64(a)!)
            return a.negative ? -d : d
        }
        if bits > 1024 { return nil }
        // Take the top 64 bits and fold everything below into a sticky bit; the
        // rounding position (bit 11) is far above the sticky bit so one rounding is exact.
        let shift = bits - 64
        let ds = shift / 16
        let bs = UInt64(shift % 16)
        @inline(__always) func digit(_ i: Int) -> UInt64 { i < a.count ? UInt64(a.digits[i]) : 0 }
        let x = digit(ds) | digit(ds + 1) << 16 | digit(ds + 2) << 32 | digit(ds + 3) << 48
        var top = x >> bs
        if bs > 0 { top |= digit(ds + 4) << (64 - bs) }
        var sticky = bs > 0 && (x & ((1 << bs) - 1)) != 0
        if !sticky {
            var k = ds - 1
            while k >= 0 { if a.digits[k] != 0 { sticky = true; break }; k -= 1 }
        }
        if sticky { top |= 1 }
        let d = Double(top)  // correctly rounded to 53 bits
        let scaled = Double(sign: a.negative ? .minus : .plus, exponent: shift, significand: d)
        return scaled.isInfinite ? nil : scaled
    }

    /// Digits needed for `fromDouble(d)`.
    public static func fromDoubleCapacity(_ d: Double) -> Int {
        if !d.isFinite || Swift.abs(d) < 1 { return 1 }
        return Int(d.exponent) / 16 + 2
    }

    /// out = trunc(d). Returns nil for NaN or infinities.
    public static func fromDouble(_ d: Double, into out: UnsafeMutablePointer<UInt16>) -> MPZView? {
        if !d.isFinite { return nil }
        // Avoids libm: integer conversion truncates toward zero.
        let m = d.magnitude
        if m < 1 { return MPZView(negative: false, digits: out, count: 0) }
        if m < 18446744073709551616.0 {
            var r = fromUInt64(UInt64(m), into: out)
            r.negative = d < 0
            return r
        }
        // m = significand (53 bits) * 2**(exp - 52)
        let sig = UInt64(m.significandBitPattern) | (1 << 52)
        let e = Int(m.exponent) - 52
        var v = fromUInt64(sig, into: out)
        v = shiftLeft(v, e, into: out)
        v.negative = d < 0
        return v
    }

    // MARK: - Bytes

    /// Digits needed for `fromBytes` of `length` bytes.
    @inlinable public static func fromBytesCapacity(_ length: Int) -> Int { (length + 1) / 2 + 1 }

    /// Builds an integer from bytes (like int.from_bytes).
    public static func fromBytes(_ bytes: UnsafePointer<UInt8>, count: Int, littleEndian: Bool, signed: Bool,
                                 into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        if count == 0 { return MPZView(negative: false, digits: out, count: 0) }
        @inline(__always) func byte(_ i: Int) -> UInt8 { littleEndian ? bytes[i] : bytes[count - 1 - i] }
        let nd = (count + 1) / 2
        var k = 0
        while k < nd {
            let lo = UInt16(byte(2 * k))
            let hi: UInt16 = 2 * k + 1 < count ? UInt16(byte(2 * k + 1)) : 0
            out[k] = lo | hi << 8
            k += 1
        }
        let negative = signed && byte(count - 1) & 0x80 != 0
        if !negative { return MPZView(negative: false, digits: out, count: trimmed(out, nd)) }
        // Value = raw - 2**(8*count); magnitude = 2**(8*count) - raw = two's complement of raw.
        if count & 1 == 1 { out[nd - 1] |= 0xFF00 }  // sign-extend the partial digit
        var c: UInt32 = 1
        k = 0
        while k < nd {
            let t = UInt32(~out[k]) &+ c
            out[k] = UInt16(truncatingIfNeeded: t)
            c = t >> 16
            k += 1
        }
        // raw has its top bit set, so the magnitude fits in nd digits and c ends at 0.
        let n = trimmed(out, nd)
        return MPZView(negative: n != 0, digits: out, count: n)
    }

    /// Writes a into `length` bytes (like int.to_bytes). Returns false on overflow
    /// (value doesn't fit, or negative with signed == false).
    public static func toBytes(_ a: MPZView, length: Int, littleEndian: Bool, signed: Bool,
                               into bytes: UnsafeMutablePointer<UInt8>) -> Bool {
        if a.negative && !signed { return false }
        // Range check.
        let bits = bitLength(a)
        if signed {
            if a.negative {
                // Need |a| <= 2**(8*length-1).
                if bits > 8 * length { return false }
                if bits == 8 * length {
                    // Only exactly -2**(8*length-1) fits: |a| must be a power of two.
                    if length == 0 { return false }
                    let top = a.digits[a.count - 1]
                    if top & (top &- 1) != 0 || trimmed(a.digits, a.count - 1) != 0 { return false }
                }
            } else if bits > 8 * length - 1 && bits != 0 { return false }
        } else if bits > 8 * length { return false }
        var c: UInt32 = 1
        var i = 0
        while i < length {
            let digit: UInt16 = i / 2 < a.count ? a.digits[i / 2] : 0
            var b = UInt8(truncatingIfNeeded: i & 1 == 0 ? digit : digit >> 8)
            if a.negative {
                let t = UInt32(~b) &+ c
                b = UInt8(truncatingIfNeeded: t)
                c = t >> 8
            }
            if littleEndian { bytes[i] = b } else { bytes[length - 1 - i] = b }
            i += 1
        }
        return true
    }
}
