// Division (Knuth algorithm D) with Python floor semantics.

extension MPZ {
    /// Magnitude division: q = u / v, r = u % v (truncating; v must be non-zero).
    /// q needs max(un - vn + 1, 0) digits, r needs vn digits; either may be nil.
    /// q and r may overlap u or v (inputs are copied first) but not each other.
    /// Returns the trimmed digit counts.
    static func magDivRem(_ u: UnsafePointer<UInt16>, _ un: Int, _ v: UnsafePointer<UInt16>, _ vn: Int,
                          q: UnsafeMutablePointer<UInt16>?, r: UnsafeMutablePointer<UInt16>?) -> (qn: Int, rn: Int) {
        if compareMag(u, un, v, vn) < 0 {
            if let r = r, un > 0 { r.update(from: u, count: un) }
            return (0, un)
        }
        if vn <= 2 {
            // Short division by a single 32-bit value.
            let d = UInt64(v[0]) | (vn == 2 ? UInt64(v[1]) << 16 : 0)
            var rem: UInt64 = 0
            var i = un - 1
            if let q = q {
                while i >= 0 {
                    let cur = (rem << 16) | UInt64(u[i])
                    let qd = cur / d
                    rem = cur &- qd &* d
                    q[i] = UInt16(truncatingIfNeeded: qd)
                    i -= 1
                }
            } else {
                while i >= 0 {
                    rem = ((rem << 16) | UInt64(u[i])) % d
                    i -= 1
                }
            }
            var rn = 0
            if rem != 0 { rn = rem > 0xFFFF ? 2 : 1 }
            if let r = r {
                r[0] = UInt16(truncatingIfNeeded: rem)
                if vn == 2 { r[1] = UInt16(truncatingIfNeeded: rem >> 16) }
            }
            return (q != nil ? trimmed(q!, un) : 0, rn)
        }
        // Pack into 32-bit limbs and run Knuth D there.
        let un32 = (un + 1) >> 1, vn32 = (vn + 1) >> 1
        let qn32 = un32 - vn32 + 1
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: un32 + 1 + vn32 + qn32) { buf in
            let w = buf.baseAddress!     // normalised dividend, un32+1 limbs
            let y = w + un32 + 1         // normalised divisor, vn32 limbs
            let q32 = y + vn32
            _ = pack(u, un, w)
            _ = pack(v, vn, y)
            let s = UInt64(y[vn32 - 1].leadingZeroBitCount)
            if s != 0 {
                var i = vn32 - 1
                while i > 0 {
                    y[i] = UInt32(truncatingIfNeeded: ((UInt64(y[i]) << 32 | UInt64(y[i - 1])) << s) >> 32)
                    i -= 1
                }
                y[0] = UInt32(truncatingIfNeeded: UInt64(y[0]) << s)
                w[un32] = UInt32(truncatingIfNeeded: (UInt64(w[un32 - 1]) << s) >> 32)
                i = un32 - 1
                while i > 0 {
                    w[i] = UInt32(truncatingIfNeeded: ((UInt64(w[i]) << 32 | UInt64(w[i - 1])) << s) >> 32)
                    i -= 1
                }
                w[0] = UInt32(truncatingIfNeeded: UInt64(w[0]) << s)
            } else {
                w[un32] = 0
            }
            limbDivRem(w, un32, y, vn32, q != nil ? q32 : nil)
            var rn = 0
            if let r = r {
                // Denormalise the remainder into w[0..<vn32] (it is < v, so vn digits suffice).
                var k = 0
                while k < vn32 {
                    w[k] = UInt32(truncatingIfNeeded: (UInt64(w[k + 1]) << 32 | UInt64(w[k])) >> s)
                    k += 1
                }
                unpack(w, r, vn)
                rn = trimmed(r, vn)
            } else {
                var k = 0
                while k < vn32 { if w[k] != 0 { rn = 1; break }; k += 1 }  // only zero/non-zero matters
            }
            var qn = 0
            if let q = q {
                unpack(q32, q, un - vn + 1)
                qn = trimmed(q, un - vn + 1)
            }
            return (qn, rn)
        }
    }

    /// Digits needed for the quotient and remainder of `floorDivMod(a, b)`.
    @inlinable
    public static func divModCapacity(_ a: MPZView, _ b: MPZView) -> (quotient: Int, remainder: Int) {
        (Swift.max(a.count - b.count + 2, 1), Swift.max(b.count, 1))
    }

    /// Python floor division and modulo: q = a // b, r = a % b (r has the sign of b).
    /// Either output may be nil when not wanted (the returned view for it is then
    /// `.zero`). Returns nil on division by zero. Outputs must not overlap inputs.
    public static func floorDivMod(_ a: MPZView, _ b: MPZView,
                                   quotient: UnsafeMutablePointer<UInt16>?,
                                   remainder: UnsafeMutablePointer<UInt16>?) -> (quotient: MPZView, remainder: MPZView)? {
        if b.count == 0 { return nil }
        let rcap = b.count
        if remainder == nil {
            return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: rcap) { buf in
                let res = floorDivModImpl(a, b, quotient, buf.baseAddress!)
                return (res.0, .zero)
            }
        }
        return floorDivModImpl(a, b, quotient, remainder!)
    }

    static func floorDivModImpl(_ a: MPZView, _ b: MPZView, _ q: UnsafeMutablePointer<UInt16>?,
                                _ r: UnsafeMutablePointer<UInt16>) -> (MPZView, MPZView) {
        var (qn, rn) = magDivRem(a.digits, a.count, b.digits, b.count, q: q, r: r)
        let diff = a.negative != b.negative
        if diff && rn != 0 {
            if let q = q { qn = magIncrement(q, qn) }
            rn = magSub(r, b.digits, b.count, r, rn)
        }
        let qv = q.map { MPZView(negative: diff && qn != 0, digits: $0, count: qn) } ?? .zero
        let rv = MPZView(negative: b.negative && rn != 0, digits: r, count: rn)
        return (qv, rv)
    }

    /// out = a // b (floor). Needs `divModCapacity(a, b).quotient` digits. nil if b == 0.
    public static func floorDivide(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView? {
        floorDivMod(a, b, quotient: out, remainder: nil)?.quotient
    }

    /// out = a % b (sign of b). Needs `divModCapacity(a, b).remainder` digits. nil if b == 0.
    public static func modulo(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView? {
        floorDivMod(a, b, quotient: nil, remainder: out)?.remainder
    }

    /// Digits needed for `truncatedDivRem` (C-style division, used by some builtins).
    @inlinable
    public static func truncatedDivRemCapacity(_ a: MPZView, _ b: MPZView) -> (quotient: Int, remainder: Int) {
        (Swift.max(a.count - b.count + 1, 1), Swift.max(b.count, 1))
    }

    /// Truncating division (quotient rounds toward zero, remainder has the sign of a).
    /// nil on division by zero. Outputs must not overlap each other.
    public static func truncatedDivRem(_ a: MPZView, _ b: MPZView,
                                       quotient: UnsafeMutablePointer<UInt16>?,
                                       remainder: UnsafeMutablePointer<UInt16>?) -> (quotient: MPZView, remainder: MPZView)? {
        if b.count == 0 { return nil }
        let (qn, rn) = magDivRem(a.digits, a.count, b.digits, b.count, q: quotient, r: remainder)
        let qv = quotient.map { MPZView(negative: a.negative != b.negative && qn != 0, digits: $0, count: qn) } ?? .zero
        let rv = remainder.map { MPZView(negative: a.negative && rn != 0, digits: $0, count: rn) } ?? .zero
        return (qv, rv)
    }
}
