/// math: the functions of the ESP8266 build on the C library.
public enum MathModule {
    static func arg(_ o: Obj) throws(PyExc) -> Double {
        if Float.isFloat(o) { return Float.value(o) }
        if IntOps.isInt(o) { return Float.narrow(IntOps.toDouble(o)) }
        if let m = Classes.lookup(typeOf(o), .__float__) {
            let r = try Runtime.invoke(m, o)
            if Float.isFloat(r) { return Float.value(r) }
        }
        throw PyExc.typeError("can't convert \(typeName(o)) to float")
    }

    static func install() {
        let m = ModuleBuilder("math")
        m.set("pi", Float.immediate ? Float.encode(Double.pi) : makeStaticFloat(Double.pi))
        m.set("e", Float.immediate ? Float.encode(2.718281828459045) : makeStaticFloat(2.718281828459045))
        let features = MicroPythonRuntime.port.moduleFeatures
        if features.contains(.mathConstants) {
            m.set("inf", Float.immediate ? Float.encode(.infinity) : makeStaticFloat(.infinity))
            m.set("nan", Float.immediate ? Float.encode(.nan) : makeStaticFloat(.nan))
            m.set("tau", Float.immediate ? Float.encode(2 * Double.pi) : makeStaticFloat(2 * Double.pi))
        }
        let special: Set<String> = ["log2", "log10", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "expm1",
                                    "erf", "erfc", "gamma", "lgamma"]
        let unary: [(String, (Double) -> Double, (Double) -> Bool)] = [
            ("sqrt", Math.sqrt, { $0 < 0 }), ("exp", Math.exp, { _ in false }), ("log2", Math.log2, { $0 <= 0 }),
            ("log10", Math.log10, { $0 <= 0 }), ("sin", Math.sin, { $0.isInfinite }), ("cos", Math.cos, { $0.isInfinite }),
            ("tan", Math.tan, { $0.isInfinite }), ("asin", Math.asin, { $0 < -1 || $0 > 1 }), ("acos", Math.acos, { $0 < -1 || $0 > 1 }),
            ("atan", Math.atan, { _ in false }), ("sinh", Math.sinh, { _ in false }), ("cosh", Math.cosh, { _ in false }),
            ("tanh", Math.tanh, { _ in false }), ("asinh", Math.asinh, { _ in false }), ("acosh", Math.acosh, { $0 < 1 }),
            ("atanh", Math.atanh, { $0 <= -1 || $0 >= 1 }), ("expm1", Math.expm1, { _ in false }),
            ("erf", Math.erf, { _ in false }), ("erfc", Math.erfc, { _ in false }), ("gamma", Math.tgamma, { $0 <= 0 && $0 == $0.rounded() }),
            ("lgamma", Math.lgamma, { _ in false }), ("fabs", { Swift.abs($0) }, { _ in false }),
            ("degrees", { $0 * 180 / Double.pi }, { _ in false }), ("radians", { $0 * Double.pi / 180 }, { _ in false }),
        ]
        for (name, f, bad) in unary where features.contains(.mathSpecialFunctions) || !special.contains(name) {
            m.function(name, 1, 1) { (a, _, _) throws(PyExc) in
                let x = try arg(a[0])
                if bad(x) { throw PyExc.valueError("math domain error") }
                // math_generic_1: a NaN or infinity out of a number that is neither is an
                // error (in the profile's precision: exp(89) overflows a single).
                let r = Float.narrow(f(x))
                if (r.isNaN && !x.isNaN) || (r.isInfinite && !x.isInfinite) { throw PyExc.valueError("math domain error") }
                return try Float.make(r)
            }
        }
        m.function("log", 1, 2) { (a, n, _) throws(PyExc) in
            let x = try arg(a[0])
            if x <= 0 { throw PyExc.valueError("math domain error") }
            if n == 2 {
                let b = try arg(a[1])
                if b <= 0 { throw PyExc.valueError("math domain error") }
                if b == 1 { throw PyExc.zeroDivision() }
                return try Float.make(Math.log(x) / Math.log(b))
            }
            return try Float.make(Math.log(x))
        }
        m.function("pow", 2, 2) { (a, _, _) throws(PyExc) in try generic2(try arg(a[0]), try arg(a[1]), Math.pow) }
        m.function("atan2", 2, 2) { (a, _, _) throws(PyExc) in try generic2(try arg(a[0]), try arg(a[1]), Math.atan2) }
        m.function("fmod", 2, 2) { (a, _, _) throws(PyExc) in
            try generic2(try arg(a[0]), try arg(a[1]), Math.fmod)
        }
        m.function("copysign", 2, 2) { (a, _, _) throws(PyExc) in
            try Float.make(Double(signOf: try arg(a[1]), magnitudeOf: try arg(a[0])))
        }
        m.function("ldexp", 2, 2) { (a, _, _) throws(PyExc) in try Float.make(Math.ldexp(try arg(a[0]), try IntOps.toInt(a[1]))) }
        m.function("frexp", 1, 1) { (a, _, _) throws(PyExc) in
            let (mant, e) = Math.frexp(try arg(a[0]))
            let f = try Float.make(mant)
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = f
            return try Tuple.make2(f, Obj(small: e))
        }
        m.function("modf", 1, 1) { (a, _, _) throws(PyExc) in
            let (fr, ip) = Math.modf(try arg(a[0]))
            let f1 = try Float.make(fr)
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = f1
            return try Tuple.make2(f1, try Float.make(ip))
        }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            m.function(name, 1, 1) { (a, _, _) throws(PyExc) in
                // mp_obj_new_int_from_float(floor(mp_obj_get_float(x))): ints convert too.
                let x = try arg(a[0])
                if x.isNaN { throw PyExc.valueError("can't convert NaN to int") }
                if x.isInfinite { throw PyExc.overflowError("can't convert inf to int") }
                guard let b = BigIntValue(truncating: x.rounded(rule)) else { throw PyExc.overflowError("overflow") }
                return try IntOps.store(b)
            }
        }
        m.function("isfinite", 1, 1) { (a, _, _) throws(PyExc) in Obj(bool: try arg(a[0]).isFinite) }
        m.function("isinf", 1, 1) { (a, _, _) throws(PyExc) in Obj(bool: try arg(a[0]).isInfinite) }
        m.function("isnan", 1, 1) { (a, _, _) throws(PyExc) in Obj(bool: try arg(a[0]).isNaN) }
        if features.contains(.mathIsclose) { installIsclose(m) }
        if features.contains(.mathFactorial) {
            m.function("factorial", 1, 1) { (a, _, _) throws(PyExc) in try factorial(a[0]) }
        }
    }

    static func installIsclose(_ m: ModuleBuilder) {
        m.function("isclose", 2, 2, kw: true) { (a, n, nKw) throws(PyExc) in
            let kw = KwArgs(a, n, nKw)
            let x = try arg(a[0]), y = try arg(a[1])
            let rel = try kw.get(Qstr("rel_tol")).map { (o: Obj) throws(PyExc) -> Double in try arg(o) } ?? 1e-9
            let absTol = try kw.get(Qstr("abs_tol")).map { (o: Obj) throws(PyExc) -> Double in try arg(o) } ?? 0
            if rel < 0 || absTol < 0 { throw PyExc.valueError("math domain error") }
            if x == y { return .true }
            if x.isInfinite || y.isInfinite { return .false }
            // In the profile's precision, as C's mp_float_t arithmetic.
            let rel1 = Float.narrow(rel)
            let diff = Float.narrow(Swift.abs(x - y))
            if diff.isInfinite { return .false }
            return Obj(bool: diff <= absTol || diff <= Float.narrow(Swift.abs(rel1 * x)) || diff <= Float.narrow(Swift.abs(rel1 * y)))
        }
    }

    /// math.factorial: an int argument (as mp_obj_get_int takes it), the product built as ints.
    static func factorial(_ x: Obj) throws(PyExc) -> Obj {
        let n = try IntOps.toInt(x)
        if n < 0 { throw PyExc.valueError("negative factorial") }
        var r = Obj(small: 1)
        var i = 2
        while i <= n {
            r = try Runtime.binaryOp(BinOp.mul, r, try IntOps.make(i))
            i += 1
        }
        return r
    }

    /// math_generic_2: NaN or infinity out of finite, non-NaN arguments is a domain error.
    static func generic2(_ x: Double, _ y: Double, _ f: (Double, Double) -> Double) throws(PyExc) -> Obj {
        let r = Float.narrow(f(x, y))
        if (r.isNaN && !x.isNaN && !y.isNaN) || (r.isInfinite && !x.isInfinite && !y.isInfinite) {
            throw PyExc.valueError("math domain error")
        }
        return try Float.make(r)
    }

    static func makeStaticFloat(_ d: Double) -> Obj {
        let o = Obj(offset: Heap.allocateStatic(bytes: 16))
        setField(o, 0, Types.float)
        UnsafeMutableRawPointer(words(o) + 2).storeBytes(of: d, as: Double.self)
        return o
    }
}
