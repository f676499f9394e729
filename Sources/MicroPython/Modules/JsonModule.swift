import MicroPythonCompiler

/// json: dumps/dump with separators, loads/load (extmod/modjson.c). Objects without a JSON
/// form print as their repr, as MicroPython's PRINT_JSON does.
public enum JsonModule {
    static func writeString(_ s: UnsafeBufferPointer<UInt8>, _ p: inout Printer) {
        let hex = Array("0123456789abcdef".utf8)
        p.byte(0x22)
        for c in s {
            if c == 0x22 || c == 0x5C {
                p.byte(0x5C); p.byte(c)
            } else if c >= 32 {
                p.byte(c)
            } else if c == 0x0A {
                p.write("\\n")
            } else if c == 0x0D {
                p.write("\\r")
            } else if c == 0x09 {
                p.write("\\t")
            } else {
                p.write("\\u00"); p.byte(hex[Int(c >> 4)]); p.byte(hex[Int(c & 15)])
            }
        }
        p.byte(0x22)
    }

    static func write(_ o: Obj, _ p: inout Printer, _ itemSep: [UInt8], _ keySep: [UInt8]) throws(PyExc) {
        if o == .none { p.write("null"); return }
        if o == .true { p.write("true"); return }
        if o == .false { p.write("false"); return }
        // bytes are written as a JSON string too (MicroPython prints them with PRINT_JSON).
        if (Str.isStr(o) && kindOf(o) == .str) || kindOf(o) == .bytes { writeString(Str.buffer(o), &p); return }
        if p.bytes.count > Printer.limit { throw PyExc(Heap.memoryError) }
        let k = kindOf(o)
        guard k == .list || k == .tuple || k == .dict else { return try writeOther(o, k, &p, itemSep, keySep) }
        // Self-containing or deeply nested data: the recursion error, not a native overflow.
        let cost = try VM.enterNested(k == .dict ? 80 : 48)
        defer { VM.leave(cost) }
        try writeOther(o, k, &p, itemSep, keySep)
    }

    static func writeOther(_ o: Obj, _ k: Kind, _ p: inout Printer, _ itemSep: [UInt8], _ keySep: [UInt8]) throws(PyExc) {
        switch k {
        case .list, .tuple:
            let isList = kindOf(o) == .list
            p.byte(0x5B)
            var i = 0
            while i < (isList ? List.count(o) : Tuple.count(o)) {
                if i > 0 { p.bytes.append(contentsOf: itemSep) }
                try write(isList ? List.item(o, i) : Tuple.item(o, i), &p, itemSep, keySep)
                i += 1
            }
            p.byte(0x5D)
        case .dict:
            p.byte(0x7B)
            var i = 0
            var first = true
            let m = Dict.map(o)
            while let s = m.next(from: &i) {
                if !first { p.bytes.append(contentsOf: itemSep) }
                first = false
                let key = s[0]
                if Str.isStr(key) && kindOf(key) == .str {
                    writeString(Str.buffer(key), &p)
                } else if kindOf(key) == .bytes {
                    try write(key, &p, itemSep, keySep)
                } else {
                    p.byte(0x22)
                    try write(key, &p, itemSep, keySep)
                    p.byte(0x22)
                }
                p.bytes.append(contentsOf: keySep)
                try write(s[1], &p, itemSep, keySep)
            }
            p.byte(0x7D)
        default:
            try Runtime.write(o, &p, .repr)
        }
    }

    static func separators(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> ([UInt8], [UInt8]) {
        let kw = KwArgs(a, nPos, nKw)
        try kw.check([Qstr("separators")])
        guard let s = kw.get(Qstr("separators")), s != .none else { return (Array(", ".utf8), Array(": ".utf8)) }
        guard let (items, n) = ModSupport.items(s) else { throw PyExc.typeError("object '\(typeName(s))' isn't a tuple or list") }
        if n != 2 { throw PyExc.valueError("tuple/list has wrong length") }
        return (try ModSupport.str(items[0]), try ModSupport.str(items[1]))
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 9 && c <= 13) }

    /// The parser of modjson.c: a flat loop with an explicit stack (a list, kept on the VM stack).
    static func parse(_ s: [UInt8]) throws(PyExc) -> Obj {
        let fail = PyExc.valueError("syntax error in JSON")
        let roots = try PyStack.pushObjs(4); defer { PyStack.pop(to: roots) }
        // roots: 0 stack list, 1 stack top, 2 pending key, 3 next value
        roots[0] = try List.make(count: 0)
        var pos = 0
        func cur() -> UInt8 { pos < s.count ? s[pos] : 0 }
        loop: while true {
            if pos >= s.count { throw fail }
            var next = Obj.null
            var enter = false
            let c = s[pos]
            pos += 1
            switch c {
            case 0x2C, 0x3A, 0x20, 0x09, 0x0A, 0x0D: continue loop
            case 0x6E, 0x66, 0x74:  // null false true
                let word: [UInt8] = c == 0x6E ? Array("ull".utf8) : c == 0x66 ? Array("alse".utf8) : Array("rue".utf8)
                for w in word {
                    if cur() != w { throw fail }
                    pos += 1
                }
                next = c == 0x6E ? .none : Obj(bool: c == 0x74)
            case 0x22:
                var out: [UInt8] = []
                while pos < s.count && s[pos] != 0x22 {
                    var ch = s[pos]
                    if ch == 0x5C {
                        pos += 1
                        ch = cur()
                        switch ch {
                        case 0x62: ch = 0x08
                        case 0x66: ch = 0x0C
                        case 0x6E: ch = 0x0A
                        case 0x72: ch = 0x0D
                        case 0x74: ch = 0x09
                        case 0x75:
                            var num: UInt32 = 0
                            for _ in 0..<4 {
                                pos += 1
                                var d = (cur() | 0x20) &- 0x30
                                if d > 9 { d = d &- (0x61 - 0x3A) }
                                num = (num << 4) | UInt32(d & 0xFF)
                            }
                            let scalar = Unicode.Scalar(num) ?? Unicode.Scalar(0xFFFD)!
                            out.append(contentsOf: Array(String(Character(scalar)).utf8))
                            pos += 1
                            continue
                        default: break
                        }
                    }
                    out.append(ch)
                    pos += 1
                }
                if pos >= s.count { throw fail }
                pos += 1
                next = try Str.make(bytes: out)
            case 0x2D, 0x30...0x39:
                var flt = false
                var text: [UInt8] = [c]
                while true {
                    let d = cur()
                    if d == 0x2E || d == 0x45 || d == 0x65 {
                        flt = true
                    } else if d == 0x2B || d == 0x2D || (d >= 0x30 && d <= 0x39) {
                    } else {
                        break
                    }
                    text.append(d)
                    pos += 1
                }
                let str = String(decoding: text, as: UTF8.self)
                if flt {
                    guard let d = FloatText.parse(text, model: Float.model) else { throw PyExc.valueError("invalid syntax for number") }
                    next = try Float.make(d)
                } else {
                    guard let v = BigIntValue(str, radix: 10) else {
                        throw PyExc.valueError("invalid syntax for integer with base 10")
                    }
                    next = try IntOps.store(v)
                }
            case 0x5B:
                next = try List.make(count: 0); enter = true
            case 0x7B:
                next = try Dict.make(); enter = true
            case 0x7D, 0x5D:
                if roots[1].isNull { throw fail }
                let n = List.count(roots[0])
                if n == 0 { break loop }
                roots[1] = List.remove(at: n - 1, roots[0])
                continue loop
            default:
                throw fail
            }
            roots[3] = next
            if roots[1].isNull {
                roots[1] = next
                if !enter { break loop }
            } else {
                if kindOf(roots[1]) == .list {
                    try List.append(roots[1], next)
                } else if roots[2].isNull {
                    roots[2] = next
                    if enter { throw fail }
                } else {
                    try Dict.set(roots[1], roots[2], next)
                    roots[2] = .null
                }
                if enter {
                    try List.append(roots[0], roots[1])
                    roots[1] = next
                }
            }
        }
        while pos < s.count && isSpace(s[pos]) { pos += 1 }
        if pos < s.count || roots[1].isNull || List.count(roots[0]) != 0 { throw fail }
        return roots[1]
    }

    static func install() {
        let m = ModuleBuilder("json", extensible: true)
        // In the C module's table order (help() lists it).
        m.function("dump", 2, 2, kw: true) { (a, n, nKw) throws(PyExc) in
            let (itemSep, keySep) = try separators(a, n, nKw)
            var p = Printer()
            try write(a[0], &p, itemSep, keySep)
            let s = try Str.make(bytes: p.bytes)
            _ = try Runtime.callMethodByName(a[1], Qstr("write"), [s])
            return .none
        }
        m.function("dumps", 1, 1, kw: true) { (a, n, nKw) throws(PyExc) in
            let (itemSep, keySep) = try separators(a, n, nKw)
            var p = Printer()
            try write(a[0], &p, itemSep, keySep)
            return try Str.make(bytes: p.bytes)
        }
        m.function("load", 1, 1) { (a, _, _) throws(PyExc) in
            if IoModule.isUserStream(a[0]) {
                // Read through the stream protocol, a byte at a time as MicroPython's json.load.
                return try parse(try IoModule.readAll(userStream: a[0], chunk: 1))
            }
            let data = try Runtime.callMethodByName(a[0], Qstr("read"), [])
            return try parse(try ModSupport.readBuffer(data))
        }
        m.function("loads", 1, 1) { (a, _, _) throws(PyExc) in
            try parse(try ModSupport.readBuffer(a[0]))
        }
    }
}
