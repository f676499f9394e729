// Conversion to and from text in bases 2...36.

extension MPZ {
    /// For base b (index), the largest power b**k below 2**32 and k.
    @usableFromInline
    static func chunk(_ base: Int) -> (power: UInt32, digits: Int) {
        var p: UInt64 = UInt64(base)
        var k = 1
        while p * UInt64(base) < (1 << 32) { p *= UInt64(base); k += 1 }
        return (UInt32(p), k)
    }

    /// log2(base) when base is a power of two, else 0.
    @inline(__always)
    static func powerOfTwoShift(_ base: Int) -> Int {
        base & (base - 1) == 0 ? base.trailingZeroBitCount : 0
    }

    /// Maximum number of characters `toString` writes (including a '-' sign).
    public static func toStringCapacity(_ a: MPZView, base: Int) -> Int {
        precondition(base >= 2 && base <= 36, "base must be in 2...36")
        let bits = bitLength(a)
        // floor(log2(base)) bits per output digit at least.
        let perDigit = Int.bitWidth - 1 - base.leadingZeroBitCount
        return bits / perDigit + 2
    }

    /// Writes a in `base` as ASCII into `out` (no prefix; '-' for negatives) and
    /// returns the number of bytes written. `out` needs `toStringCapacity` bytes.
    public static func toString(_ a: MPZView, base: Int, uppercase: Bool = false,
                                into out: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(base >= 2 && base <= 36, "base must be in 2...36")
        if a.count == 0 { out[0] = 0x30; return 1 }
        let letter: UInt8 = uppercase ? 0x41 - 10 : 0x61 - 10
        @inline(__always) func ch(_ v: UInt32) -> UInt8 {
            v < 10 ? UInt8(truncatingIfNeeded: v) + 0x30 : UInt8(truncatingIfNeeded: v) + letter
        }
        // Digits are produced least-significant first, then reversed.
        var len = 0
        let shift = powerOfTwoShift(base)
        if shift != 0 {
            let mask = UInt32(base - 1)
            let bits = bitLength(a)
            var pos = 0
            while pos < bits {
                let di = pos / 16, bi = UInt32(pos % 16)
                var w = UInt32(a.digits[di])
                if di + 1 < a.count { w |= UInt32(a.digits[di + 1]) << 16 }
                out[len] = ch((w >> bi) & mask)
                len += 1
                pos += shift
            }
        } else {
            let (power, k) = chunk(base)
            let b = UInt32(base)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: (a.count + 1) >> 1) { buf in
                let t = buf.baseAddress!
                var n = pack(a.digits, a.count, t)
                while n > 0 {
                    var r = base == 10 ? limbDivBillion(t, n) : limbDivSmall(t, n, power)
                    while n > 0 && t[n - 1] == 0 { n -= 1 }
                    if n == 0 {
                        while r != 0 { out[len] = ch(r % b); r /= b; len += 1 }
                    } else if base == 10 {
                        var i = 0
                        while i < 9 { out[len] = UInt8(truncatingIfNeeded: r % 10) &+ 0x30; r /= 10; len += 1; i += 1 }
                    } else {
                        var i = 0
                        while i < k { out[len] = ch(r % b); r /= b; len += 1; i += 1 }
                    }
                }
            }
        }
        if a.negative { out[len] = 0x2D; len += 1 }
        // Reverse in place.
        var i = 0, j = len - 1
        while i < j { let x = out[i]; out[i] = out[j]; out[j] = x; i += 1; j -= 1 }
        return len
    }

    /// a as a Swift String in `base` (no prefix).
    public static func toString(_ a: MPZView, base: Int = 10, uppercase: Bool = false) -> String {
        let cap = toStringCapacity(a, base: base)
        return String(unsafeUninitializedCapacity: cap) { buf in
            toString(a, base: base, uppercase: uppercase, into: buf.baseAddress!)
        }
    }

    /// Digits needed to parse `length` characters in `base`.
    public static func fromStringCapacity(length: Int, base: Int) -> Int {
        // ceil(log2(base)) bits per character at most.
        let perChar = Int.bitWidth - (base - 1).leadingZeroBitCount
        return (length * perChar + 15) / 16 + 2
    }

    /// Parses ASCII digits in `base` (2...36) into `out`. Accepts an optional leading
    /// '+'/'-' and ignores '_' characters; no prefix or whitespace handling.
    /// Returns nil if there are no digits or a character is not a valid digit.
    public static func fromString(_ text: UnsafePointer<UInt8>, count: Int, base: Int,
                                  into out: UnsafeMutablePointer<UInt16>) -> MPZView? {
        precondition(base >= 2 && base <= 36, "base must be in 2...36")
        var i = 0
        var negative = false
        if count > 0 && (text[0] == 0x2D || text[0] == 0x2B) { negative = text[0] == 0x2D; i = 1 }
        @inline(__always) func value(_ c: UInt8) -> UInt32 {
            switch c {
            case 0x30...0x39: return UInt32(c - 0x30)
            case 0x61...0x7A: return UInt32(c - 0x61 + 10)
            case 0x41...0x5A: return UInt32(c - 0x41 + 10)
            default: return 99
            }
        }
        let b = UInt32(base)
        var n = 0
        var seen = false
        let shift = powerOfTwoShift(base)
        if shift != 0 {
            // Validate and count digits, then fill bits from the least significant end.
            var nd = 0
            var j = i
            while j < count {
                let c = text[j]
                if c != 0x5F {
                    if value(c) >= b { return nil }
                    nd += 1
                }
                j += 1
            }
            if nd == 0 { return nil }
            let total = (nd * shift + 15) / 16
            out.update(repeating: 0, count: total)
            var pos = 0
            j = count - 1
            while j >= i {
                let c = text[j]
                if c != 0x5F {
                    let v = value(c)
                    let di = pos / 16, bi = UInt32(pos % 16)
                    let w = v << bi
                    out[di] |= UInt16(truncatingIfNeeded: w)
                    if w >> 16 != 0 { out[di + 1] |= UInt16(truncatingIfNeeded: w >> 16) }
                    pos += shift
                }
                j -= 1
            }
            n = trimmed(out, total)
            seen = true
        } else {
            let (power, k) = chunk(base)
            let cap32 = (fromStringCapacity(length: count, base: base) + 1) >> 1 + 1
            n = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: cap32) { buf -> Int in
                let t = buf.baseAddress!
                var n32 = 0
                var acc: UInt32 = 0
                var accDigits = 0
                while i < count {
                    let c = text[i]
                    i += 1
                    if c == 0x5F { continue }
                    let v = value(c)
                    if v >= b { return -1 }
                    seen = true
                    acc = acc &* b &+ v
                    accDigits += 1
                    if accDigits == k {
                        n32 = limbMulAddSmall(t, n32, power, acc)
                        acc = 0
                        accDigits = 0
                    }
                }
                if accDigits > 0 {
                    var p: UInt32 = 1
                    var j = 0
                    while j < accDigits { p &*= b; j += 1 }
                    n32 = limbMulAddSmall(t, n32, p, acc)
                }
                unpack(t, out, 2 * n32)
                return trimmed(out, 2 * n32)
            }
            if n < 0 { return nil }
        }
        if !seen { return nil }
        return MPZView(negative: negative && n != 0, digits: out, count: n)
    }

    /// Parses a Swift string (see the pointer version).
    public static func fromString(_ text: String, base: Int, into out: UnsafeMutablePointer<UInt16>) -> MPZView? {
        var s = text
        return s.withUTF8 { u in
            fromString(u.baseAddress ?? UnsafePointer(mpzDummyByte), count: u.count, base: base, into: out)
        }
    }
}

nonisolated(unsafe) let mpzDummyByte: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()
