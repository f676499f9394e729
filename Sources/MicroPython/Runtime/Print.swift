import MicroPythonCompiler

/// str() and repr() of every type, written into a byte buffer.
public struct Printer {
    /// The most text one repr/str/print may build in host memory (the heap or 32 MiB).
    static var limit: Int { max(Heap.poolBytes, 32 << 20) }
    public var bytes: [UInt8] = []
    public init() {}
    @inline(__always) public mutating func write(_ s: String) { bytes.append(contentsOf: s.utf8) }
    @inline(__always) public mutating func write(_ b: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: b) }
    @inline(__always) public mutating func byte(_ b: UInt8) { bytes.append(b) }
}

public enum PrintKind { case str, repr, exc }

extension Runtime {
    public static func repr(_ o: Obj) throws(PyExc) -> Obj {
        var p = Printer()
        try write(o, &p, .repr)
        return try Str.make(bytes: p.bytes)
    }

    public static func str(_ o: Obj) throws(PyExc) -> Obj {
        if Str.isStr(o) && (o.isQstr || typeOf(o) == Types.str) { return o }
        var p = Printer()
        try write(o, &p, .str)
        return try Str.make(bytes: p.bytes)
    }

    public static func reprString(_ o: Obj) throws(PyExc) -> String {
        var p = Printer()
        try write(o, &p, .repr)
        return String(decoding: p.bytes, as: UTF8.self)
    }

    public static func strString(_ o: Obj) throws(PyExc) -> String {
        var p = Printer()
        try write(o, &p, .str)
        return String(decoding: p.bytes, as: UTF8.self)
    }

    public static func write(_ o: Obj, _ p: inout Printer, _ kind: PrintKind) throws(PyExc) {
        if o.isSmallInt { p.write(String(o.smallValue)); return }
        if o.isQstr {
            if kind == .repr { writeStrRepr(Str.buffer(o), &p) } else { p.write(Str.buffer(o)) }
            return
        }
        // The text is built outside the heap: bound it (a list holding one big str many times).
        if p.bytes.count > Printer.limit { throw PyExc(Heap.memoryError) }
        let k = kindOf(o)
        if k == .list || k == .tuple || k == .dict || k == .set || k == .frozenset {
            let cost = try VM.enterNested(k == .dict ? 80 : 48)
            defer { VM.leave(cost) }
            try writeObject(o, k, &p, kind)
        } else {
            try writeObject(o, k, &p, kind)
        }
    }

    static func writeObject(_ o: Obj, _ k: Kind, _ p: inout Printer, _ kind: PrintKind) throws(PyExc) {
        switch k {
        case .noneType: p.write("None")
        case .bool: p.write(o == .true ? "True" : "False")
        case .ellipsis: p.write("Ellipsis")
        case .notImplemented: p.write("NotImplemented")
        case .int: p.write(IntOps.string(o))
        case .float: p.write(FloatFormat.repr(Float.value(o)))
        case .complex: Complex.write(o, &p)
        case .str:
            if kind == .repr { writeStrRepr(Str.buffer(o), &p) } else { p.write(Str.buffer(o)) }
        case .bytes: writeBytesRepr(Str.buffer(o), &p)
        case .bytearray:
            p.write("bytearray(")
            let (b, n) = BytesMethods.data(o)
            writeBytesRepr(UnsafeBufferPointer(start: b, count: n), &p)
            p.write(")")
        case .list:
            p.write("[")
            var i = 0
            while i < List.count(o) {
                if i > 0 { p.write(", ") }
                try write(List.item(o, i), &p, .repr)
                i += 1
            }
            p.write("]")
        case .tuple where typeOf(o) != Types.tuple && Classes.lookup(typeOf(o), .__repr__) != nil:
            p.write(Str.buffer(try invoke(Classes.lookup(typeOf(o), .__repr__)!, o)))
        case .tuple:
            p.write("(")
            let n = Tuple.count(o)
            for i in 0..<n {
                if i > 0 { p.write(", ") }
                try write(Tuple.item(o, i), &p, .repr)
            }
            if n == 1 { p.write(",") }
            p.write(")")
        case .dict where typeOf(o) != Types.dict && Classes.lookup(typeOf(o), .__repr__) != nil:
            p.write(Str.buffer(try invoke(Classes.lookup(typeOf(o), .__repr__)!, o)))
        case .dict:
            p.write("{")
            var i = 0
            var first = true
            let m = Dict.map(o)
            while let s = m.next(from: &i) {
                if !first { p.write(", ") }
                first = false
                try write(s[0], &p, .repr)
                p.write(": ")
                try write(s[1], &p, .repr)
            }
            p.write("}")
        case .set, .frozenset:
            let isFrozen = kindOf(o) == .frozenset
            if SetObj.count(o) == 0 { p.write(isFrozen ? "frozenset()" : "set()"); return }
            if isFrozen { p.write("frozenset(") }
            p.write("{")
            var first = true
            let t = SetObj.table(o)
            for i in 0..<SetObj.alloc(o) where !t[i].isNull && t[i] != .sentinel {
                if !first { p.write(", ") }
                first = false
                try write(t[i], &p, .repr)
            }
            p.write("}")
            if isFrozen { p.write(")") }
        case .range:
            // Large bounds are boxed ints: their values, never their words.
            let (a, b, s) = Range.parts(o)
            p.write("range(\(a), \(b)")
            if s != 1 { p.write(", \(s)") }
            p.write(")")
        case .slice:
            p.write("slice(")
            try write(field(o, 1), &p, .repr); p.write(", ")
            try write(field(o, 2), &p, .repr); p.write(", ")
            try write(field(o, 3), &p, .repr); p.write(")")
        case .type:
            if TypeObject.isUserClass(o) {
                p.write("<class '\(TypeObject.name(o).string)'>")
            } else {
                p.write("<class '\(TypeObject.name(o).string)'>")
            }
        case .function, .closure:
            if Function.isNameless(o) { p.write("<function>"); break }
            p.write("<function \(Function.name(o).string) at 0x\(String(o.raw, radix: 16))>")
        case .builtinFunction, .checkedFunction:
            p.write("<function>")
        case .boundMethod:
            // The detailed build prints the method and its object; the others have no print slot.
            guard MicroPythonRuntime.port.detailedErrors else { p.write("<bound_method>"); break }
            p.write("<bound_method \(String(o.raw, radix: 16)) ")
            try write(field(o, 2), &p, .repr)
            p.write(".")
            try write(field(o, 1), &p, .repr)
            p.write(">")
        case .generator:
            p.write("<generator object '\(Function.name(Obj(raw: Generator.frame(o)[0])).string)' at \(String(o.raw, radix: 16))>")
        case .module:
            let n = (try Dict.get(Module.globals(o), Obj(qstr: .__name__))) ?? .none
            p.write("<module '\(Str.isStr(n) ? Str.string(n) : "?")'")
            // A module imported from a file says which (where modules get a __file__).
            if let f = try Dict.get(Module.globals(o), Obj(qstr: .__file__)), Str.isStr(f) {
                p.write(" from '\(Str.string(f))'")
            }
            p.write(">")
        case .cell: p.write("<cell>")
        case .exception:
            try writeException(o, TypeObject.name(typeOf(o)).string, &p, kind)
        case .iterator:
            switch Iteration.kind(o) {
            case .keysView, .valuesView, .itemsView:
                let names = ["dict_keys", "dict_values", "dict_items"]
                p.write(names[Iteration.kind(o).rawValue - IterKind.keysView.rawValue] + "([")
                let it = try getIter(o)
                var first = true
                while true {
                    let v = try iterNext(it)
                    if v.isNull { break }
                    if !first { p.write(", ") }
                    first = false
                    try write(v, &p, .repr)
                }
                p.write("])")
            default:
                // No print slot in the C types: "<%q>" of the type's name.
                p.write("<\(TypeObject.name(typeOf(o)).string)>")
            }
        case .instance:
            let t = typeOf(o)
            if kind != .repr, let m = Classes.lookup(t, .__str__), kindOf(m) != .builtinFunction {
                let s = try invokeMethod(m, o)
                guard Str.isStr(s) else { throw PyExc.typeError("__str__ returned non-string (type \(typeName(s)))") }
                p.write(Str.buffer(s))
                return
            }
            // str() without a __str__ falls back to __repr__ only over object: a native base
            // (int, list, an exception...) prints itself first, as C's print slot lookup does.
            let nativePrints = Classes.hasNativePart(t) || TypeObject.flags(t) & TypeFlags.exception != 0
            if kind != .str || !nativePrints, let m = Classes.lookup(t, .__repr__), kindOf(m) != .builtinFunction {
                let s = try invokeMethod(m, o)
                guard Str.isStr(s) else { throw PyExc.typeError("__repr__ returned non-string (type \(typeName(s)))") }
                p.write(Str.buffer(s))
                return
            }
            if TypeObject.flags(t) & TypeFlags.exception != 0 {
                try writeException(o, TypeObject.name(t).string, &p, kind)
                return
            }
            let native = Classes.nativePart(o)
            if !native.isNull && NativeSlots.hasPrint(native) { try write(native, &p, kind); return }
            p.write("<\(TypeObject.name(t).string) object at \(String(o.raw, radix: 16))>")
        case .nativeObject:
            let t = typeOf(o)
            func own(_ name: Qstr) -> Obj? { Classes.lookup(t, name) }
            if let m = (kind == .repr ? own(.__repr__) : own(.__str__)) ?? own(.__repr__) {
                let s = try invokeMethod(m, o)
                p.write(Str.buffer(s))
                return
            }
            // A C type without a print slot of its own prints "<%q>" of its name (deque, poll).
            p.write("<\(TypeObject.name(t).string)>")
        case .superObj:
            p.write("<super: ")
            try write(field(o, 1), &p, .repr)
            p.write(", ")
            try write(field(o, 2), &p, .repr)
            p.write(">")
        case .property: p.write("<property>")
        case .classMethod: p.write("<classmethod>")
        case .staticMethod: p.write("<staticmethod>")
        case .memoryview: p.write("<memoryview>")
        // object has no print slot in C: "<%q>" of its name.
        case .object: p.write("<object>")
        default:
            p.write("<\(typeName(o)) object at \(String(o.raw, radix: 16))>")
        }
    }

    static func writeException(_ o: Obj, _ name: String, _ p: inout Printer, _ kind: PrintKind) throws(PyExc) {
        let args = Exceptions.args(o)
        if kind == .repr || kind == .exc { p.write(name) }
        if kind == .exc { p.write(": ") }
        if kind == .str || kind == .exc {
            let n = args.isNull ? 0 : Tuple.count(args)
            if n == 0 { return }
            if isInstance(o, Exceptions.OSError) && n < 3 && Tuple.item(args, 0).isSmallInt,
               let text = Errno.name(Tuple.item(args, 0).smallValue) {
                p.write("[Errno \(Tuple.item(args, 0).smallValue)] \(text)")
                if n > 1 { p.write(": "); try write(Tuple.item(args, 1), &p, .str) }
                return
            }
            if n == 1 { try write(Tuple.item(args, 0), &p, .str); return }
        }
        try write(args.isNull ? Tuple.empty : args, &p, .repr)
    }

    static func writeStrRepr(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Printer) { writeQuoted(b, &p, bytes: false) }
    static func writeBytesRepr(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Printer) { writeQuoted(b, &p, bytes: true) }

    /// repr of str (UTF-8 passes through) or bytes (b'' prefix, non-ASCII as \x escapes).
    static func writeQuoted(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Printer, bytes: Bool) {
        var hasSingle = false, hasDouble = false
        for c in b { if c == 0x27 { hasSingle = true } else if c == 0x22 { hasDouble = true } }
        let quote: UInt8 = hasSingle && !hasDouble ? 0x22 : 0x27
        if bytes { p.byte(0x62) }
        p.byte(quote)
        var i = 0
        while i < b.count {
            let c = b[i]
            i += 1
            switch c {
            case quote: p.byte(0x5C); p.byte(c)
            case 0x5C: p.write("\\\\")
            case 0x0A: p.write("\\n")
            case 0x0D: p.write("\\r")
            case 0x09: p.write("\\t")
            case 0..<0x20, 0x7F: p.write("\\x" + hex2(c))
            case 0x80...0xFF where bytes: p.write("\\x" + hex2(c))
            case 0xC0...0xFF: i = writeQuotedSequence(b, i - 1, &p)
            default: p.byte(c)
            }
        }
        p.byte(quote)
    }

    /// A str's multi-byte character at `start` in a repr: surrogates and code points past
    /// U+10FFFF (which a decoded str may hold) are escaped, the rest pass through. Returns the
    /// index after the sequence.
    static func writeQuotedSequence(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ p: inout Printer) -> Int {
        let lead = b[start]
        let extra = lead >= 0xF0 ? 3 : (lead >= 0xE0 ? 2 : 1)
        var cp = UInt32(lead) & (0x3F >> UInt32(extra))
        var i = start + 1
        while i < b.count && i <= start + extra && b[i] & 0xC0 == 0x80 {
            cp = cp << 6 | UInt32(b[i] & 0x3F)
            i += 1
        }
        if cp >= surrogateFirst && cp <= surrogateLast {
            p.write("\\u" + hexDigits(cp, 4))
        } else if cp > maxCodePoint {
            p.write("\\U" + hexDigits(cp, 8))
        } else {
            for k in start..<i { p.byte(b[k]) }
        }
        return i
    }

    static let surrogateFirst: UInt32 = 0xD800, surrogateLast: UInt32 = 0xDFFF, maxCodePoint: UInt32 = 0x10FFFF

    static func hexDigits(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }

    static func hex2(_ c: UInt8) -> String {
        let d = Array("0123456789abcdef".utf8)
        return String(decoding: [d[Int(c >> 4)], d[Int(c & 15)]], as: UTF8.self)
    }
}

/// repr() and str() of a float as MicroPython prints them: the fewest digits (up to the
/// float's precision) that read back, exponent form from 1e16 and below 1e-4, ".0" on
/// integral values.
public enum FloatFormat {
    public static func repr(_ d: Double) -> String {
        var t = FloatText.format(d, UInt8(ascii: "g"), FloatText.reprPrecision, 0, model: Float.model)
        if !t.contains(UInt8(ascii: ".")) && !t.contains(UInt8(ascii: "e")) && !t.contains(UInt8(ascii: "n")) {
            t += [UInt8(ascii: "."), UInt8(ascii: "0")]
        }
        return String(decoding: t, as: UTF8.self)
    }
}
