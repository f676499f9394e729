/// Minimal arbitrary-precision integer for compile-time constant folding (mpy-cross folds
/// `2 ** 70` or `1 << 100` into big-int constants). Sign-magnitude, base 2^32 limbs.
struct BigInt: Equatable {
    var neg = false
    var mag: [UInt32] = []  // little-endian, no trailing zero limbs; zero is []

    init() {}

    init(_ v: Int) {
        neg = v < 0
        var m = v.magnitude
        while m != 0 {
            mag.append(UInt32(truncatingIfNeeded: m))
            m >>= 32
        }
    }

    init?(decimal: String) {
        var s = Substring(decimal)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        if s.isEmpty { return nil }
        var r = BigInt()
        for c in s.utf8 {
            guard c >= 48 && c <= 57 else { return nil }
            r = r.mulSmall(10).addSmall(UInt32(c - 48))
        }
        r.neg = negative && !r.mag.isEmpty
        self = r
    }

    var isZero: Bool { return mag.isEmpty }
    var bitWidth: Int { return mag.count * 32 }

    var asInt: Int? {
        if mag.count > 2 { return nil }
        var m: UInt64 = 0
        for (i, l) in mag.enumerated() { m |= UInt64(l) << (32 * UInt64(i)) }
        if neg {
            if m <= UInt64(Int.max) + 1 { return m == UInt64(Int.max) + 1 ? Int.min : -Int(m) }
            return nil
        }
        return m <= UInt64(Int.max) ? Int(m) : nil
    }

    var decimal: String {
        if mag.isEmpty { return "0" }
        var digits: [UInt8] = []
        var cur = BigInt()
        cur.mag = mag
        while !cur.mag.isEmpty {
            let (q, r) = cur.divSmall(1_000_000_000)
            var part = r
            for _ in 0..<9 {
                digits.append(UInt8(part % 10) + 48)
                part /= 10
                if q.mag.isEmpty && part == 0 { break }
            }
            cur = q
        }
        while digits.count > 1 && digits.last == 48 { digits.removeLast() }
        return (neg ? "-" : "") + String(decoding: digits.reversed(), as: UTF8.self)
    }

    var double: Double { return Double(decimal) ?? .nan }

    private mutating func trim() {
        while let l = mag.last, l == 0 { mag.removeLast() }
        if mag.isEmpty { neg = false }
    }

    func mulSmall(_ k: UInt32) -> BigInt {
        var r = BigInt()
        r.neg = neg
        var carry: UInt64 = 0
        for l in mag {
            let t = UInt64(l) * UInt64(k) + carry
            r.mag.append(UInt32(truncatingIfNeeded: t))
            carry = t >> 32
        }
        if carry != 0 { r.mag.append(UInt32(carry)) }
        r.trim()
        return r
    }

    func addSmall(_ k: UInt32) -> BigInt { return self + BigInt(Int(k)) }

    func divSmall(_ k: UInt32) -> (BigInt, UInt32) {
        var q = BigInt()
        q.mag = Array(repeating: 0, count: mag.count)
        var rem: UInt64 = 0
        for i in stride(from: mag.count - 1, through: 0, by: -1) {
            let cur = (rem << 32) | UInt64(mag[i])
            q.mag[i] = UInt32(cur / UInt64(k))
            rem = cur % UInt64(k)
        }
        q.trim()
        return (q, UInt32(rem))
    }

    static func cmpMag(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }

    static func addMag(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var r: [UInt32] = []
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let t = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
            r.append(UInt32(truncatingIfNeeded: t))
            carry = t >> 32
        }
        if carry != 0 { r.append(UInt32(carry)) }
        return r
    }

    /// a - b for |a| >= |b|
    static func subMag(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var r: [UInt32] = []
        var borrow: Int64 = 0
        for i in 0..<a.count {
            var t = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
            borrow = 0
            if t < 0 { t += 1 << 32; borrow = 1 }
            r.append(UInt32(t))
        }
        return r
    }

    static func + (a: BigInt, b: BigInt) -> BigInt {
        var r = BigInt()
        if a.neg == b.neg {
            r.mag = addMag(a.mag, b.mag)
            r.neg = a.neg
        } else if cmpMag(a.mag, b.mag) >= 0 {
            r.mag = subMag(a.mag, b.mag)
            r.neg = a.neg
        } else {
            r.mag = subMag(b.mag, a.mag)
            r.neg = b.neg
        }
        r.trim()
        return r
    }

    static prefix func - (a: BigInt) -> BigInt {
        var r = a
        r.neg = !a.neg
        r.trim()
        return r
    }

    static func - (a: BigInt, b: BigInt) -> BigInt { return a + (-b) }

    static func * (a: BigInt, b: BigInt) -> BigInt {
        var r = BigInt()
        if a.isZero || b.isZero { return r }
        var m = [UInt32](repeating: 0, count: a.mag.count + b.mag.count)
        for i in 0..<a.mag.count {
            var carry: UInt64 = 0
            for j in 0..<b.mag.count {
                let t = UInt64(a.mag[i]) * UInt64(b.mag[j]) + UInt64(m[i + j]) + carry
                m[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            m[i + b.mag.count] = UInt32(carry)
        }
        r.mag = m
        r.neg = a.neg != b.neg
        r.trim()
        return r
    }

    func shiftedLeft(_ n: Int) -> BigInt {
        if isZero { return self }
        var r = BigInt()
        r.neg = neg
        r.mag = Array(repeating: 0, count: n / 32)
        let bits = n % 32
        var carry: UInt32 = 0
        for l in mag {
            r.mag.append(bits == 0 ? l : (l << UInt32(bits)) | carry)
            carry = bits == 0 ? 0 : l >> UInt32(32 - bits)
        }
        if carry != 0 { r.mag.append(carry) }
        r.trim()
        return r
    }

    /// Magnitude shift right (truncating).
    func magShiftedRight(_ n: Int) -> BigInt {
        var r = BigInt()
        let words = n / 32, bits = n % 32
        if words >= mag.count { return r }
        for i in words..<mag.count {
            var v = mag[i] >> UInt32(bits)
            if bits != 0 && i + 1 < mag.count { v |= mag[i + 1] << UInt32(32 - bits) }
            r.mag.append(v)
        }
        r.trim()
        return r
    }

    /// Floor division and modulo with Python semantics; nil for division by zero.
    static func divMod(_ a: BigInt, _ b: BigInt) -> (BigInt, BigInt)? {
        if b.isZero { return nil }
        var q = BigInt(), r = BigInt()
        let an = BigInt(magnitudeOf: a), bn = BigInt(magnitudeOf: b)
        let nbits = a.mag.count * 32
        q.mag = Array(repeating: 0, count: a.mag.count)
        for i in stride(from: nbits - 1, through: 0, by: -1) {
            r = r.shiftedLeft(1)
            if (an.mag[i / 32] >> UInt32(i % 32)) & 1 == 1 { r = r + BigInt(1) }
            if cmpMag(r.mag, bn.mag) >= 0 {
                r = r - bn
                q.mag[i / 32] |= 1 << UInt32(i % 32)
            }
        }
        q.trim()
        q.neg = a.neg != b.neg
        q.trim()
        r.neg = a.neg
        r.trim()
        if !r.isZero && r.neg != b.neg {
            q = q - BigInt(1)
            r = r + b
        }
        return (q, r)
    }

    init(magnitudeOf a: BigInt) {
        self.init()
        mag = a.mag
    }

    /// Two's complement limbs of the given width (for bitwise operators).
    func twos(_ width: Int) -> [UInt32] {
        var m = mag + Array(repeating: 0, count: max(0, width - mag.count))
        if neg {
            for i in 0..<m.count { m[i] = ~m[i] }
            var i = 0
            while i < m.count {
                m[i] = m[i] &+ 1
                if m[i] != 0 { break }
                i += 1
            }
        }
        return m
    }

    static func fromTwos(_ m: [UInt32]) -> BigInt {
        var r = BigInt()
        if let top = m.last, top & 0x8000_0000 != 0 {
            var x = m
            for i in 0..<x.count { x[i] = ~x[i] }
            var i = 0
            while i < x.count {
                x[i] = x[i] &+ 1
                if x[i] != 0 { break }
                i += 1
            }
            r.mag = x
            r.neg = true
        } else {
            r.mag = m
        }
        r.trim()
        return r
    }

    static func bitwise(_ a: BigInt, _ b: BigInt, _ f: (UInt32, UInt32) -> UInt32) -> BigInt {
        let w = max(a.mag.count, b.mag.count) + 1
        let x = a.twos(w), y = b.twos(w)
        return fromTwos((0..<w).map { f(x[$0], y[$0]) })
    }
}
