/// Binary and unary operators for every type: numbers first, then sequences and containers,
/// then Python-level special methods (with reflected operands), then identity fallbacks.
extension Runtime {
    public static func binaryOp(_ op: Int, _ a: Obj, _ b: Obj) throws(PyExc) -> Obj {
        if op == BinOp.is { return Obj(bool: a == b) }
        if op == BinOp.exceptionMatch { return Obj(bool: try exceptionMatches(a, b)) }
        if op == BinOp.in { return Obj(bool: try contains(b, a)) }
        let ka = kindOf(a), kb = kindOf(b)
        // Numbers.
        // (bool & bool and the like are ints, as in C: bool has no binary ops of its own.)
        let aInt = ka == .int || ka == .bool, bInt = kb == .int || kb == .bool
        if aInt && bInt, let r = try IntOps.binary(op, a, b) { return r }
        if (ka == .float || aInt) && (kb == .float || bInt) && (ka == .float || kb == .float) {
            // An int meets a float as a float of the profile's precision (C's mp_float_t).
            if let r = try FloatOps.binary(op, aInt ? Float.narrow(IntOps.toDouble(a)) : Float.value(a),
                                           bInt ? Float.narrow(IntOps.toDouble(b)) : Float.value(b)) { return r }
        }
        if ka == .nativeObject, let m = Classes.lookup(typeOf(a), BinOp.methods[op]) {
            let r = try invokeMethod(m, a, b)
            if r != Singletons.notImplemented { return r }
        } else if ka == .nativeObject && op == BinOp.notEqual, let m = Classes.lookup(typeOf(a), .__eq__) {
            // A native class with only __eq__: != is its negation.
            let r = try invokeMethod(m, a, b)
            if r != Singletons.notImplemented { return Obj(bool: !(try isTrue(r))) }
        }
        if ka != .instance && kb != .instance {
            if (op == BinOp.equal || op == BinOp.notEqual) && ((ka == .str && kb == .bytes) || (ka == .bytes && kb == .str))
                && MicroPythonRuntime.port.moduleFeatures.contains(.strBytesCompareWarning) {
                warn("Comparison between bytes and str")
            }
            if let r = try nativeBinary(op, a, b, ka, kb) { return r }
        } else if let r = try instanceBinary(op, a, b, ka, kb) {
            return r
        }
        if op == BinOp.equal { return Obj(bool: a == b) }
        if op == BinOp.notEqual { return Obj(bool: a != b) }
        if op >= BinOp.inplaceOr && op <= BinOp.inplacePow {
            return try binaryOp(op + (BinOp.or - BinOp.inplaceOr), a, b)
        }
        throw PyExc.typeError("unsupported types for \(BinOp.methods[op].string): '\(typeName(a))', '\(typeName(b))'")
    }

    static func nativeBinary(_ op: Int, _ a: Obj, _ b: Obj, _ ka: Kind, _ kb: Kind) throws(PyExc) -> Obj? {
        switch ka {
        case .str where op == BinOp.mod: return try Format.percent(a, b)
        case .str where kb == .str: return try StrMethods.binary(op, a, b)
        case .str where op == BinOp.mul || op == BinOp.inplaceMul: return try StrMethods.repeatStr(a, b)
        case .bytes where op == BinOp.mod: return try Format.percent(a, b)
        case .bytes, .bytearray: return try BytesMethods.binary(op, a, b, ka, kb)
        case .memoryview where op >= BinOp.less && op <= BinOp.notEqual: return try BytesMethods.binary(op, a, b, ka, kb)
        case .list: return try Sequences.listBinary(op, a, b, kb)
        case .tuple: return try Sequences.tupleBinary(op, a, b, kb)
        case .dict: return try DictMethods.binary(op, a, b, kb)
        case .set, .frozenset: return try SetObj.binary(op, a, b, kb)
        // complex here, past the int and float fast cases: they pay nothing for it.
        case .complex: return try Complex.runtimeBinary(op, a, b, ka, kb)
        case .float: return kb == .complex ? try Complex.runtimeBinary(op, a, b, ka, kb) : nil
        case .int, .bool:
            if kb == .complex { return try Complex.runtimeBinary(op, a, b, ka, kb) }
            if op == BinOp.mul || op == BinOp.inplaceMul {
                if kb == .str { return try StrMethods.repeatStr(b, a) }
                if kb == .list || kb == .tuple || kb == .bytes || kb == .bytearray {
                    return try nativeBinary(BinOp.mul, b, a, kb, ka)
                }
            }
            return nil
        case .boundMethod:
            // Bound methods are equal when they bind the same function to the same object.
            if (op == BinOp.equal || op == BinOp.notEqual) && kb == .boundMethod {
                let same = field(a, 1) == field(b, 1) && field(a, 2) == field(b, 2)
                return Obj(bool: same == (op == BinOp.equal))
            }
            return nil
        // (range has no operators: MicroPython's builds leave MICROPY_PY_BUILTINS_RANGE_BINOP
        // out, so two ranges are equal only when they are one object.)
        case .type:
            if op == BinOp.or { return nil }
            return nil
        default:
            return nil
        }
    }

    /// == and != with an instance operand (MicroPython's mp_obj_equal_not_equal): each
    /// instance operand in turn tries __ne__ (for !=), then __eq__ (negated for !=); then identity.
    static func instanceEquality(_ op: Int, _ a: Obj, _ b: Obj, _ ka: Kind, _ kb: Kind) throws(PyExc) -> Obj {
        var x = a, y = b
        for pass in 0..<2 {
            if (pass == 0 ? ka : kb) == .instance {
                let t = typeOf(x)
                // (object's own __eq__/__ne__ builtins stand for "not defined".)
                if op == BinOp.notEqual, let m = Classes.lookup(t, .__ne__), kindOf(m) != .builtinFunction {
                    let r = try invokeMethod(m, x, y)
                    if r != Singletons.notImplemented { return r }
                }
                if let m = Classes.lookup(t, .__eq__), kindOf(m) != .builtinFunction {
                    let r = try invokeMethod(m, x, y)
                    if r != Singletons.notImplemented {
                        return op == BinOp.equal ? r : Obj(bool: !(try isTrue(r)))
                    }
                } else {
                    let n = Classes.nativePart(x)
                    if !n.isNull && NativeSlots.hasBinaryOp(n) { return try binaryOp(op, n, y) }
                }
            } else if (pass == 0 ? ka : kb) == .complex,
                      let r = try Complex.binary(op, Complex.real(x), Complex.imag(x), y) {
                // complex compares with an instance that converts (mp_obj_equal_not_equal
                // asks both operands' types).
                return r
            }
            swap(&x, &y)
        }
        return Obj(bool: (a == b) == (op == BinOp.equal))
    }

    static func instanceBinary(_ op: Int, _ a: Obj, _ b: Obj, _ ka: Kind, _ kb: Kind) throws(PyExc) -> Obj? {
        if op == BinOp.equal || op == BinOp.notEqual { return try instanceEquality(op, a, b, ka, kb) }
        // complex's operators take an instance with __float__ or __complex__ before its
        // reflected methods are tried.
        if ka == .complex, let r = try Complex.runtimeBinary(op, a, b, ka, kb) { return r }
        // Of the in-place methods only __iadd__ and __isub__ exist (MicroPython builds without
        // MICROPY_PY_ALL_INPLACE_SPECIAL_METHODS, the unix and ESP8266 ones): `a *= b` is a * b.
        if ka == .instance, op < BinOp.inplaceOr || op > BinOp.inplacePow || op == BinOp.inplaceAdd || op == BinOp.inplaceSub,
           let m = Classes.lookup(typeOf(a), BinOp.methods[op]) {
            let r = try invokeMethod(m, a, b)
            if r != Singletons.notImplemented { return r }
        }
        if op >= BinOp.inplaceOr && op <= BinOp.inplacePow {
            return try instanceBinary(op + (BinOp.or - BinOp.inplaceOr), a, b, ka, kb)
        }
        if op >= BinOp.or && kb == .instance, let m = Classes.lookup(typeOf(b), BinOp.reflected[op - BinOp.or]) {
            let r = try invokeMethod(m, b, a)
            if r != Singletons.notImplemented { return r }
        }
        // (No reflected comparisons: C tries only the left operand's __lt__ etc., so `a > b`
        // with only __lt__ defined is a TypeError there.)
        if op == BinOp.notEqual && ka == .instance, let m = Classes.lookup(typeOf(a), .__eq__) {
            let r = try invokeMethod(m, a, b)
            if r != Singletons.notImplemented { return Obj(bool: !(try isTrue(r))) }
        }
        if op == BinOp.mod && (ka == .str || ka == .bytes) { return try Format.percent(a, b) }
        // Subclasses of native types operate on their native part.
        // (A native part without operators leaves the instance on its own.)
        var na = ka == .instance ? Classes.nativePart(a) : a
        var nb = kb == .instance ? Classes.nativePart(b) : b
        if na != a && !na.isNull && !NativeSlots.hasBinaryOp(na) { na = a }
        if nb != b && !nb.isNull && !NativeSlots.hasBinaryOp(nb) { nb = b }
        if (na != a || nb != b) && !na.isNull && !nb.isNull {
            if nb != b, let e = nativeRightOperandError(op, na, b, nb) { throw e }
            return try binaryOp(op, na, nb)
        }
        return nil
    }

    /// C's native operators take no instance on their right: `1 + MyInt(2)` (and MyInt(1) +
    /// MyInt(2), whose left side works as its native part) goes to the instance's reflected
    /// method, which without a class's own reaches the native part's operator the other way
    /// round and fails; a comparison is not reflected at all. The TypeError names what C's does.
    static func nativeRightOperandError(_ op: Int, _ na: Obj, _ b: Obj, _ nb: Obj) -> PyExc? {
        let kna = kindOf(na), knb = kindOf(nb)
        let numberLeft = kna == .int || kna == .bool || kna == .float
        // C turns a bool on the left into an int first.
        let left = kna == .bool ? "int" : typeName(na)
        if op <= BinOp.moreEqual && op != BinOp.equal {
            // A tuple compares with a tuple subclass, bytes with anything that has a buffer.
            if kna == .tuple && knb == .tuple { return nil }
            // bytes, bytearray and memoryview compare with anything that has a buffer.
            if kna == .bytes && (BytesMethods.isBuffer(nb) || Str.isStr(nb)) { return nil }
            if (kna == .bytearray || kna == .memoryview) && BytesMethods.isBuffer(nb) { return nil }
            return PyExc.typeError("unsupported types for \(BinOp.methods[op].string): '\(left)', '\(typeName(b))'")
        }
        // (tuple and bytes operators take a subclass instance on the right.)
        guard op >= BinOp.or, numberLeft || kna == .str || kna == .list else { return nil }
        // A sequence repeated by an int subclass works (it takes any int-like count).
        if !numberLeft && op == BinOp.mul && (knb == .int || knb == .bool) { return nil }
        // A small int native part's operator declines the reflected operator: C's message
        // names that one, with the operands the other way round.
        func cSmall(_ o: Obj) -> Bool {
            if o.isSmallInt { return true }
            guard MicroPythonRuntime.port.wordBits >= 64, IntOps.isBig(o), let v = IntOps.big(o).int64Value else { return false }
            return v >= -(1 << 62) && v < (1 << 62)
        }
        if knb == .int && cSmall(nb) && (kna == .bool || kna == .float || (kna == .int && cSmall(na))) {
            return PyExc.typeError("unsupported types for \(BinOp.reflected[op - BinOp.or].string): 'int', '\(left)'")
        }
        return PyExc.typeError("unsupported types for \(BinOp.methods[op].string): '\(left)', '\(typeName(nb))'")
    }

    public static func unaryOp(_ op: Int, _ a: Obj) throws(PyExc) -> Obj {
        switch kindOf(a) {
        case .int, .bool:
            if a.isSmallInt || a == .true || a == .false {
                let v = a.isSmallInt ? a.smallValue : (a == .true ? 1 : 0)
                switch op {
                case UnaryOp.positive: return Obj(small: v)
                case UnaryOp.negative: return try IntOps.make(-v)
                default: return Obj(small: ~v)
                }
            }
            let x = IntOps.big(a)
            switch op {
            case UnaryOp.positive: return a
            case UnaryOp.negative: return try IntOps.store(-x)
            default: return try IntOps.store(~x)
            }
        case .float:
            switch op {
            case UnaryOp.positive: return a
            case UnaryOp.negative: return try Float.make(-Float.value(a))
            default: break
            }
        case .complex:
            if let r = try Complex.unary(op, a) { return r }
        case .instance:
            if let m = Classes.lookup(typeOf(a), UnaryOp.methods[op]) { return try invokeMethod(m, a) }
            let n = Classes.nativePart(a)
            if !n.isNull && NativeSlots.hasUnaryOp(n) { return try unaryOp(op, n) }
        default: break
        }
        throw PyExc.typeError("unsupported type for \(UnaryOp.methods[op].string): '\(typeName(a))'")
    }

    public static func exceptionMatches(_ e: Obj, _ pattern: Obj) throws(PyExc) -> Bool {
        if kindOf(pattern) == .tuple {
            for i in 0..<Tuple.count(pattern) where try exceptionMatches(e, Tuple.item(pattern, i)) { return true }
            return false
        }
        guard Exceptions.isExceptionType(pattern) else {
            throw PyExc.typeError("catching classes that do not inherit from BaseException is not allowed")
        }
        let t = Exceptions.isExceptionType(e) ? e : typeOf(e)
        return isSubclass(t, pattern)
    }

    /// `item in container`.
    public static func contains(_ container: Obj, _ item: Obj) throws(PyExc) -> Bool {
        switch kindOf(container) {
        case .str: return try StrMethods.contains(container, item)
        case .bytes, .bytearray: return try BytesMethods.contains(container, item)
        case .memoryview:
            // Only a bytearray is searched for a sub-buffer; numbers aren't looked for (objarray.c).
            if IntOps.isInt(item) || kindOf(item) == .float { throw PyExc.make(Exceptions.NotImplementedError) }
            return false
        case .dict: return try Dict.get(container, item) != nil
        case .set, .frozenset: return try SetObj.contains(container, item)
        case .list:
            for i in 0..<List.count(container) where try equals(List.item(container, i), item) { return true }
            return false
        case .tuple:
            for i in 0..<Tuple.count(container) where try equals(Tuple.item(container, i), item) { return true }
            return false
        case .range: return try Range.contains(container, item)
        case .nativeObject:
            if ArrayModule.isArray(container) {
                // As a memoryview: numbers aren't looked for, other things are never in it.
                if IntOps.isInt(item) || kindOf(item) == .float { throw PyExc.make(Exceptions.NotImplementedError) }
                return false
            }
            if let m = Classes.lookup(typeOf(container), .__contains__) {
                return try isTrue(try invoke(m, container, item))
            }
        case .instance:
            if let m = Classes.lookup(typeOf(container), .__contains__) {
                return try isTrue(try invokeMethod(m, container, item))
            }
            let n = Classes.nativePart(container)
            if !n.isNull && IntOps.isInt(n) && (item.isSmallInt || Float.isFloat(item)) {
                throw PyExc.typeError("unsupported types for __contains__: 'int', '\(typeName(item))'")
            }
            // Without operators of its own the native part is searched by iterating.
            if !n.isNull && NativeSlots.hasBinaryOp(n) { return try contains(n, item) }
        default:
            // Two small ints meet C's small-int operator switch, whose error names no operator.
            if container.isSmallInt && item.isSmallInt { throw PyExc.typeError("unsupported types for : 'int', 'int'") }
        }
        // Fall back to iteration.
        let it = try getIter(container)
        while true {
            let v = try iterNext(it)
            if v.isNull { return false }
            if try equals(v, item) { return true }
        }
    }

    /// Three-way comparison used by sorting and min/max: `a < b`.
    @inline(__always) public static func less(_ a: Obj, _ b: Obj) throws(PyExc) -> Bool {
        if a.isSmallInt && b.isSmallInt { return a.smallValue < b.smallValue }
        return try binaryOp(BinOp.less, a, b) == .true
    }

    /// `a > b`, for max().
    @inline(__always) public static func more(_ a: Obj, _ b: Obj) throws(PyExc) -> Bool {
        if a.isSmallInt && b.isSmallInt { return a.smallValue > b.smallValue }
        return try binaryOp(BinOp.more, a, b) == .true
    }
}

public enum FloatOps {
    /// pow as the float operator computes it (after its error checks): C's pow, in the
    /// profile's precision.
    public static func pow(_ x: Double, _ y: Double) -> Double {
        Math.pow(x, y)
    }

    public static func binary(_ op: Int, _ x: Double, _ y: Double) throws(PyExc) -> Obj? {
        switch op {
        case BinOp.add, BinOp.inplaceAdd: return try Float.make(x + y)
        case BinOp.sub, BinOp.inplaceSub: return try Float.make(x - y)
        case BinOp.mul, BinOp.inplaceMul: return try Float.make(x * y)
        case BinOp.trueDiv, BinOp.inplaceTrueDiv:
            if y == 0 { throw PyExc.zeroDivision() }
            return try Float.make(x / y)
        case BinOp.floorDiv, BinOp.inplaceFloorDiv:
            if y == 0 { throw PyExc.zeroDivision() }
            return try Float.make(floorDivMod(x, y).0)
        case BinOp.mod, BinOp.inplaceMod:
            if y == 0 { throw PyExc.zeroDivision() }
            return try Float.make(modulo(x, y))
        case BinOp.pow, BinOp.inplacePow:
            // mp_obj_float_binary_op's checks: zero to a finite negative power divides by
            // zero; a negative base to a non-integral power would be complex.
            if x == 0 && y < 0 && !y.isInfinite { throw PyExc.zeroDivision() }
            if x < 0 && y != y.rounded(.down) && !y.isNaN { return try negativeBasePower(x, y) }
            return try Float.make(pow(x, y))
        case BinOp.less: return Obj(bool: x < y)
        case BinOp.more: return Obj(bool: x > y)
        case BinOp.equal: return Obj(bool: x == y)
        case BinOp.lessEqual: return Obj(bool: x <= y)
        case BinOp.moreEqual: return Obj(bool: x >= y)
        case BinOp.notEqual: return Obj(bool: x != y)
        default: return nil
        }
    }

    /// A negative base to a non-integral power: a complex where the profile has complex
    /// numbers, else "complex values not supported". Out of line, so that the operator's hot
    /// cases keep their small frame.
    @inline(never)
    static func negativeBasePower(_ x: Double, _ y: Double) throws(PyExc) -> Obj {
        if Complex.enabled, let r = try Complex.binary(BinOp.pow, x, 0, y, 0) { return r }
        throw PyExc.valueError("complex values not supported")
    }

    /// x % y as the C code computes it: fmod, then the sign of y (in the profile's precision).
    public static func modulo(_ x: Double, _ y: Double) -> Double {
        if Float.immediate { return Double(moduloIn(Swift.Float(x), Swift.Float(y))) }
        return moduloIn(x, y)
    }

    static func moduloIn<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
        var r = x.truncatingRemainder(dividingBy: y)
        if r == 0 {
            r = T(signOf: y, magnitudeOf: 0)
        } else if (r < 0) != (y < 0) {
            r += y
        }
        return r
    }

    /// mp_obj_float_divmod: (x // y, x % y), in the profile's precision.
    public static func floorDivMod(_ x: Double, _ y: Double) -> (Double, Double) {
        if Float.immediate {
            let (q, r) = floorDivModIn(Swift.Float(x), Swift.Float(y))
            return (Double(q), Double(r))
        }
        return floorDivModIn(x, y)
    }

    static func floorDivModIn<T: BinaryFloatingPoint>(_ x: T, _ y: T) -> (T, T) {
        var mod = x.truncatingRemainder(dividingBy: y)
        var div = (x - mod) / y
        if mod == 0 {
            mod = T(signOf: y, magnitudeOf: 0)
        } else if (mod < 0) != (y < 0) {
            mod += y
            div -= 1
        }
        var floordiv: T
        if div == 0 {
            floordiv = T(signOf: x / y, magnitudeOf: 0)
        } else {
            floordiv = div.rounded(.down)
            if div - floordiv > T(0.5) { floordiv += 1 }
        }
        return (floordiv, mod)
    }
}
