/// Checks the bytecode of a .mpy file before the VM runs it: the VM trusts what our compiler
/// emits, so code from a file must first be shown to do only what compiled code does. This
/// part reads each raw code's prelude (its sizes, argument and closure-cell entries inside the
/// state, names inside the file's qstr table) and finds the jump targets of its bytecode;
/// StackCheck then follows every path of the code, checking each instruction's operands and
/// the value and handler stacks it meets. A file that fails is refused as MicroPython refuses
/// a malformed one ("incompatible .mpy file").
struct BytecodeCheck {
    let qstrCount: Int
    /// The second half of the check, one for all the file's functions.
    let stack: StackCheck

    /// `baseException`: the file's qstr index of `BaseException` (-1: none), see StackCheck.
    init(qstrCount: Int, objectCount: Int, baseException: Int) {
        self.qstrCount = qstrCount
        stack = StackCheck(qstrCount: qstrCount, objectCount: objectCount, baseException: baseException)
    }

    static func fail() -> MpyError { MpyError("incompatible .mpy file") }

    /// Checks a raw code and its children; returns how many leading locals its code needs
    /// as cells from a closure (see StackCheck).
    @discardableResult
    func check(_ rc: RawCode, root: Bool = true) throws(MpyError) -> Int {
        var childFree: [Int] = []
        for c in rc.children { childFree.append(try check(c, root: false)) }
        guard rc.kind == 0 else {
            // Machine code runs on the Xtensa interpreter, which checks every access itself;
            // its prelude (signature, names, cells) is read by the runtime, so check that. The
            // cells it gives a bytecode child's closure are not known to be cells: none.
            guard !childFree.contains(where: { $0 > 0 }) else { throw BytecodeCheck.fail() }
            if rc.kind == RawCode.native { _ = try prelude(Array(rc.data[rc.preludeOffset...]), [], code: false) }
            return 0
        }
        let free = try prelude(rc.data, childFree, code: true)
        // The module's code runs without a closure.
        guard !root || free == 0 else { throw BytecodeCheck.fail() }
        return free
    }

    /// The prelude, and with `code` the opcodes after it.
    func prelude(_ d: [UInt8], _ childFree: [Int], code: Bool) throws(MpyError) -> Int {
        var r = MpyReader(b: d, floatModel: .double, nativeArch: 0)
        func byte() throws(MpyError) -> Int { Int(try r.byte()) }
        func uint() throws(MpyError) -> Int { try r.uint() }
        // Signature: n_state, n_exc_stack, scope flags, positional, keyword-only, defaults.
        var z = try byte()
        var s = (z >> 3) & 0xf, e = (z >> 2) & 1, a = z & 3, k = 0, f = 0, n = 0
        while z & 0x80 != 0 {
            guard n < 8 else { throw BytecodeCheck.fail() }
            z = try byte()
            f |= ((z >> 6) & 1) << n
            s |= ((z >> 4) & 3) << (4 + 2 * n)
            k |= ((z >> 3) & 1) << n
            a |= ((z >> 2) & 1) << (2 + n)
            e |= ((z >> 1) & 1) << (1 + n)
            n += 1
        }
        let nState = s + 1
        var nInfo = 0, nCell = 0
        n = 0
        repeat {
            guard n < 5 else { throw BytecodeCheck.fail() }
            z = try byte()
            nInfo |= ((z >> 1) & 0x3f) << (6 * n)
            nCell |= (z & 1) << n
            n += 1
        } while z & 0x80 != 0
        let infoStart = r.p
        guard infoStart + nInfo + nCell <= d.count, a + k <= nState else { throw BytecodeCheck.fail() }
        // Source info: the name and the argument names are qstr-table indices.
        for _ in 0...(a + k) {
            guard r.p < infoStart + nInfo, try uint() < qstrCount else { throw BytecodeCheck.fail() }
        }
        // Closure info: locals that become cells.
        var fixedLocals = a + k + (f & BytecodeCheck.varArgsFlag != 0 ? 1 : 0) + (f & BytecodeCheck.varKwFlag != 0 ? 1 : 0)
        stack.cells.removeAll(keepingCapacity: true)
        stack.cells.append(contentsOf: repeatElement(false, count: nState))
        for i in 0..<nCell {
            let local = Int(d[infoStart + nInfo + i])
            guard local < nState else { throw BytecodeCheck.fail() }
            fixedLocals = max(fixedLocals, local + 1)
            stack.cells[local] = true
        }
        guard code else { return 0 }
        let start = infoStart + nInfo + nCell
        return try stack.check(d, start: start, nState: nState, nExc: e, fixedLocals: fixedLocals,
                               targets: try jumpTargets(d, from: start), childFree: childFree)
    }

    /// Scope flags of the prelude that add argument slots.
    static let varKwFlag = 0x02, varArgsFlag = 0x04

    /// Decodes the code straight through for the places a path can start: jump targets, and
    /// the instruction after WITH_CLEANUP (where StackCheck's walk splits: the exception kept
    /// or swallowed). Operands are checked by StackCheck, on the paths that run.
    func jumpTargets(_ d: [UInt8], from start: Int) throws(MpyError) -> [Int] {
        var targets: [Int] = []
        var r = MpyReader(b: d, floatModel: .double, nativeArch: 0)
        r.p = start
        func byte() throws(MpyError) -> Int { Int(try r.byte()) }
        while r.p < d.count {
            let op = UInt8(try byte())
            if op >= Op.loadConstSmallIntMulti { continue }   // the one-byte families
            if op == Op.withCleanup { targets.append(r.p) }
            let kind = Op.operandKind(op)
            switch kind {
            case UInt8(ascii: "."):
                throw BytecodeCheck.fail()
            case UInt8(ascii: "q"), UInt8(ascii: "u"):
                _ = try r.uint()
            case UInt8(ascii: "C"):
                _ = try r.uint()
                _ = try byte()
            case UInt8(ascii: "s"):
                var count = 1
                while try byte() & 0x80 != 0 {
                    guard count < 10 else { throw BytecodeCheck.fail() }
                    count += 1
                }
            case UInt8(ascii: "S"), UInt8(ascii: "L"), UInt8(ascii: "W"):
                var v = try byte()
                if v & 0x80 != 0 {
                    v = (v & 0x7f) | (try byte() << 7)
                    if kind != UInt8(ascii: "L") { v -= 0x4000 }
                } else if kind != UInt8(ascii: "L") {
                    v -= 0x40
                }
                targets.append(r.p + v)
                if kind == UInt8(ascii: "W") { _ = try byte() }
            default:
                break
            }
        }
        return targets
    }
}
