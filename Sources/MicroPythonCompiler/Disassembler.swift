/// A small disassembler for debugging and tests: one line per opcode, nested raw codes indented.
public func disassemble(_ module: CompiledModule) -> String {
    var out = ""
    disassemble(module.root, module, indent: "", into: &out)
    return out
}

private func disassemble(_ rc: RawCode, _ m: CompiledModule, indent: String, into out: inout String) {
    let d = rc.data
    var p = 0
    func byte() -> Int { defer { p += 1 }; return p < d.count ? Int(d[p]) : 0 }
    func uint() -> Int {
        var v = 0
        while p < d.count {
            let b = byte()
            v = (v << 7) | (b & 0x7f)
            if b & 0x80 == 0 { break }
        }
        return v
    }
    func qstr(_ i: Int) -> String { return i < m.qstrs.count ? m.qstrs[i] : "?\(i)" }
    // signature
    var z = byte()
    var s = (z >> 3) & 0xf, e = (z >> 2) & 1, a = z & 3, f = 0, k = 0, dd = 0
    var n = 0
    while z & 0x80 != 0 {
        z = byte()
        f |= ((z >> 6) & 1) << n
        s |= ((z >> 4) & 3) << (4 + 2 * n)
        k |= ((z >> 3) & 1) << n
        a |= ((z >> 2) & 1) << (2 + n)
        e |= ((z >> 1) & 1) << (1 + n)
        dd |= (z & 1) << n
        n += 1
    }
    var nInfo = 0, nCell = 0
    n = 0
    repeat {
        z = byte()
        nInfo |= ((z >> 1) & 0x3f) << (6 * n)
        nCell |= (z & 1) << n
        n += 1
    } while z & 0x80 != 0
    let infoStart = p
    let name = qstr(uint())
    var argNames: [String] = []
    for _ in 0..<(a + k) { argNames.append(qstr(uint())) }
    out += "\(indent)\(name)(\(argNames.joined(separator: ", "))) n_state=\(s + 1) n_exc=\(e) flags=\(f) pos=\(a) kwonly=\(k) def=\(dd)\n"
    p = infoStart + nInfo + nCell
    let codeStart = p
    while p < d.count {
        let off = p - codeStart
        let op = UInt8(byte())
        var text: String
        if op >= 0x70 && op < 0xb0 { text = "LOAD_CONST_SMALL_INT \(Int(op) - 0x80)" }
        else if op >= 0xb0 && op < 0xc0 { text = "LOAD_FAST \(op - 0xb0)" }
        else if op >= 0xc0 && op < 0xd0 { text = "STORE_FAST \(op - 0xc0)" }
        else if op >= 0xd0 && op < 0xd7 { text = "UNARY_OP \(op - 0xd0)" }
        else if op >= 0xd7 && op < 0xfa { text = "BINARY_OP \(op - 0xd7)" }
        else if let (nm, kind) = Op.table[op] {
            switch kind {
            case "q": text = "\(nm) \(qstr(uint()))"
            case "u": text = "\(nm) \(uint())"
            case "C": let c = uint(); text = "\(nm) \(c) n=\(byte())"
            case "s": text = "\(nm) \(signedVarint(byte))"
            case "S", "L", "W":
                var v = byte()
                if v & 0x80 != 0 { v = (v & 0x7f) | (byte() << 7); if kind != "L" { v -= 0x4000 } }
                else if kind != "L" { v -= 0x40 }
                text = "\(nm) \(p - codeStart + v)"
                if kind == "W" { text += " depth=\(byte())" }
            default: text = nm
            }
        } else {
            text = "UNKNOWN \(op)"
        }
        out += "\(indent)  \(off): \(text)\n"
    }
    for c in rc.children { disassemble(c, m, indent: indent + "    ", into: &out) }
}

/// A signed varint of the bytecode (LOAD_CONST_SMALL_INT's argument): 7 bits a byte, most
/// significant first, bit 6 of the first byte the sign.
func signedVarint(_ byte: () -> Int) -> Int {
    var b = byte()
    var v = b & 0x40 != 0 ? -1 : 0
    while true {
        v = (v << 7) | (b & 0x7f)
        if b & 0x80 == 0 { return v }
        b = byte()
    }
}
