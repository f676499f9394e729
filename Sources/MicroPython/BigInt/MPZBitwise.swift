// Shifts and bitwise operations with Python's infinite two's-complement semantics.

extension MPZ {
    // MARK: - Shifts

    /// Digits needed for `shiftLeft(a, n)`; nil if the result would be absurdly large.
    public static func shiftLeftCapacity(_ a: MPZView, _ n: Int) -> Int? {
        if a.count == 0 { return 0 }
        if n < 0 || n / 16 > Int.max / 32 - a.count { return nil }
        return a.count + n / 16 + 1
    }

    /// out = a << n (n >= 0). Alias-safe (out may equal a.digits).
    public static func shiftLeft(_ a: MPZView, _ n: Int, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        if a.count == 0 { return MPZView(negative: false, digits: out, count: 0) }
        let ds = n / 16
        let bs = UInt32(n % 16)
        let an = a.count
        let src = a.digits
        // Work from the top down so that out == src is safe.
        var total: Int
        if bs == 0 {
            var i = an - 1
            while i >= 0 { out[i + ds] = src[i]; i -= 1 }
            total = an + ds
        } else {
            out[an + ds] = UInt16(truncatingIfNeeded: UInt32(src[an - 1]) >> (16 - bs))
            var i = an - 1
            while i > 0 {
                out[i + ds] = UInt16(truncatingIfNeeded: ((UInt32(src[i]) << 16 | UInt32(src[i - 1])) << bs) >> 16)
                i -= 1
            }
            out[ds] = UInt16(truncatingIfNeeded: UInt32(src[0]) << bs)
            total = an + ds + 1
        }
        if ds > 0 { out.update(repeating: 0, count: ds) }
        return MPZView(negative: a.negative, digits: out, count: trimmed(out, total))
    }

    /// Digits needed for `shiftRight(a, n)`.
    @inlinable
    public static func shiftRightCapacity(_ a: MPZView, _ n: Int) -> Int {
        Swift.max(a.count - Swift.max(n, 0) / 16, 0) + 1
    }

    /// out = a >> n (n >= 0), flooring for negatives like Python. Alias-safe.
    public static func shiftRight(_ a: MPZView, _ n: Int, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        if a.count == 0 { return MPZView(negative: false, digits: out, count: 0) }
        let ds = n / 16
        let bs = UInt32(n % 16)
        let an = a.count
        let src = a.digits
        if ds >= an {
            if a.negative { out[0] = 1; return MPZView(negative: true, digits: out, count: 1) }
            return MPZView(negative: false, digits: out, count: 0)
        }
        // Were any non-zero bits shifted out? (needed before overwriting when aliased)
        var lost = false
        if a.negative {
            var i = 0
            while i < ds { if src[i] != 0 { lost = true; break }; i += 1 }
            if !lost && bs != 0 && (UInt32(src[ds]) & ((1 << bs) - 1)) != 0 { lost = true }
        }
        let rn = an - ds
        // Bottom up: out[i] depends on src[i+ds], src[i+ds+1] with i+ds >= i, so aliasing is safe.
        if bs == 0 {
            var i = 0
            while i < rn { out[i] = src[i + ds]; i += 1 }
        } else {
            var i = 0
            while i < rn - 1 {
                out[i] = UInt16(truncatingIfNeeded: (UInt32(src[i + ds + 1]) << 16 | UInt32(src[i + ds])) >> bs)
                i += 1
            }
            out[rn - 1] = UInt16(truncatingIfNeeded: UInt32(src[an - 1]) >> bs)
        }
        var count = trimmed(out, rn)
        if lost { count = magIncrement(out, count) }
        return MPZView(negative: a.negative && count != 0, digits: out, count: count)
    }

    // MARK: - Bitwise

    /// Digits needed for `and` / `or` / `xor`.
    @inlinable public static func bitwiseCapacity(_ a: MPZView, _ b: MPZView) -> Int { Swift.max(a.count, b.count) + 1 }

    @usableFromInline enum BitOp { case and, or, xor }

    @inline(__always)
    static func bitwise(_ a: MPZView, _ b: MPZView, _ op: BitOp, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        let na = a.negative, nb = b.negative
        // Fast path: both non-negative.
        if !na && !nb {
            switch op {
            case .and:
                let n = Swift.min(a.count, b.count)
                var i = 0
                while i < n { out[i] = a.digits[i] & b.digits[i]; i += 1 }
                return MPZView(negative: false, digits: out, count: trimmed(out, n))
            case .or, .xor:
                let (l, s) = a.count >= b.count ? (a, b) : (b, a)
                var i = 0
                if op == .or {
                    while i < s.count { out[i] = l.digits[i] | s.digits[i]; i += 1 }
                } else {
                    while i < s.count { out[i] = l.digits[i] ^ s.digits[i]; i += 1 }
                }
                while i < l.count { out[i] = l.digits[i]; i += 1 }
                return MPZView(negative: false, digits: out, count: trimmed(out, l.count))
            }
        }
        let rneg: Bool
        switch op {
        case .and: rneg = na && nb
        case .or: rneg = na || nb
        case .xor: rneg = na != nb
        }
        let len = Swift.max(a.count, b.count) + 1
        // Two's complement of a negative x is ~(|x|) + 1, computed digit by digit with carries.
        let xa: UInt16 = na ? 0xFFFF : 0, xb: UInt16 = nb ? 0xFFFF : 0, xr: UInt16 = rneg ? 0xFFFF : 0
        var ca: UInt32 = na ? 1 : 0, cb: UInt32 = nb ? 1 : 0, cr: UInt32 = rneg ? 1 : 0
        var i = 0
        while i < len {
            let ra = i < a.count ? a.digits[i] : 0
            let rb = i < b.count ? b.digits[i] : 0
            let ta = UInt32(ra ^ xa) &+ ca
            let tb = UInt32(rb ^ xb) &+ cb
            ca = ta >> 16; cb = tb >> 16
            let da = UInt16(truncatingIfNeeded: ta), db = UInt16(truncatingIfNeeded: tb)
            let d: UInt16
            switch op {
            case .and: d = da & db
            case .or: d = da | db
            case .xor: d = da ^ db
            }
            let tr = UInt32(d ^ xr) &+ cr
            cr = tr >> 16
            out[i] = UInt16(truncatingIfNeeded: tr)
            i += 1
        }
        let n = trimmed(out, len)
        return MPZView(negative: rneg && n != 0, digits: out, count: n)
    }

    /// out = a & b. Alias-safe.
    public static func and(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        bitwise(a, b, .and, into: out)
    }

    /// out = a | b. Alias-safe.
    public static func or(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        bitwise(a, b, .or, into: out)
    }

    /// out = a ^ b. Alias-safe.
    public static func xor(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        bitwise(a, b, .xor, into: out)
    }

    /// Digits needed for `invert`.
    @inlinable public static func invertCapacity(_ a: MPZView) -> Int { a.count + 1 }

    /// out = ~a == -a - 1. Alias-safe.
    public static func invert(_ a: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        if a.negative {
            // ~a = |a| - 1 (non-negative)
            var i = 0
            while a.digits[i] == 0 { out[i] = 0xFFFF; i += 1 }
            out[i] = a.digits[i] - 1
            i += 1
            while i < a.count { out[i] = a.digits[i]; i += 1 }
            return MPZView(negative: false, digits: out, count: trimmed(out, a.count))
        }
        // ~a = -(a + 1)
        if a.digits != out && a.count > 0 { out.update(from: a.digits, count: a.count) }
        let n = magIncrement(out, a.count)
        return MPZView(negative: true, digits: out, count: n)
    }
}
