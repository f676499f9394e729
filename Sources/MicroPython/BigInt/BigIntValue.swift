// A convenient owning big integer backed by [UInt16], built on the MPZ buffer functions.
// Slower than working on interpreter-owned buffers; meant for tests and cold paths.

public struct BigIntValue: Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral, Sendable {
    /// Sign (never true for zero).
    public private(set) var negative: Bool
    /// Normalised little-endian 16-bit digits (empty for zero).
    public private(set) var digits: [UInt16]

    public init() { negative = false; digits = [] }

    /// Copies a view.
    public init(_ v: MPZView) {
        negative = v.negative && v.count != 0
        digits = Array(UnsafeBufferPointer(start: v.digits, count: v.count))
    }

    public init(_ v: Int64) { self = BigIntValue.build(MPZ.int64Capacity) { MPZ.fromInt64(v, into: $0) } }
    public init(_ v: Int) { self.init(Int64(v)) }
    public init(_ v: UInt64) { self = BigIntValue.build(MPZ.int64Capacity) { MPZ.fromUInt64(v, into: $0) } }
    public init(integerLiteral value: Int64) { self.init(value) }

    /// Parses digits in `radix` (optional sign, underscores ignored). nil if invalid.
    public init?(_ text: String, radix: Int = 10) {
        let cap = MPZ.fromStringCapacity(length: text.utf8.count, base: radix)
        var ok = true
        let r = BigIntValue.build(cap) { out in
            if let v = MPZ.fromString(text, base: radix, into: out) { return v }
            ok = false
            return .zero
        }
        if !ok { return nil }
        self = r
    }

    /// trunc(d); nil for NaN/infinity.
    public init?(truncating d: Double) {
        var ok = true
        let r = BigIntValue.build(MPZ.fromDoubleCapacity(d)) { out in
            if let v = MPZ.fromDouble(d, into: out) { return v }
            ok = false
            return .zero
        }
        if !ok { return nil }
        self = r
    }

    /// int.from_bytes.
    public init(bytes: [UInt8], littleEndian: Bool, signed: Bool) {
        self = bytes.withUnsafeBufferPointer { bp in
            BigIntValue.build(MPZ.fromBytesCapacity(bp.count)) { out in
                MPZ.fromBytes(bp.baseAddress ?? UnsafePointer(mpzDummyByte), count: bp.count,
                              littleEndian: littleEndian, signed: signed, into: out)
            }
        }
    }

    // MARK: Plumbing

    /// Runs `body` with a read-only view of this value.
    @inline(__always)
    public func withView<R>(_ body: (MPZView) throws -> R) rethrows -> R {
        try digits.withUnsafeBufferPointer { bp in
            let p = bp.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? mpzDummyDigit
            return try body(MPZView(negative: negative, digits: p, count: bp.count))
        }
    }

    /// Allocates `capacity` digits, lets `body` fill them, and keeps the resulting view.
    /// `body` must return a view whose digits pointer is its argument (or `.zero`).
    @inline(__always)
    static func build(_ capacity: Int, _ body: (UnsafeMutablePointer<UInt16>) -> MPZView) -> BigIntValue {
        var neg = false
        let arr = [UInt16](unsafeUninitializedCapacity: Swift.max(capacity, 1)) { buf, n in
            let v = body(buf.baseAddress!)
            precondition(v.count == 0 || v.digits == buf.baseAddress!, "result not in output buffer")
            n = v.count
            neg = v.negative
        }
        var r = BigIntValue()
        r.digits = arr
        r.negative = neg && !arr.isEmpty
        return r
    }

    @inline(__always)
    static func binary(_ a: BigIntValue, _ b: BigIntValue, _ cap: (MPZView, MPZView) -> Int,
                       _ op: (MPZView, MPZView, UnsafeMutablePointer<UInt16>) -> MPZView) -> BigIntValue {
        a.withView { x in b.withView { y in build(cap(x, y)) { op(x, y, $0) } } }
    }

    // MARK: Properties

    public var isZero: Bool { digits.isEmpty }
    public var signum: Int { digits.isEmpty ? 0 : (negative ? -1 : 1) }
    public var bitLength: Int { withView { MPZ.bitLength($0) } }
    public var int64Value: Int64? { withView { MPZ.toInt64($0) } }
    public var uint64Value: UInt64? { withView { MPZ.toUInt64($0) } }
    /// Correctly rounded; nil if out of double range.
    public var doubleValue: Double? { withView { MPZ.toDouble($0) } }
    /// CPython-compatible hash(int).
    public var pythonHash: Int { withView { MPZ.hash($0) } }
    public var description: String { toString(radix: 10) }

    public func toString(radix: Int = 10, uppercase: Bool = false) -> String {
        withView { MPZ.toString($0, base: radix, uppercase: uppercase) }
    }

    /// int.to_bytes; nil on overflow.
    public func toBytes(length: Int, littleEndian: Bool, signed: Bool) -> [UInt8]? {
        var ok = true
        let r = [UInt8](unsafeUninitializedCapacity: Swift.max(length, 1)) { buf, n in
            ok = withView { MPZ.toBytes($0, length: length, littleEndian: littleEndian, signed: signed, into: buf.baseAddress!) }
            n = ok ? length : 0
        }
        return ok ? r : nil
    }

    // MARK: Comparison / hashing

    public static func == (a: BigIntValue, b: BigIntValue) -> Bool { a.negative == b.negative && a.digits == b.digits }
    public static func < (a: BigIntValue, b: BigIntValue) -> Bool {
        a.withView { x in b.withView { y in MPZ.compare(x, y) < 0 } }
    }
    public func hash(into h: inout Hasher) { h.combine(pythonHash) }

    // MARK: Arithmetic

    public static func + (a: BigIntValue, b: BigIntValue) -> BigIntValue { binary(a, b, MPZ.addCapacity, MPZ.add) }
    public static func - (a: BigIntValue, b: BigIntValue) -> BigIntValue { binary(a, b, MPZ.subtractCapacity, MPZ.subtract) }
    public static func * (a: BigIntValue, b: BigIntValue) -> BigIntValue { binary(a, b, MPZ.multiplyCapacity, MPZ.multiply) }
    public static prefix func - (a: BigIntValue) -> BigIntValue {
        var r = a
        r.negative = !a.negative && !a.digits.isEmpty
        return r
    }
    public var magnitude: BigIntValue { var r = self; r.negative = false; return r }

    /// Python floor division and modulo; nil if b == 0.
    public func floorDivMod(_ b: BigIntValue) -> (quotient: BigIntValue, remainder: BigIntValue)? {
        if b.isZero { return nil }
        var rem = BigIntValue()
        let q = withView { x in
            b.withView { y -> BigIntValue in
                let caps = MPZ.divModCapacity(x, y)
                var rr = BigIntValue()
                let qq = BigIntValue.build(caps.quotient) { qo in
                    var qv = MPZView.zero
                    rr = BigIntValue.build(caps.remainder) { ro in
                        let res = MPZ.floorDivMod(x, y, quotient: qo, remainder: ro)!
                        qv = res.quotient
                        return res.remainder
                    }
                    return qv
                }
                rem = rr
                return qq
            }
        }
        return (q, rem)
    }

    /// Floor division (traps on division by zero).
    public static func / (a: BigIntValue, b: BigIntValue) -> BigIntValue {
        precondition(!b.isZero, "division by zero")
        return binary(a, b, { MPZ.divModCapacity($0, $1).quotient }, { MPZ.floorDivide($0, $1, into: $2)! })
    }

    /// Python modulo (traps on division by zero).
    public static func % (a: BigIntValue, b: BigIntValue) -> BigIntValue {
        precondition(!b.isZero, "division by zero")
        return binary(a, b, { MPZ.divModCapacity($0, $1).remainder }, { MPZ.modulo($0, $1, into: $2)! })
    }

    /// self ** exponent; nil for a negative exponent or an absurdly large result.
    public func power(_ exponent: Int) -> BigIntValue? {
        withView { x in
            guard let cap = MPZ.powCapacity(x, exponent) else { return nil }
            return BigIntValue.build(cap) { MPZ.pow(x, exponent, into: $0)! }
        }
    }

    /// pow(self, exponent, modulus); nil if modulus == 0 or exponent < 0.
    public func power(_ exponent: BigIntValue, modulus: BigIntValue) -> BigIntValue? {
        if modulus.isZero || exponent.negative { return nil }
        return withView { x in exponent.withView { e in modulus.withView { m in
            BigIntValue.build(MPZ.powModCapacity(m)) { MPZ.powMod(x, e, m, into: $0)! }
        } } }
    }

    // MARK: Bits

    public static func << (a: BigIntValue, n: Int) -> BigIntValue {
        if n < 0 { return a >> -n }
        return a.withView { x in build(MPZ.shiftLeftCapacity(x, n)!) { MPZ.shiftLeft(x, n, into: $0) } }
    }
    public static func >> (a: BigIntValue, n: Int) -> BigIntValue {
        if n < 0 { return a << -n }
        return a.withView { x in build(MPZ.shiftRightCapacity(x, n)) { MPZ.shiftRight(x, n, into: $0) } }
    }
    public static func & (a: BigIntValue, b: BigIntValue) -> BigIntValue { binary(a, b, MPZ.bitwiseCapacity, MPZ.and) }
    public static func | (a: BigIntValue, b: BigIntValue) -> BigIntValue { binary(a, b, MPZ.bitwiseCapacity, MPZ.or) }
    public static func ^ (a: BigIntValue, b: BigIntValue) -> BigIntValue { binary(a, b, MPZ.bitwiseCapacity, MPZ.xor) }
    public static prefix func ~ (a: BigIntValue) -> BigIntValue {
        a.withView { x in build(MPZ.invertCapacity(x)) { MPZ.invert(x, into: $0) } }
    }
}
