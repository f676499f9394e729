/// .mpy v6 reader and writer (§3.1–3.4).
public struct MpyError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

public func writeMpy(_ module: CompiledModule) -> [UInt8] {
    var out: [UInt8] = [0x4d, 6, 0, 31]
    encodeUInt(module.qstrs.count, into: &out)
    encodeUInt(module.objects.count, into: &out)
    for q in module.qstrs {
        if let i = staticQstrIndex[q] {
            encodeUInt(i << 1 | 1, into: &out)
        } else {
            let b = Array(q.utf8)
            encodeUInt(b.count << 1, into: &out)
            out += b
            out.append(0)
        }
    }
    for o in module.objects { writeConst(o, &out) }
    writeRawCode(module.root, &out)
    return out
}

private func writeConst(_ c: Constant, _ out: inout [UInt8]) {
    func text(_ t: UInt8, _ s: [UInt8], nul: Bool) {
        out.append(t)
        encodeUInt(s.count, into: &out)
        out += s
        if nul { out.append(0) }
    }
    switch c {
    case .functionTable: out.append(0)
    case .none: out.append(1)
    case .false: out.append(2)
    case .true: out.append(3)
    case .ellipsis: out.append(4)
    case .str(let s): text(5, Array(s.utf8), nul: true)
    case .bytes(let b): text(6, b, nul: true)
    case .int(let s): text(7, Array(s.utf8), nul: false)
    case .float(let s): text(8, Array(s.utf8), nul: false)
    case .complex(let s): text(9, Array(s.utf8), nul: false)
    case .tuple(let items):
        out.append(10)
        encodeUInt(items.count, into: &out)
        for i in items { writeConst(i, &out) }
    }
}

private func writeRawCode(_ rc: RawCode, _ out: inout [UInt8]) {
    let hasChildren = rc.children.isEmpty ? 0 : 1
    encodeUInt(rc.data.count << 3 | hasChildren << 2 | Int(rc.kind), into: &out)
    out += rc.data
    if hasChildren != 0 {
        encodeUInt(rc.children.count, into: &out)
        for c in rc.children { writeRawCode(c, &out) }
    }
}

/// Reads a .mpy file. Its float constants are text, read as the target reads them
/// (`floatModel`: MicroPython's parser in that precision); the constants keep the value.
/// `nativeArch` is the machine code architecture the runtime runs (0: none): a file holding
/// code for another is refused with MicroPython's words.
public func readMpy(_ bytes: [UInt8], floatModel: FloatText.Model = .double, nativeArch: UInt8 = 0) throws(MpyError) -> CompiledModule {
    var r = MpyReader(b: bytes, floatModel: floatModel, nativeArch: nativeArch)
    return try r.module()
}

/// The qstr a .mpy file names by number `i` (1-based: MicroPython's static qstrs), if any.
public func mpyStaticQstr(_ i: Int) -> String? {
    i >= 1 && i <= staticQstrs.count ? staticQstrs[i - 1] : nil
}
public var mpyStaticQstrCount: Int { staticQstrs.count }
/// The number a .mpy file gives `name` when it is one of MicroPython's static qstrs.
public func mpyStaticQstrIndex(_ name: String) -> Int? { staticQstrIndex[name] }

/// Scope flags of viper code built from C (a native module): relocations, read-only data, BSS.
let viperRelocFlag = 0x10, viperRodataFlag = 0x20, viperBssFlag = 0x40

struct MpyReader {
    let b: [UInt8]
    let floatModel: FloatText.Model
    let nativeArch: UInt8
    var p = 0

    mutating func byte() throws(MpyError) -> UInt8 {
        guard p < b.count else { throw MpyError("incompatible .mpy file") }
        p += 1
        return b[p - 1]
    }

    mutating func uint() throws(MpyError) -> Int {
        var v = 0
        for _ in 0..<10 {
            let c = try byte()
            v = (v << 7) | Int(c & 0x7f)
            if c & 0x80 == 0 { return v }
        }
        throw MpyError("incompatible .mpy file")
    }

    mutating func take(_ n: Int) throws(MpyError) -> [UInt8] {
        guard n >= 0, p + n <= b.count else { throw MpyError("incompatible .mpy file") }
        p += n
        return Array(b[(p - n)..<p])
    }

    mutating func module() throws(MpyError) -> CompiledModule {
        guard b.count >= 4, b[0] == 0x4d, b[1] == 6 else { throw MpyError("incompatible .mpy file") }
        let arch = (b[2] >> 2) & 0xf
        if arch != 0 && b[2] & 3 != 3 { throw MpyError("incompatible .mpy file") }
        if b[3] > 31 { throw MpyError("incompatible .mpy file") }
        if arch != 0 && arch != nativeArch {
            throw MpyError(nativeArch == 0 ? "native code in .mpy unsupported" : "incompatible .mpy arch")
        }
        if b[2] & 0x40 != 0 { throw MpyError("incompatible .mpy file") }
        p = 4
        let nq = try uint(), no = try uint()
        var qstrs: [String] = []
        for _ in 0..<nq {
            let x = try uint()
            if x & 1 == 1 {
                let i = x >> 1
                guard i >= 1 && i <= staticQstrs.count else { throw MpyError("incompatible .mpy file") }
                qstrs.append(staticQstrs[i - 1])
            } else {
                let s = try take(x >> 1)
                _ = try byte()
                qstrs.append(String(decoding: s, as: UTF8.self))
            }
        }
        var objs: [Constant] = []
        for _ in 0..<no { objs.append(try const(0)) }
        let root = try rawCode(0)
        try BytecodeCheck.check(root, file: BytecodeCheck.File(qstrCount: qstrs.count, objectCount: objs.count,
                                                               baseException: qstrs.firstIndex(of: "BaseException") ?? -1))
        return CompiledModule(qstrs: qstrs, objects: objs, root: root)
    }

    mutating func const(_ depth: Int) throws(MpyError) -> Constant {
        if depth > 64 { throw MpyError("incompatible .mpy file") }
        let t = try byte()
        switch t {
        case 0 where nativeArch != 0: return .functionTable
        case 1: return .none
        case 2: return .false
        case 3: return .true
        case 4: return .ellipsis
        case 5, 6:
            let s = try take(try uint())
            _ = try byte()
            return t == 5 ? .str(String(decoding: s, as: UTF8.self)) : .bytes(s)
        case 7, 8, 9:
            let s = String(decoding: try take(try uint()), as: UTF8.self)
            if t == 8, let d = FloatText.parse(s, model: floatModel) { return .float(floatRepr(d)) }
            return t == 7 ? .int(s) : (t == 8 ? .float(s) : .complex(s))
        case 10:
            let n = try uint()
            var items: [Constant] = []
            for _ in 0..<n { items.append(try const(depth + 1)) }
            return .tuple(items)
        default:
            throw MpyError("incompatible .mpy file")
        }
    }

    mutating func rawCode(_ depth: Int) throws(MpyError) -> RawCode {
        if depth > 64 { throw MpyError("incompatible .mpy file") }
        let kl = try uint()
        let kind = UInt8(kl & 3)
        if kind != 0 && nativeArch == 0 { throw MpyError("incompatible .mpy file") }
        var rc = RawCode(kind: kind, data: try take(kl >> 3))
        if kind == RawCode.native {
            rc.preludeOffset = try uint()
            guard rc.preludeOffset < rc.data.count else { throw MpyError("incompatible .mpy file") }
        } else if kind != 0 {
            rc.scopeFlags = try uint()
            if kind == RawCode.asm {
                rc.asmArgs = try uint()
                rc.asmReturnType = try uint()
            } else {
                let rodataSize = rc.scopeFlags & viperRodataFlag != 0 ? try uint() : 0
                rc.bssSize = rc.scopeFlags & viperBssFlag != 0 ? try uint() : 0
                rc.rodata = try take(rodataSize)
            }
        }
        if kl & 4 != 0 {
            let n = try uint()
            for _ in 0..<n { rc.children.append(try rawCode(depth + 1)) }
        }
        if kind == RawCode.viper && rc.scopeFlags & viperRelocFlag != 0 { try relocations(&rc) }
        return rc
    }

    /// The relocation list after a native module's children (mp_native_relocate's format).
    mutating func relocations(_ rc: inout RawCode) throws(MpyError) {
        var inRodata = false, offset = -1
        while true {
            // The end of the file ends the list as 0xFF does (C's reader answers EOF as 0xFF).
            if p >= b.count { return }
            var op = Int(try byte())
            if op == 0xFF { return }
            if op & 1 != 0 {
                let a = try uint()
                inRodata = a & 1 != 0
                offset = a >> 1
            }
            guard offset >= 0 else { throw MpyError("incompatible .mpy file") }
            op >>= 1
            var count = 1
            let target: RawCode.Relocation.Target
            if op <= 5 {
                if op & 1 != 0 { count = try uint() }
                switch op >> 1 {
                case 0: target = .code
                case 1: target = .rodata
                default: target = .bss
                }
            } else if op == 6 {
                target = .qstrTable
            } else if op == 7 {
                target = .constantTable
            } else if op == 8 {
                target = .functionTable
            } else {
                target = .function(op - 9)
            }
            rc.relocations.append(RawCode.Relocation(inRodata: inRodata, wordOffset: offset, count: count, target: target))
            offset += count
        }
    }
}
