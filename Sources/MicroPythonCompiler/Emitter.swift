/// Bytecode emitter for one scope and one pass: encodes opcodes and operands, resolves labels
/// (jump sizes shrink across passes exactly like mpy-cross), tracks stack depth and writes
/// the prelude and line-number table.
enum Pass: Int, Comparable {
    case scope = 1, stackSize, codeSize, emit
    static func < (a: Pass, b: Pass) -> Bool { return a.rawValue < b.rawValue }
}

/// The per-module qstr and constant tables, filled in first-use order.
final class ModuleTables {
    static func containsNaN(_ c: Constant) -> Bool {
        switch c {
        case .float(let s), .complex(let s): return s.contains("nan")
        case .tuple(let items): return items.contains { containsNaN($0) }
        default: return false
        }
    }

    var qstrs: [String] = []
    var qstrIndex: [String: Int] = [:]
    var objects: [Constant] = []

    func useQstr(_ s: String) -> Int {
        if let i = qstrIndex[s] { return i }
        qstrs.append(s)
        qstrIndex[s] = qstrs.count - 1
        return qstrs.count - 1
    }

    /// nan constants are compared by identity of the parse node that made them, as mpy-cross
    /// compares its constant objects (nan never equals itself).
    var nanEntries: [ObjectIdentifier: Int] = [:]

    func useConst(_ c: Constant, node: AnyObject?) -> Int {
        guard let n = node, ModuleTables.containsNaN(c) else { return useConst(c) }
        if let i = nanEntries[ObjectIdentifier(n)] { return i }
        objects.append(c)
        nanEntries[ObjectIdentifier(n)] = objects.count - 1
        return objects.count - 1
    }

    func useConst(_ c: Constant) -> Int {
        // nan is never equal to anything, so every nan constant gets its own entry (as in mpy-cross)
        if let i = objects.firstIndex(where: { $0 == c && !ModuleTables.containsNaN(c) }) { return i }
        objects.append(c)
        return objects.count - 1
    }
}

final class Emitter {
    let pass: Pass
    let scope: Scope
    let tables: ModuleTables
    let keepLines: Bool
    var ci: [UInt8] = []
    var bc: [UInt8] = []
    var suppress = false
    /// A jump offset did not fit its 15-bit encoding in the emit pass.
    var overflow = false
    var stack = 0
    var lastLine = 1
    var lastLineOffset = 0
    var nInfoStart = 0
    var childCount = 0
    /// Set while compiling a viper function (passes after the scope pass).
    var viper: ViperTyper?

    init(pass: Pass, scope: Scope, tables: ModuleTables, keepLines: Bool) {
        self.pass = pass
        self.scope = scope
        self.tables = tables
        self.keepLines = keepLines
    }

    // MARK: prelude

    func start() {
        var nState = scope.numLocals + scope.stackSize
        if nState == 0 { nState = 1 }
        encodeSignature(nState: nState)
        if pass >= .codeSize {
            var i = scope.nInfo, c = scope.nCell
            repeat {
                var z = UInt8((i & 0x3f) << 1 | (c & 1))
                c >>= 1
                i >>= 6
                if c | i != 0 { z |= 0x80 }
                ci.append(z)
            } while c | i != 0
        }
        nInfoStart = ci.count
        encodeUInt(tables.useQstr(scope.simpleName), into: &ci)
        for i in 0..<(scope.numPosArgs + scope.numKwOnlyArgs) {
            var name = "*"
            for id in scope.ids where id.isParam && id.localNum == i {
                name = id.name
                break
            }
            encodeUInt(tables.useQstr(name), into: &ci)
        }
    }

    private func encodeSignature(nState: Int) {
        var s = nState - 1
        var e = scope.excStackSize
        var f = scope.flags & 0x0f
        var a = scope.numPosArgs
        var k = scope.numKwOnlyArgs
        var d = scope.numDefPosArgs
        var z = UInt8((s & 0xf) << 3 | (e & 1) << 2 | (a & 3))
        s >>= 4; e >>= 1; a >>= 2
        while s | e | f | a | k | d != 0 {
            ci.append(0x80 | z)
            z = UInt8((f & 1) << 6 | (s & 3) << 4 | (k & 1) << 3 | (a & 1) << 2 | (e & 1) << 1 | (d & 1))
            s >>= 2; e >>= 1; f >>= 1; a >>= 1; k >>= 1; d >>= 1
        }
        ci.append(z)
    }

    /// Finishes the pass; returns false when another emit pass is needed.
    func end() -> Bool {
        if pass == .scope { return true }
        let nInfo = ci.count - nInfoStart
        var nCell = 0
        for id in scope.ids where id.kind == .cell {
            ci.append(UInt8(truncatingIfNeeded: id.localNum))
            nCell += 1
        }
        scope.nInfo = nInfo
        scope.nCell = nCell
        if pass == .codeSize {
            scope.codeInfoSize = ci.count
            scope.bytecodeSize = bc.count
        } else if pass == .emit {
            if ci.count != scope.codeInfoSize || bc.count != scope.bytecodeSize {
                scope.codeInfoSize = ci.count
                scope.bytecodeSize = bc.count
                return false
            }
            scope.data = ci + bc
        }
        return true
    }

    // MARK: low level

    func adjust(_ delta: Int) {
        if pass == .scope { return }
        stack += delta
        if stack > scope.stackSize { scope.stackSize = stack }
    }

    func raw(_ b: UInt8) {
        if suppress { return }
        bc.append(b)
    }

    func op(_ b: UInt8, _ delta: Int) {
        if let v = viper, viperOp(v, b, 0, delta) { return }
        adjust(delta)
        raw(b)
    }

    func opUInt(_ b: UInt8, _ delta: Int, _ v: Int) {
        if let vt = viper, viperOp(vt, b, v, delta) { return }
        adjust(delta)
        if suppress { return }
        bc.append(b)
        encodeUInt(v, into: &bc)
    }

    /// Writes an instruction without typing it (viper's own code).
    func emitRaw(_ b: UInt8) { raw(b) }

    func emitRawUInt(_ b: UInt8, _ v: Int) {
        if suppress { return }
        bc.append(b)
        encodeUInt(v, into: &bc)
    }

    func opQstr(_ b: UInt8, _ delta: Int, _ s: String) {
        opUInt(b, delta, tables.useQstr(s))
    }

    func opLabel(_ b: UInt8, _ delta: Int, _ label: Int) {
        if let v = viper { _ = viperOp(v, b, 0, delta) }
        adjust(delta)
        if suppress { return }
        let signed = b <= Op.popJumpIfFalse
        var twoByte = true
        var off = 0
        if pass >= .codeSize {
            off = labelOffset(label) - bc.count - 2
            if (signed && off >= -64 && off <= 63) || (!signed && off >= 0 && off <= 127) {
                twoByte = false
            }
            if twoByte { off -= 1 }
        }
        bc.append(b)
        if !twoByte {
            bc.append(UInt8(truncatingIfNeeded: signed ? off + 0x40 : off))
        } else {
            let v = signed ? off + 0x4000 : off
            if pass == .emit && !(v >= 0 && v <= maxJumpOffset) { overflow = true }
            bc.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x7f)))
            bc.append(UInt8(truncatingIfNeeded: v >> 7))
        }
    }

    /// The largest (biased) jump offset a two-byte label operand holds.
    let maxJumpOffset = 0x7fff

    func labelOffset(_ l: Int) -> Int {
        return l < scope.labelOffsets.count ? scope.labelOffsets[l] : 0
    }

    func assignLabel(_ l: Int) {
        suppress = false
        if pass == .scope { return }
        while scope.labelOffsets.count <= l { scope.labelOffsets.append(0) }
        scope.labelOffsets[l] = bc.count
    }

    func setLine(_ line: Int) {
        if !keepLines { return }
        if line > lastLine {
            var bytes = bc.count - lastLineOffset
            var lines = line - lastLine
            while bytes > 0 || lines > 0 {
                if lines <= 6 || bytes > 0xf {
                    let b = min(bytes, 0x1f)
                    let l = b < bytes ? 0 : min(lines, 3)
                    ci.append(UInt8(b | (l << 5)))
                    bytes -= b; lines -= l
                } else {
                    let b = min(bytes, 0xf)
                    let l = min(lines, 0x7ff)
                    ci.append(UInt8(0x80 | b | ((l >> 4) & 0x70)))
                    ci.append(UInt8(l & 0xff))
                    bytes -= b; lines -= l
                }
            }
            lastLineOffset = bc.count
            lastLine = line
        }
    }

    // MARK: opcodes with special encodings

    func loadSmallInt(_ v: Int) {
        if v >= -16 && v < 48 {
            op(UInt8(0x80 + v), 1)
        } else {
            if let vt = viper { _ = viperOp(vt, Op.loadConstSmallInt, v, 1) }
            adjust(1)
            if suppress { return }
            bc.append(Op.loadConstSmallInt)
            encodeSInt(v, into: &bc)
        }
    }

    func loadConstObj(_ c: Constant, node: AnyObject? = nil) {
        opUInt(Op.loadConstObj, 1, tables.useConst(c, node: node))
    }

    func loadFast(_ n: Int) {
        if n <= 15 { op(Op.loadFastMulti + UInt8(n), 1) } else { opUInt(Op.loadFastN, 1, n) }
    }
    func storeFast(_ n: Int) {
        if n <= 15 { op(Op.storeFastMulti + UInt8(n), -1) } else { opUInt(Op.storeFastN, -1, n) }
    }

    func binary(_ n: Int) { op(Op.binaryOpMulti + UInt8(n), -1) }
    func unary(_ n: Int) { op(Op.unaryOpMulti + UInt8(n), 0) }

    func jump(_ l: Int) {
        opLabel(Op.jump, 0, l)
        suppress = true
    }

    func child(_ s: Scope) -> Int {
        let i = childCount
        childCount += 1
        if pass >= .codeSize {
            while scope.children.count <= i { scope.children.append(s) }
            scope.children[i] = s
        }
        return i
    }
}

func encodeUInt(_ v: Int, into out: inout [UInt8]) {
    var groups: [UInt8] = [UInt8(v & 0x7f)]
    var x = v >> 7
    while x != 0 {
        groups.append(UInt8(x & 0x7f))
        x >>= 7
    }
    for i in stride(from: groups.count - 1, to: 0, by: -1) { out.append(groups[i] | 0x80) }
    out.append(groups[0])
}

func encodeSInt(_ v: Int, into out: inout [UInt8]) {
    var groups: [UInt8] = []
    var x = v
    repeat {
        groups.append(UInt8(x & 0x7f))
        x >>= 7
    } while x != 0 && x != -1
    if x == -1 && groups.last! & 0x40 == 0 { groups.append(0x7f) }
    else if x == 0 && groups.last! & 0x40 != 0 { groups.append(0) }
    for i in stride(from: groups.count - 1, to: 0, by: -1) { out.append(groups[i] | 0x80) }
    out.append(groups[0])
}
