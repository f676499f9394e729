/// MicroPython's own conversions between float values and decimal text (py/parsenum.c's
/// mp_parse_float_internal and py/formatfloat.c's mp_format_float), reimplemented for the two
/// float models the ports use:
///
/// - `.double` (the unix port): 64-bit floats with the "exact" text implementation, whose
///   intermediate values are x87 long doubles (Float80 here) and 64-bit decimal mantissas;
/// - `.single` (the ESP8266 port): 32-bit floats held in an object word (representation C,
///   the two lowest mantissa bits lost), intermediate values in single precision, 32-bit
///   decimal mantissas, powers of ten applied by adding to the exponent field and multiplying
///   by a power of five. Its results are not correctly rounded: `1e-38` reads back as
///   1.0877368e-38, and formatting searches for the fewest digits (6 and up) that read back.
public enum FloatText {
    public enum Model: Sendable { case double, single }

    /// How the single model chooses its digits: `.basic` (the ESP8266 port's
    /// MICROPY_FLOAT_FORMAT_IMPL_BASIC: more digits until the text reads back) or `.approx`
    /// (the default for single floats elsewhere: a search over the last digits).
    public enum SingleSearch: Sendable { case basic, approx }
    nonisolated(unsafe) public static var singleSearch = SingleSearch.basic
    /// The 32-bit x86 C builds (x87 arithmetic) round the decimal mantissa from an
    /// extended-precision sum, not a single one: true imitates them (the board does not).
    nonisolated(unsafe) public static var extendedMantissaRounding = false

    /// The `prec` with which repr/str ask for the shortest text that reads back
    /// (MP_FLOAT_REPR_PREC; a user's explicit precision of 99 means the same, as in C).
    public static let reprPrecision = 99
    /// mp_print_float's buffer (36 bytes) minus the 3 it keeps for ".0" or "%".
    public static let printBufferSize = 33

    static let zeroChar = UInt8(ascii: "0")
    static let dotChar = UInt8(ascii: ".")
    static let modeE = 0x01, modeG = 0x02, modeF = 0x04
    /// Lower-case bit of ASCII letters: a format letter's case is carried in the flags.
    static let caseBit = 0x20
    /// A decimal point position beyond any digit: "no dot among the digits".
    static let noDot = 255

    // MARK: - parsing

    /// The C parser's int limits: the exponent stops accumulating here (INT_MAX / 2 - 9) / 10.
    static let exponentLimit = (Int(Int32.max) / 2 - 9) / 10
    static let singleMantissaMax: UInt32 = 0x1999_9998
    static let doubleMantissaMax: UInt64 = 0x1999_9999_9999_9998

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// What a number's text reads as (mp_parse_num_decimal): a float, a complex (real and
    /// imaginary parts), an imaginary number on a build without complex numbers, or nothing.
    public enum Number: Equatable, Sendable {
        case real(Double)
        case complex(Double, Double)
        case imaginaryUnsupported
        case invalid
    }

    static let plusChar = UInt8(ascii: "+"), minusChar = UInt8(ascii: "-")
    static let lowerJ = UInt8(ascii: "j")

    /// mp_parse_num_float without complex numbers: optional spaces, sign, "inf"/"infinity",
    /// "nan" or a decimal number, spaces. Nil if the text is not a number.
    public static func parse(_ text: UnsafeBufferPointer<UInt8>, model: Model) -> Double? {
        if case .real(let d) = parseNumber(text, model: model, allowImaginary: false, forceComplex: false, complexSupported: false) {
            return d
        }
        return nil
    }

    /// mp_parse_num_decimal: each part is optional spaces, a sign, "inf"/"infinity", "nan" or
    /// a decimal number, then (with `allowImaginary`) a `j`/`J` that makes it imaginary (a bare
    /// `j` is 1j), then spaces. `forceComplex` (complex(str)) reads a second part after a real
    /// one, which must be imaginary ("1+2j", "1-j"), and always gives a complex. Without
    /// `complexSupported` a `j` is `.imaginaryUnsupported` ("complex values not supported").
    public static func parseNumber(_ text: UnsafeBufferPointer<UInt8>, model: Model, allowImaginary: Bool,
                                   forceComplex: Bool, complexSupported: Bool) -> Number {
        let top = text.count
        var i = 0
        var realPart = 0.0
        var haveReal = false, haveImaginary = false
        func lower(_ k: Int) -> UInt8 { text[k] | 0x20 }
        while true {
            while i < top && isSpace(text[i]) { i += 1 }
            var negative = false
            if i < top && (text[i] == plusChar || text[i] == minusChar) {
                negative = text[i] == minusChar
                i += 1
            }
            let start = i
            var value: Double
            if i + 2 < top && lower(i) == UInt8(ascii: "i") && lower(i + 1) == UInt8(ascii: "n") && lower(i + 2) == UInt8(ascii: "f") {
                i += 3
                value = .infinity
                if i + 4 < top && lower(i) == UInt8(ascii: "i") && lower(i + 1) == UInt8(ascii: "n") && lower(i + 2) == UInt8(ascii: "i")
                    && lower(i + 3) == UInt8(ascii: "t") && lower(i + 4) == UInt8(ascii: "y") {
                    i += 5
                }
            } else if i + 2 < top && lower(i) == UInt8(ascii: "n") && lower(i + 1) == UInt8(ascii: "a") && lower(i + 2) == UInt8(ascii: "n") {
                i += 3
                value = .nan
            } else {
                guard let (v, end) = parseDecimal(text, i, top, model) else { return .invalid }
                value = v
                i = end
            }
            if allowImaginary && i < top && lower(i) == lowerJ {
                if !complexSupported { return .imaginaryUnsupported }
                if i == start { value = 1 }
                i += 1
                haveImaginary = true
            }
            if negative { value = -value }
            if i == start { return .invalid }
            while i < top && isSpace(text[i]) { i += 1 }
            if i != top {
                // Only a real first part may be followed by a (necessarily imaginary) second one.
                if forceComplex && !haveReal && !haveImaginary {
                    realPart = value
                    haveReal = true
                    continue
                }
                return .invalid
            }
            if haveReal && !haveImaginary { return .invalid }
            if haveImaginary { return .complex(realPart, value) }
            return forceComplex ? .complex(value, 0) : .real(value)
        }
    }

    public static func parse(_ text: [UInt8], model: Model) -> Double? {
        text.withUnsafeBufferPointer { parse($0, model: model) }
    }

    public static func parse(_ text: String, model: Model) -> Double? {
        parse(Array(text.utf8), model: model)
    }

    /// mp_parse_float_internal: an unsigned decimal number at text[start..<top]; the value and
    /// where the number ended, or nil when an exponent has no digits room ("1e").
    static func parseDecimal(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ top: Int, _ model: Model) -> (Double, Int)? {
        enum Part { case integer, fraction, exponent }
        var part = Part.integer
        var exponentNegative = false
        var mantissa: UInt64 = 0
        let mantissaMax = model == .single ? UInt64(singleMantissaMax) : doubleMantissaMax
        var exponent = 0, extra = 0
        var integerZeros = 0, fractionZeros = 0
        func accept(_ digit: UInt64, _ inPart: Part) {
            if mantissa < mantissaMax {
                if inPart == .fraction { extra -= 1 }
                mantissa = 10 &* mantissa &+ digit
            } else if inPart == .integer {
                extra += 1
            }
        }
        var i = start
        while i < top {
            let c = text[i]
            i += 1
            if c >= 0x30 && c <= 0x39 {
                let digit = UInt64(c - 0x30)
                if part == .exponent {
                    if exponent < exponentLimit { exponent = 10 * exponent + Int(digit) }
                } else if digit == 0 || mantissa >= mantissaMax {
                    // Zeros wait until a nonzero digit follows; past the mantissa's capacity
                    // every digit counts as a zero.
                    if part == .integer { integerZeros += 1 } else { fractionZeros += 1 }
                } else {
                    while integerZeros > 0 { accept(0, .integer); integerZeros -= 1 }
                    while fractionZeros > 0 { accept(0, .fraction); fractionZeros -= 1 }
                    accept(digit, part)
                }
            } else if part == .integer && c == dotChar {
                part = .fraction
            } else if part != .exponent && (c | 0x20) == UInt8(ascii: "e") {
                part = .exponent
                if i < top {
                    if text[i] == UInt8(ascii: "+") { i += 1 } else if text[i] == UInt8(ascii: "-") { i += 1; exponentNegative = true }
                }
                if i == top { return nil }
            } else if c == UInt8(ascii: "_") {
                continue
            } else {
                i -= 1
                break
            }
        }
        if exponentNegative { exponent = -exponent }
        exponent += extra + integerZeros
        switch model {
        case .single:
            return (Double(singleDecimalExp(Swift.Float(UInt32(truncatingIfNeeded: mantissa)), exponent)), i)
        case .double:
            return (Double(wideDecimalExp(Wide(mantissa), exponent)), i)
        }
    }

    // MARK: - powers of ten

    /// 5^k correctly rounded to single precision (bit patterns), k = fiveLow ... fiveHigh;
    /// below, 5^k rounds to zero, above it overflows.
    static let fiveLow = -64, fiveHigh = 55
    static let fivePowers: [UInt32] = [
        0x00000001, 0x00000007, 0x00000021, 0x000000A5, 0x00000337, 0x00001012,
        0x00005059, 0x000191BC, 0x0007D8AC, 0x00273B5D, 0x00C428D0, 0x01F53304,
        0x03193FE3, 0x043F8FDB, 0x056F73D2, 0x0695A863, 0x07BB127C, 0x08E9D71B,
        0x0A122671, 0x0B36B00D, 0x0C645C11, 0x0D8EB98A, 0x0EB267ED, 0x0FDF01E8,
        0x110B6131, 0x122E397E, 0x1359C7DD, 0x14881CEA, 0x15AA2425, 0x16D4AD2E,
        0x1804EC3D, 0x1926274C, 0x1A4FB11F, 0x1B81CEB3, 0x1CA24260, 0x1DCAD2F8,
        0x1EFD87B6, 0x201E74D2, 0x21461206, 0x22779688, 0x239ABE15, 0x24C16D9A,
        0x25F1C901, 0x27171DA0, 0x283CE508, 0x296C1E4A, 0x2A9392EF, 0x2BB877AA,
        0x2CE69595, 0x2E101D7D, 0x2F3424DC, 0x30612E13, 0x318CBCCC, 0x32AFEBFF,
        0x33DBE6FF, 0x3509705F, 0x362BCC77, 0x3756BF95, 0x388637BD, 0x39A7C5AC,
        0x3AD1B717, 0x3C03126F, 0x3D23D70A, 0x3E4CCCCD, 0x3F800000, 0x40A00000,
        0x41C80000, 0x42FA0000, 0x441C4000, 0x45435000, 0x46742400, 0x47989680,
        0x48BEBC20, 0x49EE6B28, 0x4B1502F9, 0x4C3A43B7, 0x4D68D4A5, 0x4E9184E7,
        0x4FB5E621, 0x50E35FA9, 0x520E1BCA, 0x5331A2BC, 0x545E0B6B, 0x558AC723,
        0x56AD78EC, 0x57D8D727, 0x59078678, 0x5A296816, 0x5B53C21C, 0x5C845951,
        0x5DA56FA6, 0x5ECECB8F, 0x60013F39, 0x61218F08, 0x6249F2CA, 0x637C6F7C,
        0x649DC5AE, 0x65C53719, 0x66F684DF, 0x681A130C, 0x694097CE, 0x6A70BDC2,
        0x6B967699, 0x6CBC1440, 0x6DEB1950, 0x6F12EFD2, 0x7037ABC6, 0x716596B8,
        0x728F7E33, 0x73B35DC0, 0x74E0352F, 0x760C213E, 0x772F298D, 0x785AF3F0,
        0x7988D876, 0x7AAB0E94, 0x7BD5D239, 0x7D05A363, 0x7E270C3C, 0x7F50CF4B,
    ]
    /// Powers of five small enough to be exact in a single: the parser divides by them.
    static let exactFivePowers = 10

    static func singlePowerOfFive(_ k: Int) -> Swift.Float {
        if k < fiveLow { return 0 }
        if k > fiveHigh { return .infinity }
        return Swift.Float(bitPattern: fivePowers[k - fiveLow])
    }

    static let singleExponentShift: UInt32 = 23
    static let singleExponentMask: UInt32 = 0xFF

    /// mp_decimal_exp for single floats: num × 10^k as num's exponent field plus k (wrapping
    /// in its 8 bits, as the C bit field does), times 5^k.
    static func singleDecimalExp(_ num: Swift.Float, _ k: Int) -> Swift.Float {
        if k == 0 || num == 0 { return num }
        var bits = num.bitPattern
        let field = Int((bits >> singleExponentShift) & singleExponentMask)
        let newField = UInt32(truncatingIfNeeded: (field &+ k) & Int(singleExponentMask))
        bits = (bits & ~(singleExponentMask << singleExponentShift)) | (newField << singleExponentShift)
        var r = Swift.Float(bitPattern: bits)
        if k < 0 && k >= -exactFivePowers {
            r /= singlePowerOfFive(-k)
        } else {
            r *= singlePowerOfFive(k)
        }
        return r
    }

    /// mp_decimal_exp for the double model: num × 10^k by squaring in long double.
    static func wideDecimalExp(_ num: Wide, _ kIn: Int) -> Wide {
        if kIn == 0 || num == 0 { return num }
        let negative = kIn < 0
        var k = kIn.magnitude
        var r = num
        var power: Wide = 10
        while k != 0 {
            if k & 1 != 0 { if negative { r /= power } else { r *= power } }
            k >>= 1
            if k != 0 { power *= power }
        }
        return r
    }

    // MARK: - formatting

    /// mp_format_float: `d` in format `fmt` (e E f F g G) with `prec` (negative: 6), after an
    /// optional `sign` character ('+' or ' '; '-' comes from the value), in a buffer of
    /// `bufferSize` bytes as the C code has it (it bounds the digits and zeros printed).
    public static func format(_ d: Double, _ fmt: UInt8, _ prec: Int, _ sign: UInt8, model: Model,
                              bufferSize: Int = printBufferSize) -> [UInt8] {
        var out: [UInt8] = []
        var size = bufferSize
        var sign = sign
        let negative = d.sign == .minus && !d.isNaN
        if negative { sign = UInt8(ascii: "-") }
        if sign != 0 { out.append(sign); size -= 1 }
        let lowerBit = fmt & UInt8(caseBit)
        if d.isInfinite || d.isNaN {
            let word: [UInt8] = d.isInfinite ? [0x49, 0x4E, 0x46] : [0x4E, 0x41, 0x4E]  // INF, NAN
            for c in word { out.append(c ^ lowerBit) }
            return out
        }
        let a = negative ? -d : d
        switch model {
        case .single: out += formatSingle(Swift.Float(a), fmt, prec, size)
        case .double: out += formatDouble(a, fmt, prec, size)
        }
        return out
    }

    /// The format-independent set-up of mp_format_float.
    struct Plan {
        var flags: Int
        var prec: Int
        var maxExpZeros: Int
        var maxDigits = 0, leadZeros = 0, trailZeros = 0
    }

    static func plan(_ fmt: UInt8, _ precIn: Int, _ size: Int, _ e: Int, maxMantissa: Int, minBuffer: Int) -> Plan {
        var flags = Int(fmt) & caseBit
        switch fmt | 0x20 {
        case UInt8(ascii: "f"): flags |= modeF
        case UInt8(ascii: "g"): flags |= modeG
        default: flags |= modeE
        }
        var prec = precIn < 0 ? 6 : precIn
        var maxExpZeros = prec < size - 3 ? prec : size - 3
        if prec == reprPrecision {
            prec = maxMantissa
            maxExpZeros = 16
        }
        if flags & modeF != 0 && e > 0 && e + prec + 2 > size {
            flags = (flags & ~modeF) | modeG
            prec += 1
        }
        var p = Plan(flags: flags, prec: prec, maxExpZeros: maxExpZeros)
        p.maxDigits = prec
        if flags & modeF != 0 {
            if p.maxDigits > size - 3 { p.maxDigits = size - 3 }
            if e < 0 {
                if p.maxDigits > 2 && e < -2 {
                    p.leadZeros = (-e < p.maxDigits ? -e : p.maxDigits) - 2
                    p.maxDigits -= p.leadZeros
                } else {
                    p.maxDigits += 1
                }
            } else {
                p.maxDigits += e + 1
            }
        } else if flags & modeG == 0 || p.maxDigits == 0 {
            p.maxDigits += 1
        }
        if p.maxDigits > maxMantissa {
            p.trailZeros = p.maxDigits - maxMantissa
            p.maxDigits = maxMantissa
        }
        let overhead = flags & modeF != 0 ? 3 : minBuffer + 1
        if p.trailZeros > size - p.maxDigits - overhead { p.trailZeros = max(0, size - p.maxDigits - overhead) }
        return p
    }

    /// Where the digits start and where the decimal point goes, for `numDigits` digits:
    /// (text so far, decimal exponent to scale by, dot position).
    static func layout(_ p: Plan, _ numDigits: Int, _ e: Int, _ isZero: Bool) -> ([UInt8], Int, Int) {
        var prefix: [UInt8] = []
        var decexp = 0, dec = 0
        if isZero {
            decexp = 0
        } else if p.flags & modeF != 0 {
            decexp = numDigits - 1
            if e < 0 {
                if p.leadZeros > 0 {
                    prependZeros(&prefix, p.leadZeros)
                    decexp += p.leadZeros + 1
                    dec = noDot
                }
            } else {
                decexp -= e
                dec = e
            }
        } else {
            decexp = numDigits - e - 1
        }
        return (prefix, decexp, dec)
    }

    static func prependZeros(_ s: inout [UInt8], _ count: Int) {
        s.append(zeroChar)
        s.append(dotChar)
        if count > 0 { for _ in 0..<count { s.append(zeroChar) } }
    }

    static func cap<M: FixedWidthInteger & UnsignedInteger>(_ numDigits: Int, _: M.Type) -> M {
        var c: M = 10
        var n = 1
        while n < numDigits { c = c &* 10; n += 1 }
        return c
    }

    /// mp_format_mantissa: the decimal mantissa as text after `prefix`, with the dot after
    /// digit `dec`, trailing zeros, and the exponent as the format wants.
    static func mantissaText<M: FixedWidthInteger & UnsignedInteger>(_ mIn: M, _ mantissaCap: M, _ prefix: [UInt8],
            _ numDigitsIn: Int, _ maxExpZeros: Int, _ trailingIn: Int, _ decIn: Int, _ eIn: Int, _ flags: Int) -> [UInt8] {
        var mantissa = mIn, numDigits = numDigitsIn, trailing = trailingIn, dec = decIn, e = eIn
        var s = prefix
        if mantissa != 0 && mantissa >= mantissaCap {
            if flags & modeF != 0 {
                numDigits += 1
                dec += 1
            } else {
                mantissa /= 10
                e += 1
            }
        }
        if flags & modeG != 0 && e != 0 {
            if e >= 0 {
                if e < maxExpZeros {
                    dec += e
                    if dec >= numDigits { trailing = dec - (numDigits - 1) }
                    e = 0
                }
            } else if e >= -4 {
                var count = 0
                while e < 0 && mantissa % 10 == 0 {
                    mantissa /= 10
                    count += 1
                    e += 1
                }
                numDigits -= count
                prependZeros(&s, count - e - 1)
                dec = noDot
                e = 0
            }
        }
        var digits = [UInt8](repeating: zeroChar, count: max(0, numDigits))
        var digit = numDigits - 1
        while digit >= 0 {
            digits[digit] = zeroChar + UInt8(truncatingIfNeeded: mantissa % 10)
            mantissa /= 10
            digit -= 1
        }
        var dot = dec >= noDot
        for (k, c) in digits.enumerated() {
            s.append(c)
            if k == dec && dec + 1 < numDigits { s.append(dotChar) }
        }
        if dec + 1 < numDigits { dot = true }
        if trailing > 0 {
            dec -= numDigits - 1
            while trailing > 0 {
                trailing -= 1
                if dec == 0 { s.append(dotChar); dot = true }
                dec -= 1
                s.append(zeroChar)
            }
        }
        if flags & modeG != 0 && dot {
            while s.last == zeroChar { s.removeLast() }
            if s.last == dotChar { s.removeLast() }
        }
        if (e != 0 || flags & modeE != 0) && flags & modeF == 0 {
            s.append(UInt8(ascii: "E") | UInt8(flags & caseBit))
            if e >= 0 {
                s.append(UInt8(ascii: "+"))
            } else {
                s.append(UInt8(ascii: "-"))
                e = -e
            }
            if e >= 100 { s.append(zeroChar + UInt8(truncatingIfNeeded: (e / 100) % 10)) }
            s.append(zeroChar + UInt8(truncatingIfNeeded: (e / 10) % 10))
            s.append(zeroChar + UInt8(truncatingIfNeeded: e % 10))
        }
        return s
    }

    // MARK: single model

    static let singleMaxMantissa = 9, singleSafeDigits = 6, singleMinBuffer = 6
    static let singleExponentBias = 127
    static let singleOne: UInt32 = 0x3F80_0000
    /// log10(2) as the C code writes it (a float constant in the single build).
    static let log10of2 = 0.3010299956639812
    /// Representation C keeps all but the two lowest mantissa bits: equal texts compare so.
    static let reprCLostBits: UInt32 = 3
    /// Decimal exponents never go beyond this for finite floats; a bound for the search loop.
    static let exponentSearchLimit = 400

    /// C's conversion of a non-negative value to a 32-bit unsigned (truncating).
    static func toUnsigned(_ x: Double) -> UInt32 {
        if !(x >= 0) { return 0 }
        if x >= 4_294_967_296 { return UInt32.max }
        return UInt32(x)
    }

    static func formatSingle(_ f: Swift.Float, _ fmt: UInt8, _ precIn: Int, _ size: Int) -> [UInt8] {
        let bits = f.bitPattern
        let isZero = bits == 0
        var e = 0
        if !isZero {
            let binaryExponent = Int((bits >> singleExponentShift) & singleExponentMask) - singleExponentBias
            e = Int(Swift.Float(binaryExponent) * Swift.Float(log10of2))
            let positive = bits >= singleOne
            var base = singleDecimalExp(1, e + (positive ? 1 : 0))
            var guardCount = 0
            while (f >= base) == positive && guardCount < exponentSearchLimit {
                e += positive ? 1 : -1
                base = singleDecimalExp(1, e + (positive ? 1 : 0))
                guardCount += 1
            }
        }
        let p = plan(fmt, precIn, size, e, maxMantissa: singleMaxMantissa, minBuffer: singleMinBuffer)
        var numDigits = min(singleSafeDigits, p.maxDigits)
        func masked(_ x: Swift.Float) -> Swift.Float { Swift.Float(bitPattern: x.bitPattern & ~reprCLostBits) }
        func readBack(_ t: [UInt8]) -> Swift.Float {
            let v = t.withUnsafeBufferPointer { parseDecimal($0, 0, $0.count, .single) }
            return Swift.Float(v?.0 ?? 0)
        }
        while true {
            let extraZeros = p.trailZeros + (p.maxDigits - numDigits)
            var (prefix, decexp, dec) = layout(p, numDigits, e, isZero)
            let mantissaCap = cap(numDigits, UInt32.self)
            var mantissa: UInt32 = 1
            if numDigits > singleSafeDigits && decexp > 1 {
                if numDigits > singleSafeDigits + 1 && decexp > 2 {
                    mantissa = 100
                    decexp -= 2
                } else {
                    mantissa = 10
                    decexp -= 1
                }
            }
            let scaled = singleDecimalExp(f, decexp)
            let half: Swift.Float = 0.5
            let sum = extendedMantissaRounding ? Double(scaled) + Double(half) : Double(scaled + half)
            mantissa = mantissa &* toUnsigned(sum)
            var text = mantissaText(mantissa, mantissaCap, prefix, numDigits, p.maxExpZeros, extraZeros, dec, e, p.flags)
            if singleSearch == .basic {
                if numDigits < p.maxDigits {
                    let check = readBack(text)
                    if check.bitPattern & ~reprCLostBits != f.bitPattern & ~reprCLostBits {
                        numDigits += 1
                        continue
                    }
                }
                return text
            }
            // The approximate search: step the last digits towards the value, halving the
            // step, keeping the closest text; more digits if none reads back exactly.
            var diff = masked(readBack(text)) - masked(f)
            if diff.bitPattern == 0 { return text }
            var bestDiff = diff
            var bestMantissa = mantissa
            var errorRange: UInt32 = 1
            if numDigits > singleSafeDigits { errorRange <<= UInt32(3 * (numDigits - singleSafeDigits)) }
            var runs = 3 + 3 * (singleMaxMantissa - singleSafeDigits)
            var again = false
            while runs > 0 {
                runs -= 1
                if diff.sign == .minus { mantissa = mantissa &+ errorRange } else { mantissa = mantissa &- errorRange }
                text = mantissaText(mantissa, mantissaCap, prefix, numDigits, p.maxExpZeros, extraZeros, dec, e, p.flags)
                diff = masked(readBack(text)) - masked(f)
                if diff.bitPattern == 0 { break }
                let delta = Swift.abs(diff) - Swift.abs(bestDiff)
                if delta.sign == .minus || (delta.bitPattern == 0 && mantissa % 10 == 0) {
                    bestDiff = diff
                    bestMantissa = mantissa
                }
                if errorRange > 1 {
                    errorRange >>= 1
                } else {
                    if numDigits < p.maxDigits {
                        numDigits += 1
                        again = true
                        break
                    }
                    if mantissa != bestMantissa {
                        text = mantissaText(bestMantissa, mantissaCap, prefix, numDigits, p.maxExpZeros, extraZeros, dec, e, p.flags)
                    }
                    break
                }
            }
            if again { continue }
            return text
        }
    }

    // MARK: double model

    static let doubleMaxMantissa = 19, doubleSafeDigits = 16, doubleMinBuffer = 7
    static let doubleExponentShift = 52
    static let doubleExponentMask: UInt64 = 0x7FF
    static let doubleExponentBias = 1023

    static func wideToUnsigned(_ x: Wide) -> UInt64 {
        if !(x >= 0) { return 0 }
        if x >= 18_446_744_073_709_551_615 { return UInt64.max }
        return UInt64(x)
    }

    static func formatDouble(_ f: Double, _ fmt: UInt8, _ precIn: Int, _ size: Int) -> [UInt8] {
        let isZero = f == 0
        var e = 0
        if !isZero {
            let binaryExponent = Int((f.bitPattern >> UInt64(doubleExponentShift)) & doubleExponentMask) - doubleExponentBias
            e = Int(Double(binaryExponent) * log10of2)
            let positive = !(f < 1)
            var base = Double(wideDecimalExp(1, e + (positive ? 1 : 0)))
            var guardCount = 0
            while (f >= base) == positive && guardCount < exponentSearchLimit {
                e += positive ? 1 : -1
                base = Double(wideDecimalExp(1, e + (positive ? 1 : 0)))
                guardCount += 1
            }
        }
        let p = plan(fmt, precIn, size, e, maxMantissa: doubleMaxMantissa, minBuffer: doubleMinBuffer)
        var numDigits = min(doubleSafeDigits, p.maxDigits)
        while true {
            let extraZeros = p.trailZeros + (p.maxDigits - numDigits)
            let (prefix, decexp, dec) = layout(p, numDigits, e, isZero)
            let mantissaCap = cap(numDigits, UInt64.self)
            let scaled = wideDecimalExp(Wide(f), decexp)
            let mantissa = wideToUnsigned(scaled + 0.5)
            let text = mantissaText(mantissa, mantissaCap, prefix, numDigits, p.maxExpZeros, extraZeros, dec, e, p.flags)
            if numDigits < p.maxDigits {
                let check = text.withUnsafeBufferPointer { parseDecimal($0, 0, $0.count, .double) }
                if check?.0 != f {
                    numDigits += 1
                    continue
                }
            }
            return text
        }
    }
}

#if arch(x86_64) || arch(i386)
/// The C code's long double (x87 extended precision on the unix port's machines).
typealias Wide = Float80
#else
typealias Wide = Double
#endif
