// Arbitrary-precision integers stored as sign + little-endian 16-bit digits.
//
// The interpreter owns the memory: every operation reads `MPZView`s and writes
// its result into a caller-provided digit buffer whose required size is given
// by the matching `...Capacity` function. Results are normalised: no leading
// zero digits, zero has count 0 and is never negative.
//
// Aliasing: unless a function documents otherwise, an output buffer must not
// overlap any input's digits. Functions documented as "alias-safe" accept an
// output pointer that is exactly equal to an input's `digits` pointer.

public typealias MPZDigit = UInt16

/// A non-owning view of a big integer: sign, digit pointer, digit count.
public struct MPZView {
    public var negative: Bool
    public var digits: UnsafeMutablePointer<UInt16>
    public var count: Int

    @inlinable
    public init(negative: Bool, digits: UnsafeMutablePointer<UInt16>, count: Int) {
        self.negative = negative
        self.digits = digits
        self.count = count
    }

    /// A view of zero. Its digit pointer is a valid (shared, never written) dummy.
    public static var zero: MPZView {
        MPZView(negative: false, digits: mpzDummyDigit, count: 0)
    }

    @inlinable public var isZero: Bool { count == 0 }

    /// True when the number is odd (lowest bit set).
    @inlinable public var isOdd: Bool { count > 0 && digits[0] & 1 != 0 }

    /// Sign: -1, 0 or 1.
    @inlinable public var signum: Int { count == 0 ? 0 : (negative ? -1 : 1) }

    /// The same magnitude with the sign flipped (shares digits; zero stays non-negative).
    @inlinable public var negated: MPZView {
        MPZView(negative: count != 0 && !negative, digits: digits, count: count)
    }

    /// The absolute value (shares digits).
    @inlinable public var magnitude: MPZView {
        MPZView(negative: false, digits: digits, count: count)
    }
}

/// A one-digit dummy buffer so that zero views always have a valid pointer.
nonisolated(unsafe) let mpzDummyDigit: UnsafeMutablePointer<UInt16> = {
    let p = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()

/// Namespace for the buffer-level big integer operations.
public enum MPZ {
    /// Number of significant digits in `p[0..<count]` (strips leading zeros).
    @inline(__always)
    static func trimmed(_ p: UnsafePointer<UInt16>, _ count: Int) -> Int {
        var n = count
        while n > 0 && p[n - 1] == 0 { n -= 1 }
        return n
    }

    /// Builds a normalised view over `p[0..<count]`, stripping leading zero digits.
    @inline(__always)
    public static func normalized(negative: Bool, digits p: UnsafeMutablePointer<UInt16>, count: Int) -> MPZView {
        let n = trimmed(p, count)
        return MPZView(negative: n != 0 && negative, digits: p, count: n)
    }

    /// Capacity needed by `copy`.
    @inlinable public static func copyCapacity(_ a: MPZView) -> Int { a.count }

    /// Copies `a` into `out` (which may overlap in any way).
    public static func copy(_ a: MPZView, into out: UnsafeMutablePointer<UInt16>) -> MPZView {
        if a.count > 0 && out != a.digits {
            out.update(from: a.digits, count: a.count)  // memmove semantics
        }
        return MPZView(negative: a.negative && a.count != 0, digits: out, count: a.count)
    }

    /// Number of bits needed for |a| (Python's int.bit_length()).
    public static func bitLength(_ a: MPZView) -> Int {
        if a.count == 0 { return 0 }
        return (a.count - 1) * 16 + (16 - a.digits[a.count - 1].leadingZeroBitCount)
    }

    /// Deterministic hash equal to CPython's `hash(int)` on 64-bit builds
    /// (|a| reduced mod 2**61-1, sign applied, -1 mapped to -2).
    public static func hash(_ a: MPZView) -> Int {
        let p: UInt64 = (1 << 61) - 1
        var h: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            // h * 2**16 mod p is a 61-bit rotation by 16.
            h = ((h << 16) & p) | (h >> 45)
            h += UInt64(a.digits[i])
            if h >= p { h -= p }
            i -= 1
        }
        var r = Int(h)
        if a.negative { r = -r }
        if r == -1 { r = -2 }
        return r
    }

    // MARK: - Comparison

    /// Compares magnitudes: -1, 0 or 1.
    @inline(__always)
    static func compareMag(_ a: UnsafePointer<UInt16>, _ an: Int, _ b: UnsafePointer<UInt16>, _ bn: Int) -> Int {
        if an != bn { return an < bn ? -1 : 1 }
        var i = an - 1
        while i >= 0 {
            let x = a[i], y = b[i]
            if x != y { return x < y ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// Compares |a| and |b|: -1, 0 or 1.
    public static func compareMagnitude(_ a: MPZView, _ b: MPZView) -> Int {
        compareMag(a.digits, a.count, b.digits, b.count)
    }

    /// Signed comparison: -1, 0 or 1.
    public static func compare(_ a: MPZView, _ b: MPZView) -> Int {
        let sa = a.signum, sb = b.signum
        if sa != sb { return sa < sb ? -1 : 1 }
        let c = compareMag(a.digits, a.count, b.digits, b.count)
        return a.negative ? -c : c
    }

    /// Compares `a` with a machine integer without allocating.
    public static func compare(_ a: MPZView, _ v: Int64) -> Int {
        var buf: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &buf) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt16.self)
            let b = fromInt64(v, into: p)
            return compare(a, b)
        }
    }

    public static func equal(_ a: MPZView, _ b: MPZView) -> Bool {
        a.count == b.count && (a.count == 0 || (a.negative == b.negative && compareMag(a.digits, a.count, b.digits, b.count) == 0))
    }
}
