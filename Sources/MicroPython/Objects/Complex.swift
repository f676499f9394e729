import MicroPythonCompiler

/// complex, on profiles built with complex numbers (the host profile; the ESP8266 build has
/// MICROPY_PY_BUILTINS_COMPLEX off). A heap object [type, pad, real, imag] of 24 bytes (two
/// blocks), as mp_obj_complex_t (a base and two doubles) takes on a 32-bit build.
///
/// The arithmetic is py/objcomplex.c's, formula for formula (a quotient by a product with the
/// conjugate, powers through exp/log/atan2, abs without hypot), so results and their last bits
/// are the C build's.
public enum Complex {
    /// Whether this profile has complex numbers (set once at start-up from the port).
    nonisolated(unsafe) public static var enabled = false

    static let byteSize = 24
    /// The word where the real part starts; the imaginary part follows it.
    static let realWord = 2
    static let doubleBytes = 8

    public static func make(_ real: Double, _ imag: Double) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: byteSize))
        setField(o, 0, Types.complex)
        let p = UnsafeMutableRawPointer(words(o) + realWord)
        p.storeBytes(of: real, as: Double.self)
        p.storeBytes(of: imag, toByteOffset: doubleBytes, as: Double.self)
        return o
    }

    /// The parts of a complex object (its type already checked).
    @inline(__always) public static func real(_ o: Obj) -> Double {
        UnsafeMutableRawPointer(words(o) + realWord).load(as: Double.self)
    }
    @inline(__always) public static func imag(_ o: Obj) -> Double {
        UnsafeMutableRawPointer(words(o) + realWord).load(fromByteOffset: doubleBytes, as: Double.self)
    }

    @inline(__always) public static func isComplex(_ o: Obj) -> Bool {
        o.isPointer && field(o, 0) == Types.complex
    }

    // MARK: - conversions

    /// mp_obj_get_complex_maybe: an int, bool or float (or an object whose __float__ gives a
    /// float) as (x, 0); a complex (or an object whose __complex__ gives one) as its parts;
    /// nil for anything else.
    public static func parts(_ o: Obj) throws(PyExc) -> (Double, Double)? {
        if o.isSmallInt { return (Double(o.smallValue), 0) }
        switch kindOf(o) {
        case .int, .bool: return (IntOps.toDouble(o), 0)
        case .float: return (Float.value(o), 0)
        case .complex: return (real(o), imag(o))
        case .instance:
            let t = typeOf(o)
            if let m = Classes.lookup(t, .__float__) {
                let r = try Runtime.invoke(m, o)
                if Float.isFloat(r) { return (Float.value(r), 0) }
            }
            if let m = Classes.lookup(t, Qstr("__complex__")) {
                let r = try Runtime.invoke(m, o)
                if isComplex(r) { return (real(r), imag(r)) }
            }
            // (An instance of a subclass of int, float or complex does not convert: C's
            // FLOAT_MAYBE and COMPLEX_MAYBE unary operators reach no number type.)
            return nil
        default:
            return nil
        }
    }

    /// mp_obj_get_complex: as `parts`, TypeError for anything else.
    public static func get(_ o: Obj) throws(PyExc) -> (Double, Double) {
        guard let p = try parts(o) else { throw PyExc.typeError("can't convert \(typeName(o)) to complex") }
        return p
    }

    /// mp_obj_get_float for complex's constructor: numbers and __float__, TypeError otherwise.
    static func floatArgument(_ o: Obj) throws(PyExc) -> Double {
        if o.isSmallInt { return Double(o.smallValue) }
        switch kindOf(o) {
        case .int, .bool: return IntOps.toDouble(o)
        case .float: return Float.value(o)
        default:
            if let m = Classes.lookup(typeOf(o), .__float__) {
                let r = try Runtime.invoke(m, o)
                if Float.isFloat(r) { return Float.value(r) }
            }
            throw PyExc.typeError("can't convert \(typeName(o)) to float")
        }
    }

    /// complex(), complex(x), complex(str), complex(real, imag) (complex_make_new).
    static func construct(_ args: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        if n == 0 { return try make(0, 0) }
        let x = args[0]
        if n == 1 {
            if Str.isStr(x) {
                let (p, len) = Str.data(x)
                return try fromText(UnsafeBufferPointer(start: p, count: len))
            }
            if isComplex(x) { return x }
            let (re, im) = try get(x)
            return try make(re, im)
        }
        var re: Double, im: Double
        if isComplex(x) { (re, im) = (real(x), imag(x)) } else { (re, im) = (try floatArgument(x), 0) }
        let y = args[1]
        if isComplex(y) {
            re -= imag(y)
            im += real(y)
        } else {
            im += try floatArgument(y)
        }
        return try make(re, im)
    }

    /// complex(str): mp_parse_num_complex's rules ("1+2j", "-j", " 1.5e3 ", "nanj"; no
    /// parentheses, no spaces around the sign between the parts).
    static func fromText(_ text: UnsafeBufferPointer<UInt8>) throws(PyExc) -> Obj {
        switch FloatText.parseNumber(text, model: .double, allowImaginary: true, forceComplex: true, complexSupported: true) {
        case .complex(let re, let im): return try make(re, im)
        case .real(let d): return try make(d, 0)
        default: throw PyExc.valueError("invalid syntax for number")
        }
    }

    /// A complex constant of compiled code (its text as the .mpy format stores it): on a
    /// profile without complex numbers, "complex values not supported", as the C loader says.
    static func constant(_ text: String) throws(PyExc) -> Obj {
        let n = Array(text.utf8).withUnsafeBufferPointer {
            FloatText.parseNumber($0, model: Float.model, allowImaginary: true, forceComplex: false, complexSupported: enabled)
        }
        switch n {
        case .complex(let re, let im): return try make(re, im)
        case .real(let d): return try Float.make(d)
        case .imaginaryUnsupported: throw PyExc.valueError("complex values not supported")
        case .invalid: throw PyExc.valueError("invalid syntax for number")
        }
    }

    // MARK: - operators

    /// mp_obj_complex_binary_op: (lhs real, lhs imag) op rhs. Nil when rhs is no number or the
    /// operator is not complex's (the caller reports "unsupported types").
    public static func binary(_ op: Int, _ lhsReal: Double, _ lhsImag: Double, _ rhs: Obj) throws(PyExc) -> Obj? {
        guard let (rr, ri) = try parts(rhs) else { return nil }
        return try binary(op, lhsReal, lhsImag, rr, ri)
    }

    public static func binary(_ op: Int, _ lhsReal: Double, _ lhsImag: Double,
                              _ rhsReal: Double, _ rhsImag: Double) throws(PyExc) -> Obj? {
        var lr = lhsReal, li = lhsImag
        switch op {
        case BinOp.add, BinOp.inplaceAdd:
            lr += rhsReal
            li += rhsImag
        case BinOp.sub, BinOp.inplaceSub:
            lr -= rhsReal
            li -= rhsImag
        case BinOp.mul, BinOp.inplaceMul:
            (lr, li) = multiply(lr, li, rhsReal, rhsImag)
        case BinOp.floorDiv, BinOp.inplaceFloorDiv:
            throw PyExc.typeError("can't truncate-divide a complex number")
        case BinOp.trueDiv, BinOp.inplaceTrueDiv:
            if rhsImag == 0 {
                if rhsReal == 0 { throw PyExc.zeroDivision("complex divide by zero") }
                lr /= rhsReal
                li /= rhsReal
            } else if rhsReal == 0 {
                (lr, li) = (li / rhsImag, -lr / rhsImag)
            } else {
                // Multiply by the conjugate over the squared modulus.
                let lengthSquared = rhsReal * rhsReal + rhsImag * rhsImag
                (lr, li) = multiply(lr, li, rhsReal / lengthSquared, rhsImag / -lengthSquared)
            }
        case BinOp.pow, BinOp.inplacePow:
            // z1**z2 = exp(z2 * ln(z1)), ln(z1) = ln|z1| + i*arg(z1).
            let abs1 = Math.sqrt(lr * lr + li * li)
            if abs1 == 0 {
                guard rhsImag == 0 && rhsReal >= 0 else { throw PyExc.zeroDivision("0.0 to a complex power") }
                lr = rhsReal == 0 ? 1 : 0
            } else {
                let ln1 = Math.log(abs1)
                let arg1 = Math.atan2(li, lr)
                let x3 = rhsReal * ln1 - rhsImag * arg1
                let y3 = rhsImag * ln1 + rhsReal * arg1
                let expX3 = Math.exp(x3)
                lr = expX3 * Math.cos(y3)
                li = expX3 * Math.sin(y3)
            }
        case BinOp.equal:
            return Obj(bool: lr == rhsReal && li == rhsImag)
        case BinOp.notEqual:
            return Obj(bool: !(lr == rhsReal && li == rhsImag))
        default:
            return nil
        }
        return try make(lr, li)
    }

    @inline(__always) static func multiply(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> (Double, Double) {
        (a * c - b * d, a * d + b * c)
    }

    /// The operators with a complex operand that `Runtime.binaryOp` hands here, with the error
    /// texts of the C paths (a small int or bool on the left reports the operator as given, a
    /// bool on the right of an unsupported operator the reflected one, both as 'int').
    static func runtimeBinary(_ op: Int, _ a: Obj, _ b: Obj, _ ka: Kind, _ kb: Kind) throws(PyExc) -> Obj? {
        if ka == .complex {
            if let r = try binary(op, real(a), imag(a), b) { return r }
            if kb == .bool {
                let base = op >= BinOp.inplaceOr && op <= BinOp.inplacePow ? op + (BinOp.or - BinOp.inplaceOr) : op
                if base >= BinOp.or {
                    throw PyExc.typeError("unsupported types for \(BinOp.reflected[base - BinOp.or].string): 'int', 'complex'")
                }
            }
            return nil
        }
        guard kb == .complex else { return nil }
        let x: Double
        switch ka {
        case .float: x = Float.value(a)
        case .int, .bool: x = IntOps.toDouble(a)
        default: return nil
        }
        if let r = try binary(op, x, 0, real(b), imag(b)) { return r }
        if ka == .bool || isMachineSmallInt(a) {
            // mp_binary_op's small-int path goes straight to its error, operator unchanged:
            // the unix build names no in-place operator but += and -= (which never fail here).
            let inplace = op >= BinOp.inplaceOr && op <= BinOp.inplacePow
            throw PyExc.typeError("unsupported types for \(inplace ? "" : BinOp.methods[op].string): 'int', 'complex'")
        }
        return nil
    }

    /// Whether an int is a small int of the C build this profile compares with (the unix
    /// port's 63-bit small ints on a 64-bit word, 31-bit ones on a 32-bit word).
    static func isMachineSmallInt(_ a: Obj) -> Bool {
        if a.isSmallInt { return true }
        guard IntOps.isBig(a), let v = IntOps.big(a).int64Value else { return false }
        let bits = MicroPythonRuntime.port.wordBits - 2
        return v >= -(Int64(1) << bits) && v < (Int64(1) << bits)
    }

    static func unary(_ op: Int, _ a: Obj) throws(PyExc) -> Obj? {
        switch op {
        case UnaryOp.positive: return a
        case UnaryOp.negative: return try make(-real(a), -imag(a))
        default: return nil
        }
    }

    /// abs(): the modulus as sqrt(re*re + im*im) (no hypot: it overflows as C's does).
    static func magnitude(_ a: Obj) -> Double {
        let re = real(a), im = imag(a)
        return Math.sqrt(re * re + im * im)
    }

    /// hash(): the float hashes of the parts, exclusive-or'ed.
    static func hash(_ a: Obj) -> Int {
        Float.hash(real(a)) ^ Float.hash(imag(a))
    }

    // MARK: - text

    /// repr() and str(): "1j", "(1+2j)", "(nan-infj)": each part as a float's repr without the
    /// forced ".0", the real part left out when it is zero (either sign).
    @inline(never)
    static func write(_ a: Obj, _ p: inout Printer) {
        let re = real(a), im = imag(a)
        if re != 0 {
            p.write("(")
            p.write(part(re, sign: 0))
            p.write(part(im, sign: UInt8(ascii: "+")))
            p.write("j)")
        } else {
            p.write(part(im, sign: 0))
            p.write("j")
        }
    }

    static func part(_ d: Double, sign: UInt8) -> String {
        String(decoding: FloatText.format(d, UInt8(ascii: "g"), FloatText.reprPrecision, sign, model: Float.model), as: UTF8.self)
    }
}
