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
        if vn == 1 {
            let d = UInt32(v[0])
            var rem: UInt32 = 0
            var i = un - 1
            if let q = q {
                while i >= 0 {
                    let cur = (rem << 16) | UInt32(u[i])
                    let qd = cur / d
                    rem = cur &- qd &* d
                    q[i] = UInt16(truncatingIfNeeded: qd)
                    i -= 1
                }
            } else {
                while i >= 0 {
                    rem = ((rem << 16) | UInt32(u[i])) % d
                    i -= 1
                }
            }
            if let r = r { r[0] = UInt16(truncatingIfNeeded: rem) }
            return (q != nil ? trimmed(q!, un) : 0, rem == 0 ? 0 : 1)
        }
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: un + 1 + vn) { buf in
            let w = buf.baseAddress!     // normalised dividend, un+1 digits
            let y = w + un + 1           // normalised divisor, vn digits
            let s = UInt32(v[vn - 1].leadingZeroBitCount)
            // y = v << s
            var i = vn - 1
            while i > 0 {
                y[i] = UInt16(truncatingIfNeeded: ((UInt32(v[i]) << 16 | UInt32(v[i - 1])) << s) >> 16)
                i -= 1
            }
            y[0] = UInt16(truncatingIfNeeded: UInt32(v[0]) << s)
            // w = u << s
            w[un] = UInt16(truncatingIfNeeded: (UInt32(u[un - 1]) << s) >> 16)
            i = un - 1
            while i > 0 {
                w[i] = UInt16(truncatingIfNeeded: ((UInt32(u[i]) << 16 | UInt32(u[i - 1])) << s) >> 16)
                i -= 1
            }
            w[0] = UInt16(truncatingIfNeeded: UInt32(u[0]) << s)

            let ytop = UInt32(y[vn - 1])
            let ynext = UInt32(y[vn - 2])
            var j = un - vn
            while j >= 0 {
                let num = UInt32(w[j + vn]) << 16 | UInt32(w[j + vn - 1])
                var qhat = num / ytop
                var rhat = num &- qhat &* ytop
                let wlow = UInt32(w[j + vn - 2])
                while qhat >= 0x10000 || qhat &* ynext > (rhat << 16 | wlow) {
                    qhat -= 1
                    rhat += ytop
                    if rhat >= 0x10000 { break }
                }
                // w[j...j+vn] -= qhat * y
                var carry: UInt32 = 0
                var borrow: UInt32 = 0
                let wj = w + j
                var k = 0
                while k < vn {
                    let p = qhat &* UInt32(y[k]) &+ carry
                    carry = p >> 16
                    let t = UInt32(wj[k]) &- (p & 0xFFFF) &- borrow
                    wj[k] = UInt16(truncatingIfNeeded: t)
                    borrow = t >> 31
                    k += 1
                }
                let t = UInt32(wj[vn]) &- carry &- borrow
                wj[vn] = UInt16(truncatingIfNeeded: t)
                if t >> 31 != 0 {
                    // Rare: qhat was one too large; add y back.
                    qhat -= 1
                    var c: UInt32 = 0
                    k = 0
                    while k < vn {
                        let s2 = UInt32(wj[k]) &+ UInt32(y[k]) &+ c
                        wj[k] = UInt16(truncatingIfNeeded: s2)
                        c = s2 >> 16
                        k += 1
                    }
                    wj[vn] = UInt16(truncatingIfNeeded: UInt32(wj[vn]) &+ c)
                }
                if let q = q { q[j] = UInt16(truncatingIfNeeded: qhat) }
                j -= 1
            }
            var rn = 0
            if let r = r {
                var k = 0
                while k < vn {
                    r[k] = UInt16(truncatingIfNeeded: (UInt32(w[k + 1]) << 16 | UInt32(w[k])) >> s)
                    k += 1
                }
                rn = trimmed(r, vn)
            } else {
                rn = trimmed(w, vn) == 0 ? 0 : 1   // only zero/non-zero is meaningful
            }
            let qn = q != nil ? trimmed(q!, un - vn + 1) : 0
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
