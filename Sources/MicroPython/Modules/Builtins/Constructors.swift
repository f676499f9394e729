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
                guard Str.isStr(x) || BytesMethods.isBuffer(x) else { throw PyExc.typeError("can't convert non-string with explicit base") }
                return try parseIntText(Str.string(x), base: try IntOps.toInt(a[2]))
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
                return try parseIntText(String(decoding: UnsafeBufferPointer(start: p, count: len), as: UTF8.self), base: 10)
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
            if IntOps.isInt(x) {
                let c = try IntOps.toInt(x)
                if c < 0 { throw PyExc.valueError("negative count") }
                let o = try Str.allocate(c, type: Types.bytes)
                arenaBytes(words(o)[3]).initialize(repeating: 0, count: c)
                return Str.finish(o)
            }
            return try Str.make(bytes: try ByteArray.bytesOf(x), type: Types.bytes)
        }
        constructor(Types.bytearray, 0, 3) { (a, n, _) throws(PyExc) in
            if n == 1 { return try ByteArray.make([]) }
            let x = a[1]
            if IntOps.isInt(x) { return try ByteArray.make(count: try IntOps.toInt(x)) }
            if Str.isStr(x) {
                if n < 3 { throw PyExc.typeError("string argument without an encoding") }
                let (p, len) = Str.data(x)
                return try ByteArray.make(Array(UnsafeBufferPointer(start: p, count: len)))
            }
            return try ByteArray.make(try ByteArray.bytesOf(x))
        }
        constructor(Types.memoryview, 1, 1) { (a, _, _) throws(PyExc) in
            guard BytesMethods.isBuffer(a[1]) else { throw PyExc.typeError("object with buffer protocol required") }
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
            if n == 2 { stop = try IntOps.toIndex(a[1], "range() arguments") } else {
                start = try IntOps.toIndex(a[1], "range() arguments"); stop = try IntOps.toIndex(a[2], "range() arguments")
                if n == 4 { step = try IntOps.toIndex(a[3], "range() arguments") }
            }
            if step == 0 { throw PyExc.valueError("zero step") }
            return try Range.make(start, stop, step)
        }
        constructor(Types.slice, 1, 3) { (a, n, _) throws(PyExc) in
            if n == 2 { return try Slice.make(.none, a[1], .none) }
            return try Slice.make(a[1], a[2], n == 4 ? a[3] : .none)
        }
        constructor(Types.object, 0, 0) { (_, _, _) throws(PyExc) in
            let o = Obj(offset: try Heap.allocate(bytes: 16))
            setField(o, 0, Types.object)
            return o
        }
        constructor(Types.type, 1, 3) { (a, n, _) throws(PyExc) in
            if n == 2 { return typeOf(a[1]) }
            guard n == 4 else { throw PyExc.typeError("type() takes 1 or 3 arguments") }
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
            guard n == 3 else { throw PyExc.runtimeError("super() can't find self") }
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

    /// int("...", base) with MicroPython's rules: whitespace, sign, prefixes, underscores.
    static func parseIntText(_ s: String, base: Int) throws(PyExc) -> Obj {
        var t = Substring(s).drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        while let l = t.last, l == " " || l == "\t" || l == "\n" || l == "\r" { t = t.dropLast() }
        var neg = false
        if t.hasPrefix("-") { neg = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        var b = base
        let lower = t.lowercased()
        if (b == 0 || b == 16) && lower.hasPrefix("0x") { t = t.dropFirst(2); b = 16 }
        else if (b == 0 || b == 8) && lower.hasPrefix("0o") { t = t.dropFirst(2); b = 8 }
        else if (b == 0 || b == 2) && lower.hasPrefix("0b") { t = t.dropFirst(2); b = 2 }
        else if b == 0 { b = 10 }
        if b < 2 || b > 36 { throw PyExc.valueError("int() arg 2 must be >= 2 and <= 36") }
        let digits = String(t).replacingUnderscores()
        guard !digits.isEmpty, !t.hasPrefix("_"), !t.hasSuffix("_"), !t.contains("__"),
              let v = BigIntValue(digits, radix: b),
              // Base 0 reads decimal as source does: no leading zeros except for zero itself.
              !(base == 0 && b == 10 && digits.hasPrefix("0") && digits.contains(where: { $0 != "0" })) else {
            throw PyExc.valueError("invalid syntax for integer with base \(base)")
        }
        return try IntOps.store(neg ? -v : v)
    }

}

extension String {
    func replacingUnderscores() -> String { String(self.filter { $0 != "_" }) }
    func trimmingWhitespace() -> String {
        var t = Substring(self)
        while let f = t.first, f == " " || f == "\t" || f == "\n" || f == "\r" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" || l == "\n" || l == "\r" { t = t.dropLast() }
        return String(t)
    }
    var debugQuoted: String { "'" + self + "'" }
}
