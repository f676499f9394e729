// Montgomery modular exponentiation on 32-bit limbs (used by powMod for odd moduli).

extension MPZ {
    /// T[0..<2n+1] -> out[0..<n] = T * R^-1 mod M (R = 2**(32n)), given T < M * R.
    @inline(__always)
    static func montRedc(_ t: UnsafeMutablePointer<UInt32>, _ m: UnsafePointer<UInt32>, _ n: Int,
                         _ mprime: UInt32, _ out: UnsafeMutablePointer<UInt32>) {
        var i = 0
        while i < n {
            let u = UInt64(t[i] &* mprime)
            var carry: UInt64 = 0
            let ti = t + i
            var j = 0
            while j < n {
                let s = u &* UInt64(m[j]) &+ UInt64(ti[j]) &+ carry
                ti[j] = UInt32(truncatingIfNeeded: s)
                carry = s >> 32
                j += 1
            }
            var k = i + n
            while carry != 0 {
                let s = UInt64(t[k]) &+ carry
                t[k] = UInt32(truncatingIfNeeded: s)
                carry = s >> 32
                k += 1
            }
            i += 1
        }
        // Result is t[n...2n] (< 2M); subtract M once if needed.
        let r = t + n
        var geq = r[n] != 0
        if !geq {
            geq = true
            var k = n - 1
            while k >= 0 {
                if r[k] != m[k] { geq = r[k] > m[k]; break }
                k -= 1
            }
        }
        if geq {
            var borrow: UInt64 = 0
            var k = 0
            while k < n {
                let s = UInt64(r[k]) &- UInt64(m[k]) &- borrow
                out[k] = UInt32(truncatingIfNeeded: s)
                borrow = s >> 63
                k += 1
            }
        } else {
            out.update(from: r, count: n)
        }
    }

    /// out = b**e mod m for odd m > 1 with 0 <= b < m (16-bit digit inputs).
    /// Writes up to mn digits into out and returns the trimmed count.
    static func montPow(_ b: UnsafePointer<UInt16>, _ bn: Int, _ e: MPZView,
                        _ m16: UnsafePointer<UInt16>, _ mn: Int, _ out: UnsafeMutablePointer<UInt16>) -> Int {
        let n = (mn + 1) >> 1
        let wide = bn + 2 * (2 * n) + 2      // 16-bit scratch for b * R mod m
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: wide) { wbuf in
          withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 5 * n + 2) { buf in
            let w16 = wbuf.baseAddress!
            let m = buf.baseAddress!
            let acc = m + n
            let bb = acc + n
            let t = bb + n                    // 2n + 2 limbs
            _ = pack(m16, mn, m)
            // mprime = -m^-1 mod 2**32 (Newton iteration; m[0] is odd).
            var inv: UInt32 = 1
            for _ in 0..<5 { inv = inv &* (2 &- m[0] &* inv) }
            let mprime = 0 &- inv
            // bb = b * R mod m, acc = R mod m, computed with ordinary division.
            func toMont(_ src: UnsafePointer<UInt16>?, _ sn: Int, _ dst: UnsafeMutablePointer<UInt32>) {
                let shift = 2 * n          // R = 2**(16 * 2n)
                w16.update(repeating: 0, count: shift)
                if let src = src { (w16 + shift).update(from: src, count: sn) } else { w16[shift] = 1 }
                let len = shift + (src == nil ? 1 : sn)
                // The remainder may overwrite the dividend (magDivRem copies its inputs).
                _ = magDivRem(w16, trimmed(w16, len), m16, mn, q: nil, r: w16)
                if mn < 2 * n { w16[mn] = 0 }
                _ = pack(w16, 2 * n, dst)
            }
            toMont(b, bn, bb)
            toMont(nil, 0, acc)
            var i = e.count - 1
            while i >= 0 {
                let d = e.digits[i]
                var bit = 15
                while bit >= 0 {
                    limbMulSchool(t, acc, n, acc, n)
                    t[2 * n] = 0; t[2 * n + 1] = 0
                    montRedc(t, m, n, mprime, acc)
                    if (d >> UInt16(bit)) & 1 == 1 {
                        limbMulSchool(t, acc, n, bb, n)
                        t[2 * n] = 0; t[2 * n + 1] = 0
                        montRedc(t, m, n, mprime, acc)
                    }
                    bit -= 1
                }
                i -= 1
            }
            // Leave Montgomery form: acc * 1 * R^-1.
            t.update(from: acc, count: n)
            (t + n).update(repeating: 0, count: n + 2)
            montRedc(t, m, n, mprime, acc)
            unpack(acc, out, mn)
            return trimmed(out, mn)
          }
        }
    }
}
