/// A module's bytecode listed as MicroPython's showbc prints it (the unix port's `-v -v`):
/// every raw code in compile order (the module, then each scope's children, level by level),
/// each with its raw bytes, prelude, line table and one line per opcode. Object addresses
/// are made up (MicroPython's tests mask them).
public func bytecodeListing(_ module: CompiledModule) -> String {
    var out = ""
    var queue = [module.root]
    var next = 0
    var serial = 0
    while next < queue.count {
        let rc = queue[next]
        next += 1
        serial += 1
        BytecodeListing(module: module, rc: rc, serial: serial).write(into: &out)
        queue += rc.children
    }
    return out
}

private struct BytecodeListing {
    let module: CompiledModule
    let rc: RawCode
    let serial: Int

    /// Method names of the unary and binary operators that have their own opcodes ("" where
    /// MicroPython's table has none).
    static let unaryNames = ["__pos__", "__neg__", "__invert__", ""]
    static let binaryNames = [
        "__lt__", "__gt__", "__eq__", "__le__", "__ge__", "__ne__", "", "", "",
        "__ior__", "__ixor__", "__iand__", "__ilshift__", "__irshift__", "__iadd__", "__isub__",
        "__imul__", "__imatmul__", "__ifloordiv__", "__itruediv__", "__imod__", "__ipow__",
        "__or__", "__xor__", "__and__", "__lshift__", "__rshift__", "__add__", "__sub__",
        "__mul__", "__matmul__", "__floordiv__", "__truediv__", "__mod__", "__pow__",
    ]

    func address(_ kind: Int, _ n: Int) -> String { "0x\(String(kind * 0x10000 + n * 0x40, radix: 16))" }

    func qstr(_ i: Int) -> String { i < module.qstrs.count ? module.qstrs[i] : "?" }

    func write(into out: inout String) {
        let d = rc.data
        var p = 0
        func byte() -> Int { listingByte(d, &p) }
        func uint() -> Int { listingUint(d, &p) }
        // Signature: state size, exception depth, argument counts (xSSSSEAA then xFSSKAED...).
        var z = byte()
        var nState = (z >> 3) & 0xf, nExc = (z >> 2) & 1, nPos = z & 3, nKwOnly = 0
        var n = 0
        while z & 0x80 != 0 {
            z = byte()
            nState |= (z & 0x30) << (2 * n)
            nExc |= (z & 0x02) << n
            nPos |= (z & 0x04) << n
            nKwOnly |= ((z & 0x08) >> 3) << n
            n += 1
        }
        nState += 1
        // Sizes of the source info and the closure info (xIIIIIIC...).
        var nInfo = 0, nCell = 0
        n = 0
        repeat {
            z = byte()
            nCell |= (z & 1) << n
            nInfo |= ((z & 0x7e) >> 1) << (6 * n)
            n += 1
        } while z & 0x80 != 0
        let infoStart = p
        let preludeSize = infoStart + nInfo + nCell
        let name = qstr(uint())

        out += "File \(qstr(0)), code block '\(name)' (descriptor: \(address(1, serial)), bytecode @\(address(2, serial)) \(d.count) bytes)\n"
        out += "Raw bytecode (code_info_size=\(preludeSize), bytecode_size=\(d.count - preludeSize)):\n"
        for (i, b) in d.enumerated() {
            if i > 0 && i % 16 == 0 { out += "\n" }
            out += " " + hex2(Int(b))
        }
        out += "\narg names:"
        for _ in 0..<(nPos + nKwOnly) { out += " " + qstr(uint()) }
        out += "\n(N_STATE \(nState))\n(N_EXC_STACK \(nExc))\n"
        let lineInfoStart = p
        let lineInfoEnd = infoStart + nInfo
        for i in 0..<nCell { out += "(INIT_CELL \(d[lineInfoEnd + i]))\n" }
        var bc = 0, line = 1
        out += "  bc=\(bc) line=\(line)\n"
        p = lineInfoStart
        while p < lineInfoEnd {
            let c = byte()
            if c & 0x80 == 0 {
                bc += c & 0x1f
                line += c >> 5
            } else {
                bc += c & 0xf
                line += ((c << 4) & 0x700) | byte()
            }
            out += "  bc=\(bc) line=\(line)\n"
        }
        p = preludeSize
        while p < d.count {
            let offset = p - preludeSize
            out += (offset < 10 ? "0" : "") + "\(offset) " + opcode(&p, codeStart: preludeSize) + "\n"
        }
    }

    func hex2(_ v: Int) -> String { (v < 16 ? "0" : "") + String(v, radix: 16) }

    /// One instruction at `p` (advanced past it) as showbc prints it.
    func opcode(_ p: inout Int, codeStart: Int) -> String {
        let d = rc.data
        func byte() -> Int { listingByte(d, &p) }
        func uint() -> Int { listingUint(d, &p) }
        func label(signed: Bool) -> Int {
            var v = byte()
            if v & 0x80 != 0 { v = (v & 0x7f) | (byte() << 7); if signed { v -= 0x4000 } }
            else if signed { v -= 0x40 }
            return p - codeStart + v
        }
        let op = UInt8(byte())
        if op >= Op.loadConstSmallIntMulti && op < Op.loadConstSmallIntMulti + 64 { return "LOAD_CONST_SMALL_INT \(Int(op) - Int(Op.loadConstSmallIntMulti) - 16)" }
        if op >= Op.loadFastMulti && op < Op.loadFastMulti + 16 { return "LOAD_FAST \(op - Op.loadFastMulti)" }
        if op >= Op.storeFastMulti && op < Op.storeFastMulti + 16 { return "STORE_FAST \(op - Op.storeFastMulti)" }
        if op >= Op.unaryOpMulti && op < Op.unaryOpMulti + UInt8(Self.unaryNames.count) {
            let k = Int(op - Op.unaryOpMulti)
            return "UNARY_OP \(k) \(Self.unaryNames[k])"
        }
        if op >= Op.binaryOpMulti && op < Op.binaryOpMulti + UInt8(Self.binaryNames.count) {
            let k = Int(op - Op.binaryOpMulti)
            return "BINARY_OP \(k) \(Self.binaryNames[k])"
        }
        guard let (name, kind) = Op.table[op] else { return "code \(address(3, p)), byte code 0x\(hex2(Int(op))) not implemented" }
        switch name {
        case "LOAD_CONST_STRING", "IMPORT_NAME", "IMPORT_FROM": return "\(name) '\(qstr(uint()))'"
        case "LOAD_CONST_OBJ":
            let i = uint()
            return "\(name) \(address(4, i))=" + (i < module.objects.count ? repr(module.objects[i]) : "?")
        case "MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS": return "\(name) \(address(1, uint() + 1000))"
        case "MAKE_CLOSURE", "MAKE_CLOSURE_DEFARGS":
            let child = uint()
            return "\(name) \(address(1, child + 1000)) \(byte())"
        case "CALL_FUNCTION", "CALL_FUNCTION_VAR_KW", "CALL_METHOD", "CALL_METHOD_VAR_KW":
            let v = uint()
            return "\(name) n=\(v & 0xff) nkw=\((v >> 8) & 0xff)"
        case "UNWIND_JUMP":
            let target = label(signed: true)
            return "\(name) \(target) \(byte())"
        default: break
        }
        switch kind {
        case "q": return "\(name) \(qstr(uint()))"
        case "u": return "\(name) \(uint())"
        case "s": return "\(name) \(signedVarint(byte))"
        case "S": return "\(name) \(label(signed: true))"
        case "L": return "\(name) \(label(signed: false))"
        default: return name
        }
    }

    /// The constant as Python's repr shows it.
    func repr(_ c: Constant) -> String {
        switch c {
        case .none: return "None"
        case .false: return "False"
        case .true: return "True"
        case .ellipsis: return "Ellipsis"
        case .functionTable: return "<function table>"
        case .str(let s): return quoted(Array(s.utf8), prefix: "")
        case .bytes(let b): return quoted(b, prefix: "b")
        case .int(let s), .float(let s): return s
        case .complex(let s): return s
        case .tuple(let items):
            let inner = items.map(repr).joined(separator: ", ")
            return items.count == 1 ? "(\(inner),)" : "(\(inner))"
        }
    }

    func quoted(_ b: [UInt8], prefix: String) -> String {
        let single = UInt8(ascii: "'"), double = UInt8(ascii: "\"")
        let quote = b.contains(single) && !b.contains(double) ? double : single
        var out: [UInt8] = Array(prefix.utf8) + [quote]
        for c in b {
            switch c {
            case quote, UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), c]
            case UInt8(ascii: "\n"): out += Array("\\n".utf8)
            case UInt8(ascii: "\r"): out += Array("\\r".utf8)
            case UInt8(ascii: "\t"): out += Array("\\t".utf8)
            case 0..<0x20, 0x7f: out += Array("\\x\(hex2(Int(c)))".utf8)
            case 0x80...0xff where !prefix.isEmpty: out += Array("\\x\(hex2(Int(c)))".utf8)
            default: out.append(c)
            }
        }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }
}

/// The byte at `p` (0 past the end), advancing `p`.
private func listingByte(_ d: [UInt8], _ p: inout Int) -> Int {
    defer { p += 1 }
    return p < d.count ? Int(d[p]) : 0
}

/// An unsigned varint at `p` (7 bits a byte, most significant first), advancing `p`.
private func listingUint(_ d: [UInt8], _ p: inout Int) -> Int {
    var v = 0
    while true {
        let b = listingByte(d, &p)
        v = (v << 7) | (b & 0x7f)
        if b & 0x80 == 0 || p >= d.count { return v }
    }
}
