/// int. Small ints are immediate (31-bit); larger values are heap objects
/// [type, negative | count << 1, alloc, digits] with a separate array of 16-bit digits
/// (at least 2 allocated), as MicroPython's mpz.
public enum IntOps {
    @inline(__always) public static func isBig(_ o: Obj) -> Bool { o.isPointer && field(o, 0) == Types.int }

    /// A shift count as mp_obj_get_int takes it: it must fit the port's machine word.
    static func machineWord(_ y: BigIntValue) throws(PyExc) -> Int64 {
        let bits = MicroPythonRuntime.port.wordBits
        guard let v = y.int64Value, bits >= 64 || (v >= Int64(Int32.min) && v <= Int64(Int32.max)) else {
            throw PyExc.overflowError("overflow converting long int to machine word")
        }
        return v
    }

    public static func make(_ v: Int) throws(PyExc) -> Obj {
        if Obj.fitsSmall(v) { return Obj(small: v) }
        // Straight into heap digits (no Swift array on the way).
        return try compute(MPZ.int64Capacity) { MPZ.fromInt64(Int64(v), into: $0) }
    }

    /// Stores a big value as an int object, or a small int when it fits.
    public static func store(_ b: BigIntValue) throws(PyExc) -> Obj {
        if let v = b.int64Value, Obj.fitsSmall(Int(v)) { return Obj(small: Int(v)) }
        let n = b.digits.count
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, Types.int)
        let alloc = max(2, n)
        words(o)[1] = (b.negative ? 1 : 0) | UInt32(n) << 1
        words(o)[2] = UInt32(alloc)
        let d = try Heap.allocate(bytes: 2 * alloc)
        words(o)[3] = d
        let p = UnsafeMutableRawPointer(arenaBytes(d)).assumingMemoryBound(to: UInt16.self)
        for i in 0..<n { p[i] = b.digits[i] }
        return o
    }

    /// Scratch digits for small operands of big operations (never escape `binary`).
    nonisolated(unsafe) static var scratchAAddress: UInt = 0
    nonisolated(unsafe) static var scratchBAddress: UInt = 0
    static var scratchA: UnsafeMutablePointer<UInt16> {
        if scratchAAddress == 0 { scratchAAddress = UInt(bitPattern: UnsafeMutablePointer<UInt16>.allocate(capacity: 8)) }
        return UnsafeMutablePointer<UInt16>(bitPattern: scratchAAddress).unsafelyUnwrapped
    }
    static var scratchB: UnsafeMutablePointer<UInt16> {
        if scratchBAddress == 0 { scratchBAddress = UInt(bitPattern: UnsafeMutablePointer<UInt16>.allocate(capacity: 8)) }
        return UnsafeMutablePointer<UInt16>(bitPattern: scratchBAddress).unsafelyUnwrapped
    }

    /// An MPZ view of an int: heap digits for big ints, `scratch` for small ints and bools.
    @inline(__always) static func view(_ o: Obj, _ scratch: UnsafeMutablePointer<UInt16>) -> MPZView {
        if isBig(o) {
            let p = UnsafeMutableRawPointer(arenaBytes(words(o)[3])).assumingMemoryBound(to: UInt16.self)
            return MPZView(negative: words(o)[1] & 1 != 0, digits: p, count: Int(words(o)[1] >> 1))
        }
        let v = o.isSmallInt ? o.smallValue : (o == .true ? 1 : 0)
        return MPZ.fromInt64(Int64(v), into: scratch)
    }

    /// Allocates an int with room for `capacity` digits, lets `fill` compute into them, and
    /// returns it (or a small int when the result fits one).
    @inline(__always)
    static func compute(_ capacity: Int, _ fill: (UnsafeMutablePointer<UInt16>) -> MPZView) throws(PyExc) -> Obj {
        let alloc = max(2, capacity)
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, Types.int)
        words(o)[2] = UInt32(alloc)
        let d = try Heap.allocate(bytes: 2 * alloc)
        words(o)[3] = d
        let out = UnsafeMutableRawPointer(arenaBytes(d)).assumingMemoryBound(to: UInt16.self)
        let r = fill(out)
        if r.count <= 2 {
            var mag = 0
            for i in stride(from: r.count - 1, through: 0, by: -1) { mag = (mag << 16) | Int(r.digits[i]) }
            let v = r.negative ? -mag : mag
            if Obj.fitsSmall(v) {
                Heap.release(d)
                Heap.release(o.raw)
                return Obj(small: v)
            }
        }
        if r.digits != out { out.update(from: r.digits, count: r.count) }
        words(o)[1] = (r.negative ? 1 : 0) | UInt32(r.count) << 1
        return o
    }

    public static func big(_ o: Obj) -> BigIntValue {
        if o.isSmallInt { return BigIntValue(o.smallValue) }
        if o == .true { return BigIntValue(1) }
        if o == .false { return BigIntValue(0) }
        let n = Int(words(o)[1] >> 1)
        let p = UnsafeMutableRawPointer(arenaBytes(words(o)[3])).assumingMemoryBound(to: UInt16.self)
        let view = MPZView(negative: words(o)[1] & 1 != 0, digits: p, count: n)
        return BigIntValue(view)
    }

    public static func isZero(_ o: Obj) -> Bool {
        if o.isSmallInt { return o.smallValue == 0 }
        return words(o)[1] >> 1 == 0
    }

    /// MicroPython's hash of an int: the machine word's low bits of |v| (negated for a negative
    /// v), kept to the width of the port's small int (63 bits on a 64-bit build, 31 on 32-bit).
    /// Dict and set order follow it, so it matches the C build's value bit for bit.
    public static func hash(_ o: Obj) -> Int {
        if o.isSmallInt { return o.smallValue }
        if o == .true { return 1 }
        if o == .false { return 0 }
        return truncatedToSmall(lowWord(o))
    }

    /// A big int's value modulo 2**64, two's complement for a negative value.
    private static func lowWord(_ o: Obj) -> UInt64 {
        let n = Int(words(o)[1] >> 1)
        let p = UnsafeMutableRawPointer(arenaBytes(words(o)[3])).assumingMemoryBound(to: UInt16.self)
        var low: UInt64 = 0
        var i = Swift.min(n, 4) - 1
        while i >= 0 { low = (low << 16) | UInt64(p[i]); i -= 1 }
        return words(o)[1] & 1 != 0 ? 0 &- low : low
    }

    /// A machine word truncated as the C build's MP_OBJ_NEW_SMALL_INT does: to the port's
    /// word width, less the tag bit.
    static func truncatedToSmall(_ w: UInt64) -> Int {
        if MicroPythonRuntime.port.wordBits >= 64 { return Int(Int64(bitPattern: w << 1) >> 1) }
        return Int(Int32(bitPattern: UInt32(truncatingIfNeeded: w) << 1) >> 1)
    }

    /// The value reduced to a machine word, as C's mp_obj_get_int_truncated: TypeError if not an int.
    static func truncatedWord(_ o: Obj) throws(PyExc) -> UInt64 {
        if isBig(o) { return lowWord(o) }
        return UInt64(bitPattern: Int64(try toInt(o)))
    }

    /// Is `o` an int the C build holds as a small int (31 bits on the chip, 63 on the host)?
    public static func isCSmall(_ o: Obj) -> Bool {
        if o.isSmallInt { return true }
        guard MicroPythonRuntime.port.wordBits >= 64, isBig(o), let v = big(o).int64Value else { return false }
        return v >= -(1 << 62) && v < 1 << 62
    }

    /// Is `o` an int (small, big, or bool)?
    @inline(__always) public static func isInt(_ o: Obj) -> Bool {
        o.isSmallInt || o == .true || o == .false || isBig(o)
    }

    /// The value as a machine Int; OverflowError if it does not fit, TypeError if not an int.
    public static func toInt(_ o: Obj) throws(PyExc) -> Int {
        if o.isSmallInt { return o.smallValue }
        if o == .true { return 1 }
        if o == .false { return 0 }
        if isBig(o) {
            // As mpz_as_int_checked: the magnitude must fit the port's machine word, so -2**63
            // (-2**31 on the 32-bit chip) overflows too.
            guard let v = big(o).int64Value, v != Int64.min,
                  MicroPythonRuntime.port.wordBits >= 64 || v.magnitude <= UInt64(Int32.max) else {
                throw PyExc.overflowError("overflow converting long int to machine word")
            }
            return Int(v)
        }
        if kindOf(o) == .instance, let m = Classes.lookup(typeOf(o), .__index__) ?? Classes.lookup(typeOf(o), .__int__) {
            return try toInt(try Runtime.invoke(m, o))
        }
        if kindOf(o) == .instance {
            let n = Classes.nativePart(o)
            if !n.isNull && isInt(n) { return try toInt(n) }
        }
        throw PyExc.typeError("can't convert \(typeName(o)) to int")
    }

    /// The value as C's mp_obj_get_ll takes it: a big int cut to its low 64 bits.
    public static func toLongLong(_ o: Obj) throws(PyExc) -> Int64 {
        if isBig(o) { return Int64(bitPattern: lowWord(o)) }
        return Int64(try toInt(o))
    }

    /// An index argument: like toInt with MicroPython's message for non-ints.
    public static func toIndex(_ o: Obj, _ what: String = "indices") throws(PyExc) -> Int {
        if o.isSmallInt { return o.smallValue }
        if isInt(o) || kindOf(o) == .instance { return try toInt(o) }
        throw PyExc.typeError("\(what) must be integers, not \(typeName(o))")
    }

    public static func parse(_ s: String, base: Int) throws(PyExc) -> Obj {
        guard let b = BigIntValue(s, radix: base) else {
            throw PyExc.valueError("invalid syntax for integer with base \(base)")
        }
        return try store(b)
    }

    public static func toDouble(_ o: Obj) -> Double {
        if o.isSmallInt { return Double(o.smallValue) }
        if o == .true { return 1 }
        if o == .false { return 0 }
        // As MicroPython's mpz_as_float, in the profile's precision.
        return big(o).withView { MPZ.toFloatAccumulating($0, single: Float.immediate) }
    }

    public static func string(_ o: Obj, radix: Int = 10) -> String {
        if o.isSmallInt { return String(o.smallValue, radix: radix) }
        return big(o).toString(radix: radix)
    }

    /// Integer binary operations (both operands ints); nil when `op` is not an int operation.
    public static func binary(_ op: Int, _ a: Obj, _ b: Obj) throws(PyExc) -> Obj? {
        if a.isSmallInt && b.isSmallInt {
            let x = a.smallValue, y = b.smallValue
            switch op {
            case BinOp.add, BinOp.inplaceAdd: return try make(x + y)
            case BinOp.sub, BinOp.inplaceSub: return try make(x - y)
            case BinOp.mul, BinOp.inplaceMul:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if !o { return try make(r) }
            case BinOp.floorDiv, BinOp.inplaceFloorDiv:
                if y == 0 { throw PyExc.zeroDivision() }
                var q = x / y
                if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
                return try make(q)
            case BinOp.mod, BinOp.inplaceMod:
                if y == 0 { throw PyExc.zeroDivision() }
                var r = x % y
                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                return Obj(small: r)
            case BinOp.lshift, BinOp.inplaceLshift:
                if y < 0 { throw PyExc.valueError("negative shift count") }
                if y < 32 {
                    let r = x << y
                    if r >> y == x { return try make(r) }
                }
            case BinOp.rshift, BinOp.inplaceRshift:
                if y < 0 { throw PyExc.valueError("negative shift count") }
                return Obj(small: x >> min(y, 63))
            case BinOp.and, BinOp.inplaceAnd: return Obj(small: x & y)
            case BinOp.or, BinOp.inplaceOr: return Obj(small: x | y)
            case BinOp.xor, BinOp.inplaceXor: return Obj(small: x ^ y)
            case BinOp.less: return Obj(bool: x < y)
            case BinOp.more: return Obj(bool: x > y)
            case BinOp.equal: return Obj(bool: x == y)
            case BinOp.lessEqual: return Obj(bool: x <= y)
            case BinOp.moreEqual: return Obj(bool: x >= y)
            case BinOp.notEqual: return Obj(bool: x != y)
            case BinOp.trueDiv, BinOp.inplaceTrueDiv:
                if y == 0 { throw PyExc.zeroDivision() }
                return try Float.make(Float.narrow(Double(x)) / Float.narrow(Double(y)))
            case BinOp.pow, BinOp.inplacePow:
                if y < 0 { return try FloatOps.binary(BinOp.pow, Float.narrow(Double(x)), Float.narrow(Double(y))) }
                var result = 1, base = x, e = y, overflow = false
                while e > 0 && !overflow {
                    if e & 1 == 1 {
                        let (r, o) = result.multipliedReportingOverflow(by: base); result = r; overflow = o
                    }
                    e >>= 1
                    if e > 0 { let (r, o) = base.multipliedReportingOverflow(by: base); base = r; overflow = overflow || o }
                }
                if !overflow { return try make(result) }
            default: return nil
            }
        }
        // Big operands: MPZ straight on the heap digits (no Swift arrays on these paths).
        let va = view(a, scratchA), vb = view(b, scratchB)
        switch op {
        case BinOp.add, BinOp.inplaceAdd: return try compute(MPZ.addCapacity(va, vb)) { MPZ.add(va, vb, into: $0) }
        case BinOp.sub, BinOp.inplaceSub: return try compute(MPZ.subtractCapacity(va, vb)) { MPZ.subtract(va, vb, into: $0) }
        case BinOp.mul, BinOp.inplaceMul: return try compute(MPZ.multiplyCapacity(va, vb)) { MPZ.multiply(va, vb, into: $0) }
        case BinOp.and, BinOp.inplaceAnd: return try compute(MPZ.bitwiseCapacity(va, vb)) { MPZ.and(va, vb, into: $0) }
        case BinOp.or, BinOp.inplaceOr: return try compute(MPZ.bitwiseCapacity(va, vb)) { MPZ.or(va, vb, into: $0) }
        case BinOp.xor, BinOp.inplaceXor: return try compute(MPZ.bitwiseCapacity(va, vb)) { MPZ.xor(va, vb, into: $0) }
        case BinOp.less: return Obj(bool: MPZ.compare(va, vb) < 0)
        case BinOp.more: return Obj(bool: MPZ.compare(va, vb) > 0)
        case BinOp.equal: return Obj(bool: MPZ.compare(va, vb) == 0)
        case BinOp.lessEqual: return Obj(bool: MPZ.compare(va, vb) <= 0)
        case BinOp.moreEqual: return Obj(bool: MPZ.compare(va, vb) >= 0)
        case BinOp.notEqual: return Obj(bool: MPZ.compare(va, vb) != 0)
        case BinOp.floorDiv, BinOp.inplaceFloorDiv, BinOp.mod, BinOp.inplaceMod:
            if vb.count == 0 { throw PyExc.zeroDivision() }
            let caps = MPZ.divModCapacity(va, vb)
            let wantQuotient = op == BinOp.floorDiv || op == BinOp.inplaceFloorDiv
            return try compute(wantQuotient ? caps.quotient : caps.remainder) { out in
                let r = MPZ.floorDivMod(va, vb, quotient: wantQuotient ? out : nil, remainder: wantQuotient ? nil : out)!
                return wantQuotient ? r.quotient : r.remainder
            }
        default: break
        }
        let x = big(a), y = big(b)
        switch op {
        case BinOp.floorDiv, BinOp.inplaceFloorDiv:
            guard let (q, _) = x.floorDivMod(y) else { throw PyExc.zeroDivision() }
            return try store(q)
        case BinOp.mod, BinOp.inplaceMod:
            guard let (_, r) = x.floorDivMod(y) else { throw PyExc.zeroDivision() }
            return try store(r)
        // The count is taken as a machine word first (an OverflowError past it), then checked
        // for sign, as mpz's shift does.
        case BinOp.lshift, BinOp.inplaceLshift:
            let s = try machineWord(y)
            if s < 0 { throw PyExc.valueError("negative shift count") }
            if s > 1 << 24 || Double(x.bitLength) + Double(s) > Double(Heap.poolBytes) * 8 {
                throw PyExc(Exceptions.memoryError(bytes: UInt(s / 8)))
            }
            return try store(x << Int(s))
        case BinOp.rshift, BinOp.inplaceRshift:
            let s = try machineWord(y)
            if s < 0 { throw PyExc.valueError("negative shift count") }
            return try store(x >> Int(s))
        case BinOp.and, BinOp.inplaceAnd: return try store(x & y)
        case BinOp.or, BinOp.inplaceOr: return try store(x | y)
        case BinOp.xor, BinOp.inplaceXor: return try store(x ^ y)
        case BinOp.less: return Obj(bool: x < y)
        case BinOp.more: return Obj(bool: y < x)
        case BinOp.equal: return Obj(bool: x == y)
        case BinOp.lessEqual: return Obj(bool: !(y < x))
        case BinOp.moreEqual: return Obj(bool: !(x < y))
        case BinOp.notEqual: return Obj(bool: x != y)
        case BinOp.trueDiv, BinOp.inplaceTrueDiv:
            if y.isZero { throw PyExc.zeroDivision() }
            return try Float.make(Float.narrow(toDouble(a)) / Float.narrow(toDouble(b)))
        case BinOp.pow, BinOp.inplacePow:
            if y.signum < 0 { return try FloatOps.binary(BinOp.pow, Float.narrow(toDouble(a)), Float.narrow(toDouble(b))) }
            guard let e = y.int64Value, e < 1 << 24 else {
                // A huge exponent is fine for 0, 1 and -1 (MicroPython's mpz loop gives them).
                if x.isZero { return Obj(small: 0) }
                if x == BigIntValue(1) { return Obj(small: 1) }
                if x == BigIntValue(-1) { return Obj(small: (y & BigIntValue(1)).isZero ? 1 : -1) }
                throw PyExc.overflowError("result too large")
            }
            // The result has about bits(x - 1) * e bits: one the heap cannot hold fails before
            // the power is computed (in host memory, which could take minutes).
            if e > 1 && !x.isZero && x != BigIntValue(1) && x != BigIntValue(-1) {
                let bits = Double(max(1, x.bitLength - 1)) * Double(e)
                if bits / 8 > Double(Heap.poolBytes) { throw PyExc(Exceptions.memoryError(bytes: UInt(min(bits / 8, 1e18)))) }
            }
            guard let r = x.power(Int(e)) else { throw PyExc.overflowError("result too large") }
            return try store(r)
        default: return nil
        }
    }
}
