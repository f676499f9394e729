#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parse-time constant handling, mirroring MicroPython's parser: number literals, folding of
/// numeric operator chains, `const()` names, constant tuples and logical-operator folding.
struct ConstFolder {
    var allowComplex: Bool
    /// How float literals read (MicroPython's own parser in this precision) and whether float
    /// arithmetic folds here: single-precision results are left to the runtime, whose
    /// arithmetic is the board's.
    var floatModel: FloatText.Model
    var consts: [String: Expr] = [:]
    /// Name the offending text in literal errors (MICROPY_ERROR_REPORTING_DETAILED).
    var detailedErrors = true

    init(allowComplex: Bool, floatModel: FloatText.Model = .double) {
        self.allowComplex = allowComplex
        self.floatModel = floatModel
    }

    enum Num {
        case int(Int)
        case big(BigInt)
        case float(Double)
    }

    // MARK: - constants

    func isConst(_ e: Expr) -> Bool {
        switch e.kind {
        case .int, .str, .none, .trueConst, .falseConst, .ellipsis, .constObj: return true
        case .tuple(let items): return items.isEmpty && e.line >= 0
        default: return false
        }
    }

    func toConstant(_ e: Expr) -> Constant {
        switch e.kind {
        case .int(let v): return .int(String(v))
        case .str(let s): return .str(s)
        case .none: return .none
        case .trueConst: return .true
        case .falseConst: return .false
        case .ellipsis: return .ellipsis
        case .constObj(let c): return c
        default: return .tuple([])
        }
    }

    func copyConst(_ e: Expr, line: Int) -> Expr {
        // A const() name becomes a constant-object node on the line where it is used; only
        // small ints stay leaves (MicroPython's make_node_const_object_optimised).
        if case .int = e.kind { return Expr(e.kind, line: line) }
        return Expr(.constObj(toConstant(e)), line: line)
    }

    mutating func tupleOrConst(_ items: [Expr], line: Int) -> Expr {
        if items.allSatisfy({ isConst($0) }) {
            return Expr(.constObj(.tuple(items.map { toConstant($0) })), line: line)
        }
        return Expr(.tuple(items), line: line)
    }

    /// Truth value of a constant expression, nil if not a constant.
    func constTruth(_ e: Expr) -> Bool? {
        switch e.kind {
        case .int(let v): return v != 0
        case .str(let s): return !s.isEmpty
        case .none, .falseConst: return false
        case .trueConst, .ellipsis: return true
        case .tuple(let items): return isConst(e) ? !items.isEmpty : nil
        case .constObj(let c): return ConstFolder.truth(c)
        default: return nil
        }
    }

    static func truth(_ c: Constant) -> Bool {
        switch c {
        case .none, .false: return false
        case .true, .ellipsis, .functionTable: return true
        case .str(let s): return !s.isEmpty
        case .bytes(let b): return !b.isEmpty
        case .int(let s): return s != "0"
        case .float(let s): return (Double(s) ?? 1) != 0
        case .complex(let s):
            // A literal's text: "0j" (or "0.0j" from another writer) is false.
            let n = Array(s.utf8).withUnsafeBufferPointer {
                FloatText.parseNumber($0, model: .double, allowImaginary: true, forceComplex: true, complexSupported: true)
            }
            if case .complex(let re, let im) = n { return re != 0 || im != 0 }
            return true
        case .tuple(let t): return !t.isEmpty
        }
    }

    func foldLogical(isOr: Bool, _ items: [Expr], line: Int) -> Expr {
        var kept: [Expr] = []
        for (i, e) in items.enumerated() {
            if i == items.count - 1 { kept.append(e); break }
            let t = constTruth(e)
            if t == isOr { kept.append(e); break }
            if t == nil { kept.append(e) }
        }
        if kept.count == 1 { return kept[0] }
        return Expr(.boolOp(isOr: isOr, kept), line: line)
    }

    // MARK: - numbers

    func num(_ e: Expr) -> Num? {
        switch e.kind {
        case .int(let v): return .int(v)
        case .constObj(.float(let s)): return Double(s).map { .float($0) }
        case .constObj(.int(let s)): return BigInt(decimal: s).map { .big($0) }
        default: return nil
        }
    }

    func make(_ n: Num) -> Expr {
        switch n {
        case .int(let v): return Expr(.int(v), line: 0)
        case .float(let d): return Expr(.constObj(.float(floatRepr(d))), line: 0)
        case .big(let b):
            if let v = b.asInt { return Expr(.int(v), line: 0) }
            return Expr(.constObj(.int(b.decimal)), line: 0)
        }
    }

    func foldUnary(_ op: UnaryOp, _ e: Expr) -> Expr? {
        guard let n = num(e) else { return nil }
        switch (op, n) {
        case (.pos, _): return make(n)
        case (.neg, .int(let v)): return v == Int.min ? make(.big(-BigInt(v))) : make(.int(-v))
        case (.neg, .big(let b)): return make(.big(-b))
        case (.invert, .big(let b)): return make(.big(-(b + BigInt(1))))
        case (.neg, .float(let d)): return make(.float(-d))
        case (.invert, .int(let v)): return make(.int(~v))
        default: return nil
        }
    }

    func foldChain(_ first: Expr, _ rest: [(BinOp, Expr)]) -> Expr? {
        guard var acc = num(first) else { return nil }
        for (op, e) in rest {
            guard let rhs = num(e), let r = ConstFolder.binary(op, acc, rhs) else { return nil }
            if case .float = r, floatModel == .single { return nil }
            acc = r
        }
        return make(acc)
    }

    /// Floor division and modulo of floats as MicroPython's mp_obj_float_divmod computes them
    /// (fmod, the sign of the divisor, signed zeros).
    static func pyFloorMod(_ a: Double, _ b: Double) -> (Double, Double) {
        var mod = a.truncatingRemainder(dividingBy: b)
        var div = (a - mod) / b
        if mod == 0 {
            mod = Double(signOf: b, magnitudeOf: 0)
        } else if (mod < 0) != (b < 0) {
            mod += b
            div -= 1
        }
        if div == 0 { return (Double(signOf: a / b, magnitudeOf: 0), mod) }
        var q = div.rounded(.down)
        if div - q > 0.5 { q += 1 }
        return (q, mod)
    }

    static func bigOf(_ n: Num) -> BigInt? {
        switch n {
        case .int(let v): return BigInt(v)
        case .big(let b): return b
        case .float: return nil
        }
    }

    /// Integer folding beyond 64 bits; results are capped at a size that keeps compiling fast.
    static func bigBinary(_ op: BinOp, _ x: BigInt, _ y: BigInt) -> Num? {
        let limit = 1 << 16
        if x.bitWidth > limit || y.bitWidth > limit { return nil }
        switch op {
        case .add: return .big(x + y)
        case .sub: return .big(x - y)
        case .mul: return .big(x * y)
        case .floordiv: return BigInt.divMod(x, y).map { .big($0.0) }
        case .mod: return BigInt.divMod(x, y).map { .big($0.1) }
        case .truediv: return y.isZero ? nil : .float(x.double / y.double)
        case .or: return .big(BigInt.bitwise(x, y) { $0 | $1 })
        case .xor: return .big(BigInt.bitwise(x, y) { $0 ^ $1 })
        case .and: return .big(BigInt.bitwise(x, y) { $0 & $1 })
        case .lshift:
            guard let n = y.asInt, n >= 0, n <= limit - x.bitWidth else { return nil }
            return .big(x.shiftedLeft(n))
        case .rshift:
            guard let n = y.asInt, n >= 0 else { return nil }
            if n >= x.bitWidth { return .big(BigInt(x.neg ? -1 : 0)) }
            return BigInt.divMod(x, BigInt(1).shiftedLeft(n)).map { .big($0.0) }
        case .power:
            if y.neg {
                if x.isZero { return nil }
                return .float(pow(x.double, y.double))
            }
            guard let e = y.asInt, e <= limit, x.bitWidth * e <= limit * 2 else { return nil }
            var result = BigInt(1), base = x, k = e
            while k > 0 {
                if k & 1 == 1 { result = result * base }
                k >>= 1
                if k > 0 { base = base * base }
            }
            return .big(result)
        case .matmul: return nil
        }
    }

    static func binary(_ op: BinOp, _ a: Num, _ b: Num) -> Num? {
        if let x = bigOf(a), let y = bigOf(b) {
            if case .int = a, case .int = b, let r = smallBinary(op, a, b) { return r }
            return bigBinary(op, x, y)
        }
        return smallBinary(op, a, b)
    }

    static func smallBinary(_ op: BinOp, _ a: Num, _ b: Num) -> Num? {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .add: let r = x.addingReportingOverflow(y); return r.overflow ? nil : .int(r.partialValue)
            case .sub: let r = x.subtractingReportingOverflow(y); return r.overflow ? nil : .int(r.partialValue)
            case .mul: let r = x.multipliedReportingOverflow(by: y); return r.overflow ? nil : .int(r.partialValue)
            case .or: return .int(x | y)
            case .xor: return .int(x ^ y)
            case .and: return .int(x & y)
            case .lshift:
                if y < 0 { return nil }
                if x == 0 { return .int(0) }
                if y >= 62 { return nil }
                let r = x << y
                return (r >> y) == x ? .int(r) : nil
            case .rshift:
                if y < 0 { return nil }
                return .int(x >> min(y, 63))
            case .floordiv, .mod:
                if y == 0 || (x == Int.min && y == -1) { return nil }
                var q = x / y
                var m = x % y
                if m != 0 && ((m < 0) != (y < 0)) { q -= 1; m += y }
                return op == .floordiv ? .int(q) : .int(m)
            case .truediv:
                if y == 0 { return nil }
                return .float(Double(x) / Double(y))
            case .power:
                if y < 0 {
                    if x == 0 { return nil }
                    return .float(pow(Double(x), Double(y)))
                }
                var result = 1, base = x, e = y
                while e > 0 {
                    if e & 1 == 1 {
                        let r = result.multipliedReportingOverflow(by: base)
                        if r.overflow { return nil }
                        result = r.partialValue
                    }
                    e >>= 1
                    if e > 0 {
                        let r = base.multipliedReportingOverflow(by: base)
                        if r.overflow { return nil }
                        base = r.partialValue
                    }
                }
                return .int(result)
            case .matmul: return nil
            }
        }
        func d(_ n: Num) -> Double {
            switch n {
            case .int(let v): return Double(v)
            case .big(let b): return b.double
            case .float(let f): return f
            }
        }
        let x = d(a), y = d(b)
        switch op {
        case .add: return .float(x + y)
        case .sub: return .float(x - y)
        case .mul: return .float(x * y)
        case .truediv: return y == 0 ? nil : .float(x / y)
        case .floordiv: return y == 0 ? nil : .float(pyFloorMod(x, y).0)
        case .mod: return y == 0 ? nil : .float(pyFloorMod(x, y).1)
        case .power:
            if x == 0 && y < 0 { return nil }
            if x < 0 && y != roundInt(y) { return nil }
            return .float(pow(x, y))
        default: return nil
        }
    }

    /// math.nan is one shared object in MicroPython, so all its uses share one constant entry.
    static let mathNaN = Expr(.constObj(.float("nan")), line: 0)

    func moduleConst(_ module: String, _ attr: String) -> Expr? {
        guard module == "math" else { return nil }
        switch attr {
        case "pi": return make(.float(3.141592653589793))
        case "e": return make(.float(2.718281828459045))
        case "tau": return make(.float(6.283185307179586))
        case "inf": return make(.float(Double.infinity))
        case "nan": return ConstFolder.mathNaN
        default: return nil
        }
    }

    func parseInt(_ text: String, line: Int) throws(CompileError) -> Expr {
        var s = Array(text.utf8).filter { $0 != 95 }
        var base = 10
        if s.count >= 2 && s[0] == 48 {
            switch s[1] | 0x20 {
            case 120: base = 16
            case 111: base = 8
            case 98: base = 2
            default: break
            }
            if base != 10 { s.removeFirst(2) }
        }
        // A literal reads with base 0: a leading 0 that starts no prefix allows only zeros,
        // and the error then says base 0. The detailed text quotes the digits after any prefix
        // (the lexer has already dropped the underscores).
        let leadingZero = base == 10 && s.count > 1 && s[0] == 48 && s.contains(where: { $0 != 48 })
        var message = "invalid syntax for integer with base \(leadingZero ? 0 : base)"
        if detailedErrors { message += ": '\(String(decoding: s, as: UTF8.self))'" }
        let bad = CompileError(.syntaxError, message, line: line)
        if s.isEmpty || leadingZero { throw bad }
        // Accumulate in base-10^9 limbs so literals of any size work.
        var limbs: [UInt64] = [0]  // little-endian, base 1e9
        for c in s {
            var v: Int
            if c >= 48 && c <= 57 { v = Int(c) - 48 }
            else if (c | 0x20) >= 97 && (c | 0x20) <= 122 { v = Int(c | 0x20) - 87 }
            else { throw bad }
            if v >= base { throw bad }
            var carry = UInt64(v)
            for i in 0..<limbs.count {
                let t = limbs[i] * UInt64(base) + carry
                limbs[i] = t % 1_000_000_000
                carry = t / 1_000_000_000
            }
            while carry > 0 { limbs.append(carry % 1_000_000_000); carry /= 1_000_000_000 }
        }
        var dec = String(limbs.last!)
        for l in limbs.dropLast().reversed() {
            let part = String(l)
            dec += String(repeating: "0", count: 9 - part.count) + part
        }
        if let v = Int(dec) { return Expr(.int(v), line: line) }
        return Expr(.constObj(.int(dec)), line: line)
    }

    /// A float or imaginary literal, read as MicroPython's parser reads it
    /// (mp_parse_num_decimal with imaginary numbers allowed): on a build without complex
    /// numbers a `j` is "complex values not supported", where the text has one.
    func parseFloat(_ text: String, line: Int) throws(CompileError) -> Expr {
        let t = Array(text.utf8).filter { $0 != UInt8(ascii: "_") }
        let n = t.withUnsafeBufferPointer {
            FloatText.parseNumber($0, model: floatModel, allowImaginary: true, forceComplex: false, complexSupported: allowComplex)
        }
        switch n {
        case .real(let d):
            return Expr(.constObj(.float(floatRepr(d))), line: line)
        case .complex(_, let imaginary):
            // The .mpy text is the complex's repr: "1.5j", "1e+100j", "infj".
            var r = floatRepr(imaginary)
            if r.hasSuffix(".0") { r.removeLast(2) }
            return Expr(.constObj(.complex(r + "j")), line: line)
        case .imaginaryUnsupported:
            throw CompileError(.syntaxError, "complex values not supported", line: line)
        case .invalid:
            throw CompileError(.syntaxError, "invalid syntax for number", line: line)
        }
    }
}

/// repr() of a float as MicroPython prints it: shortest round-trip digits, ".0" for integral
/// values, exponent form from 1e16 up and below 1e-4.
func floatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    var s = d.description
    if s.contains("e") {
        // Swift writes "1e+16" / "5e-324"; C prints a two-digit exponent at least.
        let parts = s.split(separator: "e", maxSplits: 1).map(String.init)
        var mant = parts[0]
        var exp = parts[1]
        if mant.hasSuffix(".0") { mant.removeLast(2) }
        let sign = exp.hasPrefix("-") ? "-" : "+"
        if exp.hasPrefix("-") || exp.hasPrefix("+") { exp.removeFirst() }
        if exp.count < 2 { exp = "0" + exp }
        if let e = Int(exp), sign == "+", e < 16 {
            // Swift switches to exponent form earlier than %g does; expand.
            let v = d
            s = String(Int64(v)) + ".0"
            return s
        }
        s = mant + "e" + sign + exp
    }
    return s
}

/// The C library's pow, as MicroPython's folding uses it.
func pow(_ x: Double, _ y: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.pow(x, y)
    #else
    return Darwin.pow(x, y)
    #endif
}

/// Rounds to the nearest integer without libm (values beyond 2^52 are already integral).
func roundInt(_ x: Double) -> Double {
    if !x.isFinite || abs(x) >= 4503599627370496 { return x }
    let t = Double(Int64(x))
    let diff = x - t
    if diff >= 0.5 { return t + 1 }
    if diff <= -0.5 { return t - 1 }
    return t
}
