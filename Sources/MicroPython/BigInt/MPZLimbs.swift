// 32-bit limb kernels. Digits are stored as 16-bit values, but the quadratic
// algorithms run much faster on 32-bit limbs with 64-bit intermediates, so the
// hot kernels pack their operands into temporary 32-bit limb buffers first.

extension MPZ {
    /// Packs n 16-bit digits into ceil(n/2) 32-bit limbs; returns the limb count.
    @inline(__always)
    static func pack(_ src: UnsafePointer<UInt16>, _ n: Int, _ dst: UnsafeMutablePointer<UInt32>) -> Int {
        let m = n >> 1
        var i = 0
        while i < m {
            dst[i] = UInt32(src[2 * i]) | UInt32(src[2 * i + 1]) << 16
            i &+= 1
        }
        if n & 1 == 1 { dst[m] = UInt32(src[n - 1]); return m + 1 }
        return m
    }

    /// Writes exactly n16 16-bit digits from 32-bit limbs.
    @inline(__always)
    static func unpack(_ src: UnsafePointer<UInt32>, _ dst: UnsafeMutablePointer<UInt16>, _ n16: Int) {
        let m = n16 >> 1
        var i = 0
        while i < m {
            let w = src[i]
            dst[2 * i] = UInt16(truncatingIfNeeded: w)
            dst[2 * i + 1] = UInt16(truncatingIfNeeded: w >> 16)
            i &+= 1
        }
        if n16 & 1 == 1 { dst[n16 - 1] = UInt16(truncatingIfNeeded: src[m]) }
    }

    /// out[0..<an+bn] = a * b on 32-bit limbs. out must not overlap a or b.
    @inline(__always)
    static func limbMulSchool(_ out: UnsafeMutablePointer<UInt32>, _ a: UnsafePointer<UInt32>, _ an: Int,
                              _ b: UnsafePointer<UInt32>, _ bn: Int) {
        out.update(repeating: 0, count: an + bn)
        var i = 0
        while i < an {
            let x = UInt64(a[i])
            if x != 0 {
                var carry: UInt64 = 0
                let o = out + i
                var j = 0
                while j < bn {
                    // (2^32-1)^2 + 2*(2^32-1) == 2^64-1: never overflows.
                    let t = x &* UInt64(b[j]) &+ UInt64(o[j]) &+ carry
                    o[j] = UInt32(truncatingIfNeeded: t)
                    carry = t >> 32
                    j &+= 1
                }
                o[bn] = UInt32(truncatingIfNeeded: carry)
            }
            i &+= 1
        }
    }

    /// Knuth algorithm D on 32-bit limbs. `w` holds the normalised dividend in
    /// un+1 limbs (top limb may be 0), `y` the normalised divisor (vn >= 2 limbs,
    /// top bit set). On return w[0..<vn] holds the normalised remainder and, if
    /// q is given, q[0...un-vn] the quotient.
    static func limbDivRem(_ w: UnsafeMutablePointer<UInt32>, _ un: Int, _ y: UnsafePointer<UInt32>, _ vn: Int,
                           _ q: UnsafeMutablePointer<UInt32>?) {
        let ytop = UInt64(y[vn - 1])
        let ynext = UInt64(y[vn - 2])
        var j = un - vn
        while j >= 0 {
            let num = UInt64(w[j + vn]) << 32 | UInt64(w[j + vn - 1])
            var qhat = num / ytop
            var rhat = num &- qhat &* ytop
            let wlow = UInt64(w[j + vn - 2])
            while qhat >= 0x1_0000_0000 || qhat &* ynext > (rhat << 32 | wlow) {
                qhat -= 1
                rhat += ytop
                if rhat >= 0x1_0000_0000 { break }
            }
            // w[j...j+vn] -= qhat * y
            var carry: UInt64 = 0
            var borrow: UInt64 = 0
            let wj = w + j
            var k = 0
            while k < vn {
                let p = qhat &* UInt64(y[k]) &+ carry
                carry = p >> 32
                let t = UInt64(wj[k]) &- (p & 0xFFFF_FFFF) &- borrow
                wj[k] = UInt32(truncatingIfNeeded: t)
                borrow = t >> 63
                k += 1
            }
            let t = UInt64(wj[vn]) &- carry &- borrow
            wj[vn] = UInt32(truncatingIfNeeded: t)
            if t >> 63 != 0 {
                // Rare: qhat was one too large; add y back.
                qhat -= 1
                var c: UInt64 = 0
                k = 0
                while k < vn {
                    let s = UInt64(wj[k]) &+ UInt64(y[k]) &+ c
                    wj[k] = UInt32(truncatingIfNeeded: s)
                    c = s >> 32
                    k += 1
                }
                wj[vn] = UInt32(truncatingIfNeeded: UInt64(wj[vn]) &+ c)
            }
            if let q = q { q[j] = UInt32(truncatingIfNeeded: qhat) }
            j -= 1
        }
    }

    /// p[0..<n] /= 10**9 in place on 32-bit limbs; returns the remainder.
    /// (A constant divisor lets the compiler use multiply-by-reciprocal.)
    @inline(__always)
    static func limbDivBillion(_ p: UnsafeMutablePointer<UInt32>, _ n: Int) -> UInt32 {
        var rem: UInt64 = 0
        var i = n - 1
        while i >= 0 {
            let cur = (rem << 32) | UInt64(p[i])
            let qd = cur / 1_000_000_000
            rem = cur &- qd &* 1_000_000_000
            p[i] = UInt32(truncatingIfNeeded: qd)
            i -= 1
        }
        return UInt32(truncatingIfNeeded: rem)
    }

    /// p[0..<n] /= d in place on 32-bit limbs (0 < d < 2**32); returns the remainder.
    @inline(__always)
    static func limbDivSmall(_ p: UnsafeMutablePointer<UInt32>, _ n: Int, _ d: UInt32) -> UInt32 {
        var rem: UInt64 = 0
        let dd = UInt64(d)
        var i = n - 1
        while i >= 0 {
            let cur = (rem << 32) | UInt64(p[i])
            let qd = cur / dd
            rem = cur &- qd &* dd
            p[i] = UInt32(truncatingIfNeeded: qd)
            i -= 1
        }
        return UInt32(truncatingIfNeeded: rem)
    }

    /// p = p * mul + add on 32-bit limbs; p needs room for n+1 limbs. Returns the new count.
    @inline(__always)
    static func limbMulAddSmall(_ p: UnsafeMutablePointer<UInt32>, _ n: Int, _ mul: UInt32, _ add: UInt32) -> Int {
        var carry = UInt64(add)
        let m = UInt64(mul)
        var i = 0
        while i < n {
            let t = UInt64(p[i]) &* m &+ carry
            p[i] = UInt32(truncatingIfNeeded: t)
            carry = t >> 32
            i &+= 1
        }
        if carry != 0 { p[n] = UInt32(truncatingIfNeeded: carry); return n + 1 }
        return n
    }
}
