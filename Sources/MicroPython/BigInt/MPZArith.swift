// Addition, subtraction, multiplication and exponentiation on digit buffers.

extension MPZ {
    // MARK: - Magnitude kernels

    /// out = a + b where an >= bn. Writes an+1 digits (the top may be 0). Alias-safe.
    /// Returns the trimmed digit count.
    @inline(__always)
    static func magAdd(_ out: UnsafeMutablePointer<UInt16>, _ a: UnsafePointer<UInt16>, _ an: Int,
                       _ b: UnsafePointer<UInt16>, _ bn: Int) -> Int {
        var carry: UInt32 = 0
        var i = 0
        // Four digits at a time as one 64-bit word (digits are little-endian, so a word's bits
        // are the digits' bits in order). Loads precede the store, so out may alias a or b.
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), ro = UnsafeMutableRawPointer(out)
        while i &+ 4 <= bn {
            let x = ra.loadUnaligned(fromByteOffset: 2 &* i, as: UInt64.self)
            let y = rb.loadUnaligned(fromByteOffset: 2 &* i, as: UInt64.self)
            // 128-bit sum: add/adc, with no branch on the (unpredictable) carry.
            let s = UInt128(x) &+ UInt128(y) &+ UInt128(carry)
            ro.storeBytes(of: UInt64(truncatingIfNeeded: s), toByteOffset: 2 &* i, as: UInt64.self)
            carry = UInt32(truncatingIfNeeded: s >> 64)
            i &+= 4
        }
        while i < bn {
            let s = UInt32(a[i]) &+ UInt32(b[i]) &+ carry
            out[i] = UInt16(truncatingIfNeeded: s)
            carry = s >> 16
            i &+= 1
        }
        while i < an {
            let s = UInt32(a[i]) &+ carry
            out[i] = UInt16(truncatingIfNeeded: s)
            carry = s >> 16
            i &+= 1
        }
        if carry != 0 {
            out[an] = UInt16(truncatingIfNeeded: carry)
            return an + 1
        }
        return an
    }

    /// out = a - b where |a| >= |b| (so an >= bn). Writes an digits. Alias-safe.
    /// Returns the trimmed digit count.
    @inline(__always)
    static func magSub(_ out: UnsafeMutablePointer<UInt16>, _ a: UnsafePointer<UInt16>, _ an: Int,
                       _ b: UnsafePointer<UInt16>, _ bn: Int) -> Int {
        var borrow: UInt32 = 0
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), ro = UnsafeMutableRawPointer(out)
        while i &+ 4 <= bn {
            let x = ra.loadUnaligned(fromByteOffset: 2 &* i, as: UInt64.self)
            let y = rb.loadUnaligned(fromByteOffset: 2 &* i, as: UInt64.self)
            let d = UInt128(x) &- UInt128(y) &- UInt128(borrow)
            ro.storeBytes(of: UInt64(truncatingIfNeeded: d), toByteOffset: 2 &* i, as: UInt64.self)
            borrow = UInt32(truncatingIfNeeded: d >> 64) & 1
            i &+= 4
        }
        while i < bn {
            let s = UInt32(a[i]) &- UInt32(b[i]) &- borrow
            out[i] = UInt16(truncatingIfNeeded: s)
            borrow = (s >> 16) & 1
            i &+= 1
        }
        while i < an {
            let s = UInt32(a[i]) &- borrow
            out[i] = UInt16(truncatingIfNeeded: s)
            borrow = (s >> 16) & 1
            i &+= 1
        }
        return trimmed(out, an)
    }

    /// Adds 1 to p[0..<n] in place; p must have room for n+1 digits. Returns the new count.
    @inline(__always)
    static func magIncrement(_ p: UnsafeMutablePointer<UInt16>, _ n: Int) -> Int {
        var i = 0
        while i < n {
            if p[i] != 0xFFFF { p[i] += 1; return n }
            p[i] = 0
            i &+= 1
        }
        p[n] = 1
        return n + 1
    }

    /// Schoolbook: out[0..<an+bn] = a * b. out must not overlap a or b.
    /// Packs into 32-bit limbs unless an operand is tiny.
    static func magMulSchool(_ out: UnsafeMutablePointer<UInt16>, _ a: UnsafePointer<UInt16>, _ an: Int,
                             _ b: UnsafePointer<UInt16>, _ bn: Int) {
        // One operand of one or two digits (n * small int): a single pass over the other.
        if bn <= 2 { magMulWord(out, a, an, b, bn); return }
        if an <= 2 { magMulWord(out, b, bn, a, an); return }
        if an < 6 || bn < 6 { magMulSchool16(out, a, an, b, bn); return }
        let a32n = (an + 1) >> 1, b32n = (bn + 1) >> 1
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * (a32n + b32n)) { buf in
            let pa = buf.baseAddress!, pb = pa + a32n, po = pb + b32n
            _ = pack(a, an, pa)
            _ = pack(b, bn, pb)
            limbMulSchool(po, pa, a32n, pb, b32n)
            unpack(po, out, an + bn)
        }
    }

    /// out[0..<an+wn] = a * w, where w has one or two digits. out must not overlap a.
    /// Four digits of a at a time as a 64-bit word, with a 128-bit product (no branches).
    @inline(__always)
    static func magMulWord(_ out: UnsafeMutablePointer<UInt16>, _ a: UnsafePointer<UInt16>, _ an: Int,
                           _ wd: UnsafePointer<UInt16>, _ wn: Int) {
        let w = UInt64(wd[0]) | (wn == 2 ? UInt64(wd[1]) << 16 : 0)
        let ra = UnsafeRawPointer(a), ro = UnsafeMutableRawPointer(out)
        var carry: UInt64 = 0
        var i = 0
        while i &+ 4 <= an {
            let x = ra.loadUnaligned(fromByteOffset: 2 &* i, as: UInt64.self)
            let p = UInt128(x) &* UInt128(w) &+ UInt128(carry)
            ro.storeBytes(of: UInt64(truncatingIfNeeded: p), toByteOffset: 2 &* i, as: UInt64.self)
            carry = UInt64(truncatingIfNeeded: p >> 64)
            i &+= 4
        }
        while i < an {
            let t = UInt64(a[i]) &* w &+ carry
            out[i] = UInt16(truncatingIfNeeded: t)
            carry = t >> 16
            i &+= 1
        }
        for k in 0..<wn {
            out[an + k] = UInt16(truncatingIfNeeded: carry)
            carry >>= 16
        }
    }

    /// Schoolbook on 16-bit digits: out[0..<an+bn] = a * b. out must not overlap a or b.
    @inline(__always)
    static func magMulSchool16(_ out: UnsafeMutablePointer<UInt16>, _ a: UnsafePointer<UInt16>, _ an: Int,
                             _ b: UnsafePointer<UInt16>, _ bn: Int) {
        out.update(repeating: 0, count: an + bn)
        var i = 0
        while i < an {
            let x = UInt32(a[i])
            if x != 0 {
                var carry: UInt32 = 0
                let o = out + i
                var j = 0
                while j < bn {
                    // (2^16-1)^2 + 2*(2^16-1) == 2^32-1: never overflows.
                    let t = x &* UInt32(b[j]) &+ UInt32(o[j]) &+ carry
                    o[j] = UInt16(truncatingIfNeeded: t)
                    carry = t >> 16
                    j &+= 1
                }
                o[bn] = UInt16(truncatingIfNeeded: carry)
            }
            i &+= 1
        }
    }

    /// Digit count at or above which Karatsuba is used (for the shorter operand).
    static let karatsubaThreshold = 64

    /// Scratch digits needed by `magMulKaratsuba` for operands of length n (the longer).
    static func karatsubaScratch(_ n: Int) -> Int {
        var total = 0
        var m = n
        while m >= karatsubaThreshold {
            let h = (m + 1) / 2
            total += 4 * (h + 1)
            m = h + 1
        }
        return total + 8
    }

    /// out[0..<an+bn] = a * b. out must not overlap a or b. `scratch` needs
    /// `karatsubaScratch(max(an, bn))` digits (only used when both are large).
    static func magMul(_ out: UnsafeMutablePointer<UInt16>, _ a: UnsafePointer<UInt16>, _ an: Int,
                       _ b: UnsafePointer<UInt16>, _ bn: Int, _ scratch: UnsafeMutablePointer<UInt16>) {
        if an < bn { magMul(out, b, bn, a, an, scratch); return }
        // an >= bn
        if bn < karatsubaThreshold {
            magMulSchool(out, a, an, b, bn)
            return
        }
        if an >= 2 * bn {
            // Unbalanced: multiply slices of a of length bn and accumulate.
            out.update(repeating: 0, count: an + bn)
            let tmp = scratch
            let rest = scratch + 2 * bn
            var off = 0
            while off < an {
                let len = min(bn, an - off)
                magMul(tmp, a + off, len, b, bn, rest)
                // out[off...] += tmp[0..<len+bn]
                var carry: UInt32 = 0
                var k = 0
                let o = out + off
                while k < len + bn {
                    let s = UInt32(o[k]) &+ UInt32(tmp[k]) &+ carry
                    o[k] = UInt16(truncatingIfNeeded: s)
                    carry = s >> 16
                    k += 1
                }
                while carry != 0 && off + k < an + bn {
                    let s = UInt32(o[k]) &+ carry
                    o[k] = UInt16(truncatingIfNeeded: s)
                    carry = s >> 16
                    k += 1
                }
                off += len
            }
            return
        }
        // Karatsuba with split h: a = a1*B^h + a0, b = b1*B^h + b0 (bn > h).
        let h = (an + 1) / 2
        let a0n = trimmed(a, h), a1n = an - h
        let b0n = trimmed(b, min(h, bn)), b1n = bn - h
        // z0 = a0*b0 -> out[0..<2h], z2 = a1*b1 -> out[2h..<an+bn]
        out.update(repeating: 0, count: an + bn)
        let rest0 = scratch
        if a0n > 0 && b0n > 0 { magMul(out, a, a0n, b, b0n, rest0) }
        if b1n > 0 { magMul(out + 2 * h, a + h, a1n, b + h, b1n, rest0) }
        // sa = a0 + a1, sb = b0 + b1 (each up to h+1 digits)
        let sa = scratch
        let sb = scratch + (h + 1)
        let z1 = scratch + 2 * (h + 1)          // 2h+2 digits
        let rest = scratch + 4 * (h + 1)
        var san: Int, sbn: Int
        if a0n >= a1n { san = magAdd(sa, a, a0n, a + h, a1n) } else { san = magAdd(sa, a + h, a1n, a, a0n) }
        if b0n >= b1n { sbn = magAdd(sb, b, b0n, b + h, b1n) } else { sbn = magAdd(sb, b + h, b1n, b, b0n) }
        san = trimmed(sa, san); sbn = trimmed(sb, sbn)
        var z1n = 0
        if san > 0 && sbn > 0 {
            magMul(z1, sa, san, sb, sbn, rest)
            z1n = trimmed(z1, san + sbn)
        }
        // z1 -= z0 + z2
        let z0n = trimmed(out, 2 * h)
        z1n = magSub(z1, z1, z1n, out, z0n)
        let z2n = trimmed(out + 2 * h, an + bn - 2 * h)
        z1n = magSub(z1, z1, z1n, out + 2 * h, z2n)
        // out[h...] += z1
        var carry: UInt32 = 0
        var k = 0
        let o = out + h
        let limit = an + bn - h
        while k < z1n {
            let s = UInt32(o[k]) &+ UInt32(z1[k]) &+ carry
            o[k] = UInt16(truncatingIfNeeded: s)
            carry = s >> 16
            k += 1
        }
        while carry != 0 && k < limit {
            let s = UInt32(o[k]) &+ carry
            o[k] = UInt16(truncatingIfNeeded: s)
            carry = s >> 16
            k += 1
        }
    }

    /// Runs `body` with a scratch buffer big enough for multiplying operands of length n.
    @inline(__always)
    static func withMulScratch<R>(_ n: Int, _ body: (UnsafeMutablePointer<UInt16>) -> R) -> R {
        let cap = n >= karatsubaThreshold ? karatsubaScratch(n) : 1
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: cap) { body($0.baseAddress!) }
    }

    // MARK: - Signed operations

    /// Digits needed for `add` / `subtract` results.
    @inlinable public static func addCapacity(_ a: MPZView, _ b: MPZView) -> Int { max(a.count, b.count) + 1 }
    @inlinable public static func subtractCapacity(_ a: MPZView, _ b: MPZView) -> Int { max(a.count, b.count) + 1 }

    /// out = a + b. Alias-safe.
    public static func add(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        addSigned(a, b.negative, b, into: out)
    }

    /// out = a - b. Alias-safe.
    public static func subtract(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        addSigned(a, !b.negative, b, into: out)
    }

    @inline(__always)
    static func addSigned(_ a: MPZView, _ bNeg: Bool, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        if a.negative == bNeg {
            let n = a.count >= b.count
                ? magAdd(out, a.digits, a.count, b.digits, b.count)
                : magAdd(out, b.digits, b.count, a.digits, a.count)
            return MPZView(negative: n != 0 && a.negative, digits: out, count: n)
        }
        let c = compareMag(a.digits, a.count, b.digits, b.count)
        if c == 0 { return MPZView(negative: false, digits: out, count: 0) }
        if c > 0 {
            let n = magSub(out, a.digits, a.count, b.digits, b.count)
            return MPZView(negative: a.negative, digits: out, count: n)
        } else {
            let n = magSub(out, b.digits, b.count, a.digits, a.count)
            return MPZView(negative: bNeg, digits: out, count: n)
        }
    }

    /// Digits needed for `multiply`.
    @inlinable public static func multiplyCapacity(_ a: MPZView, _ b: MPZView) -> Int { a.count + b.count }

    /// out = a * b. out must not overlap a or b. Uses Karatsuba from 64 digits (measured).
    public static func multiply(_ a: MPZView, _ b: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        if a.count == 0 || b.count == 0 { return MPZView(negative: false, digits: out, count: 0) }
        let n = a.count + b.count
        if min(a.count, b.count) < karatsubaThreshold {
            magMulSchool(out, a.digits, a.count, b.digits, b.count)
        } else {
            withMulScratch(max(a.count, b.count)) { s in
                magMul(out, a.digits, a.count, b.digits, b.count, s)
            }
        }
        return MPZView(negative: a.negative != b.negative, digits: out, count: trimmed(out, n))
    }

    /// Digits needed for `negate` / `abs` (which copy).
    @inlinable public static func negateCapacity(_ a: MPZView) -> Int { a.count }

    /// out = -a (copies digits; alias-safe). For a non-copying negation use `a.negated`.
    public static func negate(_ a: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        copy(a.negated, into: out)
    }

    /// out = |a| (copies digits; alias-safe).
    public static func abs(_ a: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        copy(a.magnitude, into: out)
    }

    // MARK: - Power

    /// Digits needed for `pow(base, exponent)`, or nil if the exponent is negative
    /// or the result would be absurdly large (more than `Int.max / 32` digits).
    public static func powCapacity(_ base: MPZView, _ exponent: Int) -> Int? {
        if exponent < 0 { return nil }
        if exponent == 0 || base.count == 0 { return 1 }
        if base.count == 1 && base.digits[0] == 1 { return 1 }
        let bits = bitLength(base)
        let (total, o) = bits.multipliedReportingOverflow(by: exponent)
        if o || total / 16 > Int.max / 32 { return nil }
        return total / 16 + 2
    }

    /// out = base ** exponent (exponent >= 0; out must have `powCapacity` digits and
    /// must not overlap base). Returns nil for a negative exponent.
    public static func pow(_ base: MPZView, _ exponent: Int, into out: UnsafeMutablePointer<UInt16>) -> MPZView? {
        guard let cap = powCapacity(base, exponent) else { return nil }
        if exponent == 0 { out[0] = 1; return MPZView(negative: false, digits: out, count: 1) }
        if base.count == 0 { return MPZView(negative: false, digits: out, count: 0) }
        let neg = base.negative && (exponent & 1) == 1
        if base.count == 1 && base.digits[0] == 1 {
            out[0] = 1; return MPZView(negative: neg, digits: out, count: 1)
        }
        // Power of two base: just shift.
        if base.count >= 1 {
            let top = base.digits[base.count - 1]
            if top & (top &- 1) == 0 && trimmed(base.digits, base.count - 1) == 0 {
                let shift = (bitLength(base) - 1) * exponent
                out.update(repeating: 0, count: cap)
                out[shift / 16] = 1 << UInt16(shift % 16)
                return MPZView(negative: neg, digits: out, count: shift / 16 + 1)
            }
        }
        let tmp = UnsafeMutablePointer<UInt16>.allocate(capacity: cap)
        defer { tmp.deallocate() }
        let scratch = UnsafeMutablePointer<UInt16>.allocate(capacity: karatsubaScratch(cap))
        defer { scratch.deallocate() }
        // Left-to-right binary exponentiation; result lives in `out`.
        out.update(from: base.digits, count: base.count)
        var rn = base.count
        var bit = (Int.bitWidth - 1 - exponent.leadingZeroBitCount) - 1
        while bit >= 0 {
            magMul(tmp, out, rn, out, rn, scratch)
            rn = trimmed(tmp, 2 * rn)
            out.update(from: tmp, count: rn)
            if (exponent >> bit) & 1 == 1 {
                magMul(tmp, out, rn, base.digits, base.count, scratch)
                rn = trimmed(tmp, rn + base.count)
                out.update(from: tmp, count: rn)
            }
            bit -= 1
        }
        return MPZView(negative: neg, digits: out, count: rn)
    }

    /// Digits needed for `powMod` (the modulus' digit count).
    @inlinable public static func powModCapacity(_ modulus: MPZView) -> Int { Swift.max(modulus.count, 1) }

    /// out = pow(base, exponent, modulus) with Python semantics (result has the sign
    /// of the modulus). Returns nil if the modulus is zero or the exponent negative.
    /// out must not overlap the inputs.
    public static func powMod(_ base: MPZView, _ exponent: MPZView, _ modulus: MPZView,
                              into out: UnsafeMutablePointer<UInt16>) -> MPZView? {
        if modulus.count == 0 || exponent.negative { return nil }
        let mn = modulus.count
        let m = modulus.digits
        // Working buffers: acc (mn), base mod m (mn), product (2mn), mul scratch.
        let ks = mn >= karatsubaThreshold ? karatsubaScratch(mn) : 1
        let total = 4 * mn + 2 + ks
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: total) { buf -> MPZView in
            let acc = buf.baseAddress!
            let bm = acc + mn
            let prod = bm + mn
            let ks0 = prod + 2 * mn + 2
            // bm = |base| mod |m|, then fix sign to get base mod |m| in [0, |m|).
            var bn = magDivRem(base.digits, base.count, m, mn, q: nil, r: bm).rn
            if base.negative && bn != 0 { bn = magSub(bm, m, mn, bm, bn) }
            if m[0] & 1 == 1 && mn >= 4 {
                // Odd modulus: Montgomery multiplication avoids a division per step.
                var an = montPow(bm, bn, exponent, m, mn, out)
                if modulus.negative && an != 0 {
                    an = magSub(out, m, mn, out, an)
                    return MPZView(negative: true, digits: out, count: an)
                }
                return MPZView(negative: false, digits: out, count: an)
            }
            // acc = 1 mod |m|
            var an: Int
            if mn == 1 && m[0] == 1 { an = 0 } else { acc[0] = 1; an = 1 }
            // Left-to-right binary exponentiation over the exponent's bits.
            var i = exponent.count - 1
            var started = false
            while i >= 0 {
                let d = exponent.digits[i]
                var bit = 15
                while bit >= 0 {
                    if started && an != 0 {
                        magMul(prod, acc, an, acc, an, ks0)
                        an = magDivRem(prod, trimmed(prod, 2 * an), m, mn, q: nil, r: acc).rn
                    }
                    if (d >> UInt16(bit)) & 1 == 1 {
                        started = true
                        if an != 0 {
                            if bn == 0 { an = 0 } else {
                                magMul(prod, acc, an, bm, bn, ks0)
                                an = magDivRem(prod, trimmed(prod, an + bn), m, mn, q: nil, r: acc).rn
                            }
                        }
                    }
                    bit -= 1
                }
                i -= 1
            }
            out.update(from: acc, count: an)
            if modulus.negative && an != 0 {
                an = magSub(out, m, mn, out, an)
                return MPZView(negative: true, digits: out, count: an)
            }
            return MPZView(negative: false, digits: out, count: an)
        }
    }
}
