import MicroPythonCompiler

/// %-formatting (str and bytes) and str.format, following MicroPython's objstr.c behaviour:
/// padding counts bytes, '{}' means str(), '{:...}' formats the object itself, only int, bool,
/// float and str/bytes arguments take a format spec.
public enum Format {
    // Padding/printing flags (the same meaning as MicroPython's PF_FLAG_*).
    static let leftAdjust = 0x001
    static let showSign = 0x002
    static let spaceSign = 0x004
    static let showPrefix = 0x010
    static let padAfterSign = 0x040
    static let centerAdjust = 0x080
    static let addPercent = 0x100
    static let showOctalLetter = 0x200
    /// The grouping character (',' or '_') is kept in the bits above this position.
    static let sepShift = 16

    // MARK: - low-level printers

    /// Writes `s` padded to `width` bytes with `fill`, adjusted by `flags`.
    static func padded(_ out: inout [UInt8], _ s: UnsafeBufferPointer<UInt8>, _ flags: Int, _ fill: UInt8, _ width: Int) throws(PyExc) {
        // Width and pad are C ints, as in MicroPython's printer: a width that wrapped negative
        // is "none given", but the most negative one pads by the wrapped difference.
        var width = Int(Int32(truncatingIfNeeded: width))
        var pad = Int(Int32(truncatingIfNeeded: width - s.count))
        // The text is built outside the heap: a pad the heap could not hold fails first.
        try Heap.checkTemporary(out.count + s.count + max(0, pad))
        let grouping = UInt8(truncatingIfNeeded: flags >> sepShift)
        // The pad is a periodic pattern: spaces, zeros, the fill byte, or zeros with grouping
        // characters placed so that the whole field keeps its groups aligned.
        var pattern: [UInt8] = [fill == 0 ? 0x20 : fill]
        var phase = 0
        if fill == 0x30 && grouping != 0 {
            pattern = grouping == UInt8(ascii: "_") ? Array("0000_".utf8) : Array("000,".utf8)
            let size = pattern.count
            if width % size == 0 { pad += 1; width += 1 }
            phase = size - 1 - width % size
        }
        var left = 0, right = 0
        if flags & centerAdjust != 0 {
            left = pad / 2; right = pad - left
        } else if flags & leftAdjust != 0 {
            right = pad
        } else {
            left = pad
        }
        func emit(_ n: Int, _ out: inout [UInt8]) {
            if n <= 0 { return }
            var j = 0
            while j < n {
                // Chunks restart at the phase, as the pattern repeats with its own period.
                let chunk = min(n - j, pattern.count)
                for k in 0..<chunk { out.append(pattern[(phase + k) % pattern.count]) }
                j += chunk
            }
        }
        emit(left, &out)
        out.append(contentsOf: s)
        emit(right, &out)
    }

    static func padded(_ out: inout [UInt8], _ s: [UInt8], _ flags: Int, _ fill: UInt8, _ width: Int) throws(PyExc) {
        let n = s.count
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, n))
        defer { p.deallocate() }
        for i in 0..<n { p[i] = s[i] }
        try padded(&out, UnsafeBufferPointer(start: p, count: n), flags, fill, width)
    }

    /// Digits of an int in `base`, grouped with `comma` (every 3 digits in base 10, else 4),
    /// preceded by `prefix` and a '-' for negative values.
    static func intText(_ x: Obj, _ base: Int, _ upper: Bool, _ prefix: [UInt8], _ comma: UInt8) -> [UInt8] {
        var negative = false
        var digits: [UInt8]
        if x.isSmallInt {
            let v = x.smallValue
            negative = v < 0
            digits = Array(String(v.magnitude, radix: base, uppercase: upper).utf8)
        } else {
            let b = IntOps.big(x)
            negative = b.signum < 0
            digits = Array(b.magnitude.toString(radix: base, uppercase: upper).utf8)
        }
        if comma != 0 {
            let group = base == 10 ? 3 : 4
            var g: [UInt8] = []
            let n = digits.count
            for (i, d) in digits.enumerated() {
                if i > 0 && (n - i) % group == 0 { g.append(comma) }
                g.append(d)
            }
            digits = g
        }
        var r: [UInt8] = []
        if negative { r.append(UInt8(ascii: "-")) }
        r += prefix
        r += digits
        return r
    }

    /// MicroPython's mp_print_mp_int: an int with sign/prefix flags, width and precision.
    static func printInt(_ out: inout [UInt8], _ arg: Obj, _ base: Int, upper: Bool, _ flagsIn: Int, _ fillIn: UInt8,
                         _ widthIn: Int, _ precIn: Int) throws(PyExc) {
        var x = arg
        if !(x.isSmallInt || IntOps.isBig(x)) { x = try IntOps.make(try IntOps.toInt(x)) }
        // The common `%d` / `{}` of a small int: decimal digits straight into the output.
        // (Not for the one width that wraps to a pad: see `padded`.)
        if x.isSmallInt && base == 10 && flagsIn == 0 && widthIn <= 0 && precIn <= 0
            && Int32(truncatingIfNeeded: widthIn) != Int32.min {
            var v = x.smallValue
            if v < 0 { out.append(UInt8(ascii: "-")); v = -v }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = 0
            withUnsafeMutableBytes(of: &digits) { d in
                repeat { d[n] = UInt8(48 + v % 10); v /= 10; n += 1 } while v > 0
                for i in stride(from: n - 1, through: 0, by: -1) { out.append(d[i]) }
            }
            return
        }
        var flags = flagsIn, fill = fillIn, width = widthIn, prec = precIn
        if flags & (leftAdjust | centerAdjust) == 0 && fill == 0x30 {
            if prec > width { width = prec }
            prec = 0
        }
        let nonNegative = x.isSmallInt ? x.smallValue >= 0 : IntOps.big(x).signum >= 0
        var prefix: [UInt8] = []
        if nonNegative {
            if flags & showSign != 0 { prefix.append(UInt8(ascii: "+")) } else if flags & spaceSign != 0 { prefix.append(0x20) }
        }
        if flags & showPrefix != 0 {
            switch base {
            case 2: prefix += [0x30, upper ? UInt8(ascii: "B") : UInt8(ascii: "b")]
            case 8:
                prefix.append(0x30)
                if flags & showOctalLetter != 0 { prefix.append(upper ? UInt8(ascii: "O") : UInt8(ascii: "o")) }
            case 16: prefix += [0x30, upper ? UInt8(ascii: "X") : UInt8(ascii: "x")]
            default: break
            }
        }
        let comma = UInt8(truncatingIfNeeded: flags >> sepShift)
        if prec > 1 { flags |= padAfterSign }
        var sign: UInt8 = 0
        var text: [UInt8]
        if flags & padAfterSign != 0 {
            text = intText(x, base, upper, [], comma)
            if text.first == UInt8(ascii: "-") { sign = text.removeFirst() }
        } else {
            text = intText(x, base, upper, prefix, comma)
        }
        var before = 0, after = 0
        if prec > 1 {
            var precWidth = max(text.count, prec)
            if flags & padAfterSign != 0 {
                if sign != 0 { precWidth += 1 }
                precWidth += prefix.count
            }
            if precWidth < width {
                if flags & leftAdjust != 0 { after = width - precWidth } else { before = width - precWidth }
            }
            fill = 0x30
            flags &= ~leftAdjust
        }
        for _ in 0..<max(0, before) { out.append(0x20) }
        if flags & padAfterSign != 0 {
            if sign != 0 { out.append(sign); width -= 1 }
            if !prefix.isEmpty { out += prefix; width -= prefix.count }
        }
        if prec > 1 { width = prec }
        try padded(&out, text, flags, fill, width)
        try Heap.checkTemporary(max(0, after))
        for _ in 0..<max(0, after) { out.append(0x20) }
    }

    /// A float formatted with `fmt` (e E f F g G) and precision (negative: 6), as MicroPython's
    /// mp_format_float does it for this profile's float model.
    static func floatText(_ d: Double, _ fmt: UInt8, _ precIn: Int, _ sign: UInt8) -> [UInt8] {
        FloatText.format(d, fmt, precIn, sign, model: Float.model)
    }

    /// MicroPython's mp_print_float.
    static func printFloat(_ out: inout [UInt8], _ d: Double, _ fmt: UInt8, _ flags: Int, _ fill: UInt8, _ widthIn: Int, _ precIn: Int) throws(PyExc) {
        // The C port's float text fits a 32-byte buffer; beyond a few hundred digits they are
        // only zeros anyway, and an unbounded precision would build gigabytes of them.
        let prec = min(precIn, 500)
        var width = widthIn
        let sign: UInt8 = flags & showSign != 0 ? UInt8(ascii: "+") : (flags & spaceSign != 0 ? 0x20 : 0)
        var text = floatText(d, fmt, prec, sign)
        if flags & addPercent != 0 { text.append(UInt8(ascii: "%")) }
        if flags & padAfterSign != 0, let c = text.first, c < 0x30 {
            out.append(c)
            text.removeFirst()
            width -= 1
        }
        try padded(&out, text, flags, fill, width)
    }

    /// A character given by its code point (format 'c').
    static func printChar(_ out: inout [UInt8], _ arg: Obj, _ flags: Int, _ fill: UInt8, _ width: Int) throws(PyExc) {
        let c = try IntOps.toInt(arg)
        if c < 0 || c >= 0x110000 { throw PyExc.overflowError("char not in range(0x110000)") }
        try padded(&out, utf8(UInt32(c)), flags, fill, width)
    }

    static func utf8(_ c: UInt32) -> [UInt8] {
        if c < 0x80 { return [UInt8(c)] }
        if c < 0x800 { return [UInt8(0xC0 | (c >> 6)), UInt8(0x80 | (c & 0x3F))] }
        if c < 0x10000 {
            return [UInt8(0xE0 | (c >> 12)), UInt8(0x80 | ((c >> 6) & 0x3F)), UInt8(0x80 | (c & 0x3F))]
        }
        return [UInt8(0xF0 | (c >> 18)), UInt8(0x80 | ((c >> 12) & 0x3F)), UInt8(0x80 | ((c >> 6) & 0x3F)), UInt8(0x80 | (c & 0x3F))]
    }

    static func looksInteger(_ o: Obj) -> Bool { IntOps.isInt(o) }
    static func looksNumeric(_ o: Obj) -> Bool { IntOps.isInt(o) || Float.isFloat(o) }

    /// The value of a float argument (ints and bools convert).
    static func floatValue(_ o: Obj) throws(PyExc) -> Double {
        if Float.isFloat(o) { return Float.value(o) }
        if IntOps.isInt(o) { return Float.narrow(IntOps.toDouble(o)) }
        if let m = Classes.lookup(typeOf(o), .__float__) {
            let r = try Runtime.invokeMethod(m, o)
            if Float.isFloat(r) { return Float.value(r) }
        }
        throw PyExc.typeError("can't convert \(typeName(o)) to float")
    }

    /// Bytes of a str or bytes argument, else MicroPython's implicit-conversion TypeError.
    static func strBytes(_ o: Obj) throws(PyExc) -> [UInt8] {
        let k = kindOf(o)
        guard Str.isStr(o) || k == .bytes else { throw StrMethods.badImplicitConversion(o) }
        return Array(Str.buffer(o))
    }

    static func printed(_ o: Obj, _ kind: PrintKind) throws(PyExc) -> [UInt8] {
        var p = Printer()
        try Runtime.write(o, &p, kind)
        return p.bytes
    }

    // MARK: - % operator

    static func percent(_ fmt: Obj, _ rhs: Obj) throws(PyExc) -> Obj {
        let isBytes = kindOf(fmt) == .bytes
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = rhs
        var args = hold
        var nArgs = 1
        var dict = Obj.null
        var tup = Obj.null
        if kindOf(rhs) == .tuple { tup = rhs } else if kindOf(rhs) == .instance && kindOf(Classes.nativePart(rhs)) == .tuple {
            tup = Classes.nativePart(rhs)
        }
        if !tup.isNull {
            args = Tuple.items(tup)
            nArgs = Tuple.count(tup)
        } else if kindOf(rhs) == .dict {
            dict = rhs
        }
        let (sp, slen) = Str.data(fmt)
        // The pattern is read in place: str objects are immutable and never move, and the
        // caller holds `fmt` for the whole call.
        let s = UnsafeBufferPointer(start: sp, count: slen)
        let top = s.count
        var out = takeBuffer()
        defer { giveBack(&out) }
        out.reserveCapacity(slen + 32)
        var argI = 0
        var i = 0
        func notEnough() -> PyExc { PyExc.typeError("format string needs more arguments") }
        while i < top {
            var arg = Obj.null
            let c = s[i]
            if c != UInt8(ascii: "%") { out.append(c); i += 1; continue }
            i += 1
            if i >= top { throw PyExc.valueError("incomplete format") }
            if s[i] == UInt8(ascii: "%") { out.append(s[i]); i += 1; continue }
            if s[i] == UInt8(ascii: "(") {
                if dict.isNull { throw PyExc.typeError("format needs a dict") }
                argI = 1
                i += 1
                let keyStart = i
                while true {
                    if i >= top { throw PyExc.valueError("incomplete format key") }
                    if s[i] == UInt8(ascii: ")") { break }
                    i += 1
                }
                // The key is looked up as an interned name, so it has the qstr length limit.
                try QstrPool.checkLength(i - keyStart)
                let key = try Str.make(bytes: Array(s[keyStart..<i]))
                guard let v = try Dict.get(dict, key) else { throw PyExc.keyError(key) }
                arg = v
                i += 1
            }
            var flags = 0
            var fill: UInt8 = 0x20
            var alt = 0
            flagLoop: while i < top {
                switch s[i] {
                case UInt8(ascii: "-"): flags |= leftAdjust
                case UInt8(ascii: "+"): flags |= showSign
                case UInt8(ascii: " "): flags |= spaceSign
                case UInt8(ascii: "#"): alt = showPrefix
                case UInt8(ascii: "0"): flags |= padAfterSign; fill = 0x30
                default: break flagLoop
                }
                i += 1
            }
            var width = 0
            if i < top {
                if s[i] == UInt8(ascii: "*") {
                    if argI >= nArgs { throw notEnough() }
                    width = try IntOps.toInt(args[argI]); argI += 1
                    i += 1
                } else {
                    i = parseInt(s, i, top, &width)
                }
            }
            var prec = -1
            if i < top && s[i] == UInt8(ascii: ".") {
                i += 1
                if i < top {
                    if s[i] == UInt8(ascii: "*") {
                        if argI >= nArgs { throw notEnough() }
                        prec = try IntOps.toInt(args[argI]); argI += 1
                        i += 1
                    } else {
                        prec = 0
                        i = parseInt(s, i, top, &prec)
                    }
                }
            }
            if i >= top { throw PyExc.valueError("incomplete format") }
            if arg.isNull {
                if argI >= nArgs { throw notEnough() }
                arg = args[argI]; argI += 1
            }
            let conv = s[i]
            switch conv {
            case UInt8(ascii: "c"):
                if Str.isStr(arg) {
                    let b = Str.buffer(arg)
                    if b.count != 1 { throw PyExc.typeError("%c needs int or char") }
                    try padded(&out, b, flags, 0x20, width)
                } else if looksInteger(arg) {
                    try printChar(&out, arg, flags, 0x20, width)
                } else {
                    throw PyExc.typeError("integer needed")
                }
            case UInt8(ascii: "d"), UInt8(ascii: "i"), UInt8(ascii: "u"):
                var v = arg
                if Float.isFloat(arg) {
                    let d = Float.value(arg)
                    if d.isNaN { throw PyExc.valueError("can't convert NaN to int") }
                    guard let b = BigIntValue(truncating: d) else { throw PyExc.overflowError("can't convert inf to int") }
                    v = try IntOps.store(b)
                }
                try printInt(&out, v, 10, upper: false, flags, fill, width, prec)
            case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "g"), UInt8(ascii: "G"):
                try printFloat(&out, try floatValue(arg), conv, flags, fill, width, prec)
            case UInt8(ascii: "o"):
                if alt != 0 { flags |= showPrefix | showOctalLetter }
                try printInt(&out, arg, 8, upper: false, flags, fill, width, prec)
            case UInt8(ascii: "r"), UInt8(ascii: "s"):
                var text: [UInt8]
                if conv == UInt8(ascii: "s") && isBytes && kindOf(arg) == .bytes {
                    text = Array(Str.buffer(arg))
                } else {
                    text = try printed(arg, conv == UInt8(ascii: "r") ? .repr : .str)
                }
                if prec >= 0 && text.count > prec { text.removeLast(text.count - prec) }
                try padded(&out, text, flags, 0x20, width)
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                try printInt(&out, arg, 16, upper: conv == UInt8(ascii: "X"), flags | alt, fill, width, prec)
            default:
                throw PyExc.valueError("unsupported format character '\(String(UnicodeScalar(conv)))' (0x\(String(conv, radix: 16))) at index \(i)")
            }
            i += 1
        }
        if dict.isNull && argI != nArgs {
            throw PyExc.typeError("format string didn't convert all arguments")
        }
        return try Str.make(bytes: out, type: isBytes ? Types.bytes : Types.str)
    }

    /// One output buffer kept between formatting calls, so the common case allocates no
    /// Swift storage. A nested call (a __str__ that formats) finds it taken and makes its own.
    nonisolated(unsafe) static var spare: [UInt8] = []

    @inline(__always) static func takeBuffer() -> [UInt8] {
        var b: [UInt8] = []
        swap(&b, &spare)
        return b
    }

    @inline(__always) static func giveBack(_ b: inout [UInt8]) {
        if b.capacity > 4096 { return }    // don't keep a huge buffer alive
        b.removeAll(keepingCapacity: true)
        swap(&b, &spare)
    }

    /// Parses unsigned decimal digits at s[i...]; `num` changes only if there is at least one.
    /// It is a C int, as in MicroPython: too many digits wrap it (a huge width turns negative,
    /// which is no width).
    static func parseInt(_ s: [UInt8], _ start: Int, _ top: Int, _ num: inout Int) -> Int {
        s.withUnsafeBufferPointer { parseInt($0, start, top, &num) }
    }

    static func parseInt(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ top: Int, _ num: inout Int) -> Int {
        var i = start
        if i < top && s[i] >= 0x30 && s[i] <= 0x39 {
            num = 0
            while i < top && s[i] >= 0x30 && s[i] <= 0x39 {
                num = Int(Int32(truncatingIfNeeded: num &* 10 &+ Int(s[i] - 0x30)))
                i += 1
            }
        }
        return i
    }

    // MARK: - str.format

    /// `fmt.format(*args, **kw)`: args[0..<n] positional, then nKw key/value pairs.
    static func strFormat(_ fmt: Obj, _ args: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int) throws(PyExc) -> Obj {
        var selfObj = fmt
        if kindOf(fmt) == .instance { selfObj = Classes.nativePart(fmt) }
        let (p, len) = BytesMethods.data(selfObj)
        let s = Array(UnsafeBufferPointer(start: p, count: len))
        var argI = 0
        let out = try formatHelper(s, 0, s.count, &argI, args, n, nKw)
        return try StrMethods.makeOf(typeOf(selfObj), out)
    }

    static func formatHelper(_ s: [UInt8], _ start: Int, _ top: Int, _ argI: inout Int,
                             _ args: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int) throws(PyExc) -> [UInt8] {
        var out: [UInt8] = []
        var i = start
        func at(_ k: Int) -> UInt8 { k < top ? s[k] : 0 }
        while i < top {
            let c = s[i]
            if c == UInt8(ascii: "}") {
                i += 1
                if i < top && s[i] == UInt8(ascii: "}") { out.append(c); i += 1; continue }
                throw PyExc.valueError("single '}' encountered in format string")
            }
            if c != UInt8(ascii: "{") { out.append(c); i += 1; continue }
            i += 1
            if i < top && s[i] == UInt8(ascii: "{") { out.append(s[i]); i += 1; continue }

            // "{" [field_name] ["!" conversion] [":" format_spec] "}"
            var fieldStart = -1, fieldEnd = -1
            var conversion: UInt8 = 0
            var specStart = -1, specEnd = -1
            if i < top && s[i] != UInt8(ascii: "}") && s[i] != UInt8(ascii: "!") && s[i] != UInt8(ascii: ":") {
                fieldStart = i
                while i < top && s[i] != UInt8(ascii: "}") && s[i] != UInt8(ascii: "!") && s[i] != UInt8(ascii: ":") { i += 1 }
                fieldEnd = i
            }
            if i < top && s[i] == UInt8(ascii: "!") {
                i += 1
                if i < top && (s[i] == UInt8(ascii: "r") || s[i] == UInt8(ascii: "s")) {
                    conversion = s[i]; i += 1
                } else if !MicroPythonRuntime.port.detailedErrors {
                    throw PyExc.valueError("bad conversion specifier")
                } else if i >= top {
                    throw PyExc.valueError("end of format while looking for conversion specifier")
                } else {
                    throw PyExc.valueError("unknown conversion specifier \(String(UnicodeScalar(s[i])))")
                }
            }
            if i < top && s[i] == UInt8(ascii: ":") {
                i += 1
                if at(i) != UInt8(ascii: "}") {
                    specStart = i
                    var nest = 1
                    while i < top {
                        if s[i] == UInt8(ascii: "{") { nest += 1 } else if s[i] == UInt8(ascii: "}") {
                            nest -= 1
                            if nest == 0 { break }
                        }
                        i += 1
                    }
                    specEnd = i
                }
            }
            if i >= top { throw PyExc.valueError("unmatched '{' in format") }
            if s[i] != UInt8(ascii: "}") { throw PyExc.valueError("expected ':' after format specifier") }
            i += 1  // past '}'

            var arg = Obj.none
            if fieldStart >= 0 {
                var f = fieldStart
                if s[f] >= 0x30 && s[f] <= 0x39 {
                    if argI > 0 {
                        throw PyExc.valueError("can't switch from automatic field numbering to manual field specification")
                    }
                    var index = 0
                    f = parseInt(s, f, fieldEnd, &index)
                    // (A wrapped, negative index is out of range too, as C compares unsigned.)
                    if index < 0 || index >= n { throw PyExc.indexError("tuple index out of range") }
                    arg = args[index]
                    argI = -1
                } else {
                    var look = f
                    while look < fieldEnd && s[look] != UInt8(ascii: ".") && s[look] != UInt8(ascii: "[") { look += 1 }
                    try QstrPool.checkLength(look - f)
                    let key = try Str.make(bytes: Array(s[f..<look]))
                    f = look
                    var found = false
                    for k in 0..<nKw where Str.isStr(args[n + 2 * k]) && Str.equal(args[n + 2 * k], key) {
                        arg = args[n + 2 * k + 1]
                        found = true
                        break
                    }
                    if !found { throw PyExc.keyError(key) }
                }
                if f < fieldEnd { throw PyExc.notImplemented("attributes not supported") }
            } else {
                if argI < 0 {
                    throw PyExc.valueError("can't switch from manual field specification to automatic field numbering")
                }
                if argI >= n { throw PyExc.indexError("tuple index out of range") }
                arg = args[argI]
                argI += 1
            }
            if specStart < 0 && conversion == 0 { conversion = UInt8(ascii: "s") }
            // `arg` lives in the caller's argument array, so it stays reachable; a converted
            // value only lives in `argText` (bytes), not as an object.
            var argText: [UInt8]? = nil
            if conversion != 0 {
                argText = try printed(arg, conversion == UInt8(ascii: "s") ? .str : .repr)
            }

            var fill: UInt8 = 0
            var align: UInt8 = 0
            var width = -1
            var precision = -1
            var type: UInt8 = 0
            var flags = 0
            let numeric = argText == nil && looksNumeric(arg)
            if specStart >= 0 {
                let spec = try formatHelper(s, specStart, specEnd, &argI, args, n, nKw)
                var k = 0
                let m = spec.count
                func sp(_ j: Int) -> UInt8 { j < m ? spec[j] : 0 }
                func isAlign(_ ch: UInt8) -> Bool {
                    ch == UInt8(ascii: "<") || ch == UInt8(ascii: ">") || ch == UInt8(ascii: "=") || ch == UInt8(ascii: "^")
                }
                if isAlign(sp(0)) {
                    align = sp(0); k = 1
                } else if sp(0) != 0 && isAlign(sp(1)) {
                    fill = sp(0); align = sp(1); k = 2
                }
                if sp(k) == UInt8(ascii: "+") || sp(k) == UInt8(ascii: "-") || sp(k) == UInt8(ascii: " ") {
                    if sp(k) == UInt8(ascii: "+") { flags |= showSign } else if sp(k) == UInt8(ascii: " ") { flags |= spaceSign }
                    k += 1
                }
                if sp(k) == UInt8(ascii: "#") { flags |= showPrefix; k += 1 }
                if sp(k) == UInt8(ascii: "0") {
                    if align == 0 && numeric { align = UInt8(ascii: "=") }
                    if fill == 0 { fill = 0x30 }
                }
                k = parseInt(spec, k, m, &width)
                if sp(k) == UInt8(ascii: ",") || sp(k) == UInt8(ascii: "_") {
                    flags |= Int(sp(k)) << sepShift
                    k += 1
                }
                if sp(k) == UInt8(ascii: ".") {
                    k += 1
                    k = parseInt(spec, k, m, &precision)
                }
                if sp(k) != 0 && Array("bcdeEfFgGnosxX%".utf8).contains(sp(k)) {
                    type = sp(k); k += 1
                }
                if k < m { throw PyExc.valueError("invalid format specifier") }
            }
            if align == 0 { align = numeric ? UInt8(ascii: ">") : UInt8(ascii: "<") }
            if fill == 0 { fill = 0x20 }
            if flags & (showSign | spaceSign) != 0 {
                if type == UInt8(ascii: "s") { throw PyExc.valueError("sign not allowed in string format specifier") }
                if type == UInt8(ascii: "c") { throw PyExc.valueError("sign not allowed with integer format specifier 'c'") }
            }
            switch align {
            case UInt8(ascii: "<"): flags |= leftAdjust
            case UInt8(ascii: "="): flags |= padAfterSign
            case UInt8(ascii: "^"): flags |= centerAdjust
            default: break
            }
            func unknownCode() -> PyExc {
                PyExc.valueError("unknown format code '\(String(UnicodeScalar(type)))' for object of type '\(argText != nil ? "str" : typeName(arg))'")
            }
            if argText == nil && looksInteger(arg) {
                switch type {
                case UInt8(ascii: "b"):
                    try printInt(&out, arg, 2, upper: false, flags, fill, width, 0); continue
                case UInt8(ascii: "c"):
                    try printChar(&out, arg, flags, fill, width); continue
                case 0, UInt8(ascii: "n"), UInt8(ascii: "d"):
                    try printInt(&out, arg, 10, upper: false, flags, fill, width, 0); continue
                case UInt8(ascii: "o"):
                    if flags & showPrefix != 0 { flags |= showOctalLetter }
                    try printInt(&out, arg, 8, upper: false, flags, fill, width, 0); continue
                case UInt8(ascii: "x"), UInt8(ascii: "X"):
                    try printInt(&out, arg, 16, upper: type == UInt8(ascii: "X"), flags, fill, width, 0); continue
                case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"), UInt8(ascii: "F"),
                     UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "%"):
                    break
                default:
                    throw unknownCode()
                }
            }
            if numeric {
                if type == 0 || type == UInt8(ascii: "n") { type = UInt8(ascii: "g") }
                switch type {
                case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "g"), UInt8(ascii: "G"):
                    try printFloat(&out, try floatValue(arg), type, flags, fill, width, precision)
                case UInt8(ascii: "%"):
                    flags |= addPercent
                    try printFloat(&out, Float.narrow(try floatValue(arg) * 100), UInt8(ascii: "f"), flags, fill, width, precision)
                default:
                    throw unknownCode()
                }
            } else {
                if align == UInt8(ascii: "=") {
                    throw PyExc.valueError("'=' alignment not allowed in string format specifier")
                }
                switch type {
                case 0, UInt8(ascii: "s"):
                    var text: [UInt8]
                    if let t = argText { text = t } else { text = try strBytes(arg) }
                    if precision >= 0 && text.count > precision { text.removeLast(text.count - precision) }
                    try padded(&out, text, flags, fill, width)
                default:
                    throw unknownCode()
                }
            }
        }
        return out
    }
}
