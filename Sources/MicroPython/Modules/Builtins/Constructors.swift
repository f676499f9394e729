import MicroPythonCompiler
/// Constructors of the builtin types (what calling `int`, `list`, `range`... does).
/// Each receives the type first, then the call's arguments.
extension Builtins {
    /// What str() and bytes() raise for keyword arguments, which MicroPython does not take.
    static func unimplementedKeywords() -> PyExc {
        PyExc.notImplemented("keyword argument(s) not implemented - use normal args instead")
    }

    /// enumerate, zip, map, filter and reversed.
    nonisolated(unsafe) static var iteratorTypes: [Obj] = []

    static func installConstructors() {
        constructor(Types.int, 0, 2, kw: true) { (a, n, _) throws(PyExc) in
            if n == 1 { return Obj(small: 0) }
            let x = a[1]
            if n == 3 {
                guard Str.isStr(x) || BytesMethods.isBuffer(x) else { throw PyExc.typeError("can't convert '\(typeName(x))' object to str implicitly") }
                let base = try IntOps.toInt(a[2])
                let (p, len) = BytesMethods.data(x)
                return try parseIntBytes(UnsafeBufferPointer(start: p, count: len), base: base)
            }
            if IntOps.isInt(x) { return x == .true ? Obj(small: 1) : (x == .false ? Obj(small: 0) : x) }
            if Float.isFloat(x) {
                let d = Float.value(x)
                if d.isNaN { throw PyExc.valueError("can't convert NaN to int") }
                if d.isInfinite { throw PyExc.overflowError("can't convert inf to int") }
                if let b = BigIntValue(truncating: d) { return try IntOps.store(b) }
            }
            // A native class's __int__ (MP_UNARY_OP_INT_MAYBE: uctypes' pointers) comes first; None declines.
            if kindOf(x) == .nativeObject, let m = Classes.lookup(typeOf(x), .__int__) {
                let r = try Runtime.invoke(m, x)
                if IntOps.isInt(r) { return r }
            }
            if Str.isStr(x) || BytesMethods.isBuffer(x) {
                let (p, len) = BytesMethods.data(x)
                return try parseIntBytes(UnsafeBufferPointer(start: p, count: len), base: 10)
            }
            if kindOf(x) == .instance {
                if let m = Classes.lookup(typeOf(x), .__int__) ?? Classes.lookup(typeOf(x), .__index__) {
                    // __int__ must return an int (MicroPython raises a bare TypeError).
                    let r = try Runtime.invoke(m, x)
                    if !IntOps.isInt(r) { throw PyExc.make(Exceptions.TypeError) }
                    return r
                }
                let n = Classes.nativePart(x)
                if !n.isNull && IntOps.isInt(n) { return n == .true ? Obj(small: 1) : (n == .false ? Obj(small: 0) : n) }
                // A str subclass's text is parsed, as C does.
                if !n.isNull && Str.isStr(n) { return try parseIntBytes(Str.buffer(n), base: 10) }
            }
            throw PyExc.typeError("can't convert \(typeName(x)) to int")
        }
        constructor(Types.bool, 0, 1) { (a, n, _) throws(PyExc) in n == 1 ? .false : Obj(bool: try Runtime.isTrue(a[1])) }
        constructor(Types.float, 0, 1) { (a, n, _) throws(PyExc) in
            if n == 1 { return try Float.make(0) }
            let x = a[1]
            if Float.isFloat(x) { return x }
            if IntOps.isInt(x) { return try Float.make(IntOps.toDouble(x)) }
            if Str.isStr(x) || BytesMethods.isBuffer(x) {
                let (p, len) = BytesMethods.data(x)
                guard let d = FloatText.parse(UnsafeBufferPointer(start: p, count: len), model: Float.model) else {
                    throw PyExc.valueError("invalid syntax for number")
                }
                return try Float.make(d)
            }
            if let m = Classes.lookup(typeOf(x), .__float__) {
                let r = try Runtime.invoke(m, x)
                if Float.isFloat(r) { return r }
            }
            // A str subclass's text is parsed, as C does.
            if kindOf(x) == .instance {
                let n = Classes.nativePart(x)
                if !n.isNull && Str.isStr(n) {
                    guard let d = FloatText.parse(Str.buffer(n), model: Float.model) else {
                        throw PyExc.valueError("invalid syntax for number")
                    }
                    return try Float.make(d)
                }
            }
            throw PyExc.typeError("can't convert \(typeName(x)) to float")
        }
        constructor(Types.complex, 0, 2) { (a, n, _) throws(PyExc) in try Complex.construct(a + 1, n - 1) }
        constructor(Types.str, 0, 3, kw: true) { (a, n, nKw) throws(PyExc) in
            if nKw > 0 { throw unimplementedKeywords() }
            if n == 1 { return Obj(qstr: .empty) }
            if n >= 3 {
                // str(obj, encoding): obj must be a buffer (its bytes are decoded).
                guard BytesMethods.isBuffer(a[1]) else { throw PyExc.typeError("object with buffer protocol required") }
                return try StrMethods.decode(StrMethods.bytesOf(a[1]), a[2], n >= 4 ? a[3] : nil)
            }
            return try Runtime.str(a[1])
        }
        constructor(Types.bytes, 0, 3, kw: true) { (a, n, nKw) throws(PyExc) in
            if nKw > 0 { throw unimplementedKeywords() }
            if n == 1 { return try Str.make(bytes: [], type: Types.bytes) }
            let x = a[1]
            // A bytes object is returned as it is, whatever else is passed.
            if kindOf(x) == .bytes { return x }
            if Str.isStr(x) {
                if n < 3 { throw PyExc.typeError("string argument without an encoding") }
                if !Str.isStr(a[2]) { throw PyExc.typeError("can't convert '\(typeName(a[2]))' object to str implicitly") }
                // The encoding must be known, and ASCII holds only ASCII (as str.encode).
                if try StrMethods.encoding(a[2]) == .ascii && !StrMethods.valid(.ascii, StrMethods.bytesOf(x)) {
                    throw PyExc.make(Exceptions.UnicodeError)
                }
                let (p, len) = Str.data(x)
                return try Str.make(p, len, type: Types.bytes)
            }
            // An encoding only goes with a str.
            if n >= 3 { throw PyExc.typeError("wrong number of arguments") }
            // As C: only a small int is a length; a bigger int, or a bool, is taken for an
            // iterable (and is not one).
            if IntOps.isCSmall(x) {
                let c = try IntOps.toInt(x)
                if c < 0 { throw PyExc.make(Exceptions.ValueError) }   // (MicroPython gives no text)
                let o = try Str.allocate(c, type: Types.bytes)
                arenaBytes(words(o)[3]).initialize(repeating: 0, count: c)
                return Str.finish(o)
            }
            return try Str.make(bytes: try ByteArray.bytesOf(x), type: Types.bytes)
        }
        constructor(Types.bytearray, 0, 3) { (a, n, _) throws(PyExc) in
            if n == 1 { return try ByteArray.make([]) }
            let x = a[1]
            if IntOps.isInt(x) && x != .true && x != .false {
                // As C, a negative length is a size_t: an allocation that fails.
                let c = try IntOps.toInt(x)
                if c < 0 {
                    let size = MicroPythonRuntime.port.wordBits >= 64 ? UInt(bitPattern: c) : UInt(UInt32(truncatingIfNeeded: c))
                    throw PyExc(Exceptions.memoryError(bytes: size))
                }
                return try ByteArray.make(count: c)
            }
            if Str.isStr(x) {
                if n < 3 { throw PyExc.typeError("string argument without an encoding") }
                let (p, len) = Str.data(x)
                return try ByteArray.make(Array(UnsafeBufferPointer(start: p, count: len)))
            }
            return try ByteArray.make(try ByteArray.bytesOf(x))
        }
        constructor(Types.memoryview, 1, 1) { (a, _, _) throws(PyExc) in
            // A str has the (read-only) buffer protocol too, as in C.
            guard BytesMethods.isBuffer(a[1]) || Str.isStr(a[1]) else { throw PyExc.typeError("object with buffer protocol required") }
            return try MemoryView.over(a[1])
        }
        constructor(Types.list, 0, 1) { (a, n, _) throws(PyExc) in n == 1 ? try List.make(count: 0) : try listFrom(a[1]) }
        constructor(Types.tuple, 0, 1) { (a, n, _) throws(PyExc) in n == 1 ? Tuple.empty : try tupleFrom(a[1]) }
        constructor(Types.dict, 0, 1, kw: true) { (a, n, nKw) throws(PyExc) in
            let d = try Dict.make()
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = d
            if n == 2 { try DictMethods.update(d, a[1]) }
            for i in 0..<nKw { try Dict.set(d, a[n + 2 * i], a[n + 2 * i + 1]) }
            return d
        }
        constructor(Types.set, 0, 1) { (a, n, _) throws(PyExc) in n == 1 ? try SetObj.make() : try SetObj.from(a[1]) }
        constructor(Types.frozenset, 0, 1) { (a, n, _) throws(PyExc) in
            n == 1 ? try SetObj.make(type: Types.frozenset) : try SetObj.from(a[1], type: Types.frozenset)
        }
        constructor(Types.range, 1, 3) { (a, n, _) throws(PyExc) in
            var start = 0, stop = 0, step = 1
            // (C's mp_obj_get_int: "can't convert float to int".)
            if n == 2 { stop = try IntOps.toInt(a[1]) } else {
                start = try IntOps.toInt(a[1]); stop = try IntOps.toInt(a[2])
                if n == 4 { step = try IntOps.toInt(a[3]) }
            }
            if step == 0 { throw PyExc.valueError("zero step") }
            return try Range.make(start, stop, step)
        }
        // Slices come only from subscripts (no MICROPY_PY_BUILTINS_SLICE_INDICES in either build).
        constructor(Types.slice, 0, Native.varArgs) { (_, _, _) throws(PyExc) in
            throw PyExc.typeError("can't create 'slice' instances")
        }
        constructor(Types.object, 0, 0) { (_, _, _) throws(PyExc) in
            let o = Obj(offset: try Heap.allocate(bytes: 16))
            setField(o, 0, Types.object)
            return o
        }
        constructor(Types.type, 1, 3) { (a, n, _) throws(PyExc) in
            if n == 2 { return typeOf(a[1]) }
            guard n == 4 else { throw PyExc.typeError("type() takes 1 or 3 arguments") }
            if !Str.isStr(a[1]) { throw StrMethods.badImplicitConversion(a[1]) }
            return try Classes.makeClass(name: Str.intern(a[1]), bases: a[2], dict: a[3])
        }
        constructor(Types.property, 0, 4, kw: true) { (a, n, nKw) throws(PyExc) in
            let kw = KwArgs(a, n, nKw)
            return try Wrappers.makeProperty(n > 1 ? a[1] : (kw.get(.fget) ?? .none), n > 2 ? a[2] : (kw.get(.fset) ?? .none),
                                             n > 3 ? a[3] : (kw.get(.fdel) ?? .none))
        }
        constructor(Types.classMethod, 1, 1) { (a, _, _) throws(PyExc) in try Wrappers.make(Types.classMethod, a[1]) }
        constructor(Types.staticMethod, 1, 1) { (a, _, _) throws(PyExc) in try Wrappers.make(Types.staticMethod, a[1]) }
        constructor(Types.superObj, 0, 2) { (a, n, _) throws(PyExc) in
            // (Inside a method the compiler passes the class and self: super() is super(C, self).)
            guard n == 3 else { throw PyExc.typeError("function takes 2 positional arguments but \(n - 1) were given") }
            // super(type, obj): obj must be an instance or a subclass of type.
            guard kindOf(a[1]) == .type else { throw PyExc.make(Exceptions.TypeError) }
            let objType = kindOf(a[2]) == .type ? a[2] : typeOf(a[2])
            guard isSubclass(objType, a[1]) else { throw PyExc.make(Exceptions.TypeError) }
            let s = Obj(offset: try Heap.allocate(bytes: 12))
            setField(s, 0, Types.superObj)
            setField(s, 1, a[1]); setField(s, 2, a[2])
            return s
        }
        for t in Exceptions.all {
            constructor(t, 0, Native.varArgs) { (a, n, _) throws(PyExc) in
                guard let args = try? Tuple.make(a + 1, n - 1) else { return Exceptions.emergency(a[0], a + 1, n - 1) }
                return try Exceptions.makeNative(a[0], args: args)
            }
        }
        // Iterator-producing builtins are functions returning iterator objects.
        // enumerate, zip, map, filter and reversed are types (they can be subclassed); their
        // objects are builtin iterators of the matching kind whose type is the class called.
        // (Their __next__ is the iterator type's, added with it.)
        func iteratorType(_ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ fn: @escaping NativeFn) {
            let t = TypeObject.makeBuiltin(Qstr(name), .iterator, base: Types.object, flags: TypeFlags.subclassable)
            constructor(t, minArgs, maxArgs, kw: kw, fn)
            iteratorTypes.append(t)
            add(name, t)
        }
        iteratorType("enumerate", 0, 2, kw: true) { (a, n, nKw) throws(PyExc) in
            let kw = KwArgs(a + 1, n - 1, nKw)
            let start = n == 3 ? a[2] : (kw.get(.start) ?? Obj(small: 0))
            guard let source = n >= 2 ? a[1] : kw.get(Qstr("iterable")) else {
                throw PyExc.typeError("function missing 1 required positional arguments")
            }
            let it = try Runtime.getIter(source)
            return try Iteration.make(.enumerate, it, start, type: a[0])
        }
        iteratorType("zip", 0, Native.varArgs) { (a, n, _) throws(PyExc) in
            let t = try Tuple.make(count: n - 1)
            for i in 1..<n { setField(t, 1 + i, .none) }
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = t
            for i in 1..<n { setField(t, 1 + i, try Runtime.getIter(a[i])) }
            return try Iteration.make(.zip, t, type: a[0])
        }
        iteratorType("map", 2, Native.varArgs) { (a, n, _) throws(PyExc) in
            let t = try Tuple.make(count: n - 2)
            for i in 2..<n { setField(t, i, .none) }
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = t
            for i in 2..<n { setField(t, i, try Runtime.getIter(a[i])) }
            return try Iteration.make(.map, a[1], t, type: a[0])
        }
        iteratorType("filter", 2, 2) { (a, _, _) throws(PyExc) in
            try Iteration.make(.filter, a[1], try Runtime.getIter(a[2]), type: a[0])
        }
        iteratorType("reversed", 1, 1) { (a, _, _) throws(PyExc) in
            if kindOf(a[1]) == .instance, let m = Classes.lookup(typeOf(a[1]), .__reversed__) { return try Runtime.invoke(m, a[1]) }
            return try Iteration.make(.reversed, a[1], Obj(small: try Runtime.length(a[1])), type: a[0])
        }
    }

    /// int("...", base) as mp_parse_num_integer reads it: spaces, a sign, a base prefix, then
    /// digits where '_' is skipped anywhere, then spaces. With base 0 a leading 0 that starts no
    /// prefix makes the base 1 (so only more zeros follow), which the error reports as 0.
    static func parseIntBytes(_ b: UnsafeBufferPointer<UInt8>, base requested: Int) throws(PyExc) -> Obj {
        if (requested != 0 && requested < 2) || requested > 36 {
            throw PyExc.valueError("int() arg 2 must be >= 2 and <= 36")
        }
        @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        let top = b.count
        var i = 0
        while i < top && isSpace(b[i]) { i += 1 }
        var negative = false
        if i < top && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        // The base prefix (mp_parse_num_base).
        var base = requested
        if top - i > 1 && b[i] == UInt8(ascii: "0") {
            let c = b[i + 1] | 0x20
            if c == UInt8(ascii: "x") && (base == 0 || base == 16) { base = 16; i += 2 }
            else if c == UInt8(ascii: "o") && (base == 0 || base == 8) { base = 8; i += 2 }
            else if c == UInt8(ascii: "b") && (base == 0 || base == 2) { base = 2; i += 2 }
            else if base == 0 { base = 1 }
        } else if base == 0 {
            base = 10
        }
        let start = i
        var value: UInt64 = 0
        var overflow = false
        while i < top {
            var d = Int(b[i])
            if d >= 0x30 && d <= 0x39 {
                d -= 0x30
            } else if d == 0x5F {
                i += 1
                continue
            } else {
                d |= 0x20
                guard d >= 0x61 && d <= 0x7A else { break }
                d -= 0x61 - 10
            }
            if d >= base { break }
            let (m, o1) = value.multipliedReportingOverflow(by: UInt64(base))
            let (v, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 || v > UInt64(Int64.max) { overflow = true }
            value = v
            i += 1
        }
        let parsedSomething = i != start
        let digitsEnd = i
        while i < top && isSpace(b[i]) { i += 1 }
        func syntaxError() -> PyExc {
            let shownBase = base == 1 ? 0 : base
            var text = "invalid syntax for integer with base \(shownBase)"
            if MicroPythonRuntime.port.detailedErrors {
                var p = Printer()
                Runtime.writeQuoted(UnsafeBufferPointer(rebasing: b[start..<top]), &p, bytes: true)
                text += ": " + String(decoding: p.bytes.dropFirst(), as: UTF8.self)
            }
            return PyExc.valueError(text)
        }
        guard parsedSomething && i == top else { throw syntaxError() }
        // C reads the digits into a small int; once the value outgrows one it reads them again
        // as a big int with a reader that stops at '_', so there an underscore is an error.
        let smallLimit = UInt64(1) << UInt64(MicroPythonRuntime.port.wordBits - 2)
        if (overflow || value >= smallLimit) && b[start..<digitsEnd].contains(0x5F) { throw syntaxError() }
        if !overflow {
            let v = Int(value)
            return try IntOps.make(negative ? -v : v)
        }
        // Past 63 bits: the digits again, without underscores, as a big int.
        let digits = b[start..<digitsEnd].filter { $0 != 0x5F }
        guard let big = BigIntValue(String(decoding: digits, as: UTF8.self), radix: base) else {
            throw PyExc.valueError("invalid syntax for integer with base \(base)")
        }
        return try IntOps.store(negative ? -big : big)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var t = Substring(self)
        while let f = t.first, f == " " || f == "\t" || f == "\n" || f == "\r" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" || l == "\n" || l == "\r" { t = t.dropLast() }
        return String(t)
    }
    var debugQuoted: String { "'" + self + "'" }
}
