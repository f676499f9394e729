/// Checks the bytecode of a .mpy file before the VM runs it: the VM trusts what our compiler
/// emits, so code from a file must first be shown to do only what compiled code does. This
/// part reads each raw code's prelude (its sizes, argument and closure-cell entries inside the
/// state, names inside the file's qstr table); StackCheck then finds the code's jump targets
/// and follows every path of it, checking each instruction's operands and the value and
/// handler stacks it meets. A file that fails is refused as MicroPython refuses a malformed
/// one ("incompatible .mpy file").
///
/// Functions are checked children first: each child's result (the cells its closure must
/// bring) is kept until its parent, which must make it with MAKE_CLOSURE, is checked. The
/// runtime's loader checks each function as it reads it from the file; `check(_:file:)` does
/// the same for a whole `RawCode` tree.
public enum BytecodeCheck {
    /// The facts of a file that its functions' operands are checked against.
    public struct File {
        var facts: StackCheck.File
        /// `baseException`: the file's qstr index of `BaseException` (-1: none), see StackCheck.
        public init(qstrCount: Int, objectCount: Int, baseException: Int) {
            facts = StackCheck.File(qstrCount: qstrCount, objectCount: objectCount, baseException: baseException)
        }
    }

    static func fail() -> MpyError { StackCheck.fail() }

    /// Where the list of checked children stands: a loader that stops with an error sets it
    /// back with `restore`.
    public static var mark: Int { StackCheck.shared.freeTop }
    public static func restore(_ mark: Int) { StackCheck.shared.freeTop = mark }

    /// Checks one bytecode function's data (`count` bytes: prelude and opcodes), whose
    /// `childCount` children were checked before it, each followed by `childChecked`.
    /// Returns how many leading locals its code needs as cells from a closure.
    @discardableResult
    public static func function(_ d: UnsafePointer<UInt8>, count: Int, childCount: Int, root: Bool,
                                file: File) throws(MpyError) -> Int {
        let s = StackCheck.shared
        let (nState, nExc, fixedLocals, start) = try prelude(d, count, file)
        let free = try s.check(d, count: count, start: start, nState: nState, nExc: nExc,
                               fixedLocals: fixedLocals, childCount: childCount, file: file.facts)
        // The module's code runs without a closure.
        guard !root || free == 0 else { throw fail() }
        return free
    }

    /// Keeps a checked child's result (what `function` returned) for its parent.
    public static func childChecked(_ free: Int) { StackCheck.shared.pushFree(free) }

    /// The prelude of machine code (signature, names, cells), which the runtime reads; its
    /// `childCount` children checked before it must not need cells from it.
    public static func machineCode(prelude d: UnsafePointer<UInt8>, count: Int, childCount: Int,
                                   file: File) throws(MpyError) {
        try machineCodeChildren(childCount)
        _ = try prelude(d, count, file)
    }

    /// Checks a raw code and its children.
    public static func check(_ rc: RawCode, file: File) throws(MpyError) {
        let mark = self.mark
        defer { restore(mark) }
        try check(rc, file, root: true)
    }

    static func check(_ rc: RawCode, _ file: File, root: Bool) throws(MpyError) {
        for c in rc.children { try check(c, file, root: false) }
        let body: Result<Int, MpyError> = (rc.kind == RawCode.native ? Array(rc.data[rc.preludeOffset...]) : rc.data)
            .withUnsafeBufferPointer { b in
                Result { () throws(MpyError) -> Int in
                    guard let p = b.baseAddress else {
                        // No data: machine code without a prelude (viper, assembler) is fine.
                        guard rc.kind != 0 && rc.kind != RawCode.native else { throw fail() }
                        try machineCodeChildren(rc.children.count)
                        return 0
                    }
                    if rc.kind == 0 {
                        return try function(p, count: b.count, childCount: rc.children.count, root: root, file: file)
                    }
                    // Machine code runs on the Xtensa interpreter, which checks every access
                    // itself; its prelude (signature, names, cells) is read by the runtime, so
                    // check that. The cells it gives a bytecode child's closure are not known
                    // to be cells: none.
                    if rc.kind == RawCode.native {
                        try machineCode(prelude: p, count: b.count, childCount: rc.children.count, file: file)
                    } else {
                        try machineCodeChildren(rc.children.count)
                    }
                    return 0
                }
            }
        let free = try body.get()
        if !root { childChecked(free) }
    }

    /// Machine code without a prelude: its children must not need cells from it.
    static func machineCodeChildren(_ childCount: Int) throws(MpyError) {
        let s = StackCheck.shared
        guard childCount <= s.freeTop, s.childrenNeedNoCells(childCount) else { throw fail() }
        s.freeTop -= childCount
    }

    /// Reads a prelude: returns n_state, n_exc_stack, the locals the arguments and cells fix,
    /// and where the opcodes start. Sets the checker's cells.
    static func prelude(_ d: UnsafePointer<UInt8>, _ count: Int, _ file: File) throws(MpyError) -> (Int, Int, Int, Int) {
        var p = 0
        func byte() throws(MpyError) -> Int {
            guard p < count else { throw fail() }
            p += 1
            return Int(d[p - 1])
        }
        func uint() throws(MpyError) -> Int {
            var v = 0
            for _ in 0..<9 {
                let b = try byte()
                v = v << 7 | (b & 0x7F)
                if b & 0x80 == 0 { return v }
            }
            throw fail()
        }
        // Signature: n_state, n_exc_stack, scope flags, positional, keyword-only, defaults.
        var z = try byte()
        var s = (z >> 3) & 0xf, e = (z >> 2) & 1, a = z & 3, k = 0, f = 0, n = 0
        while z & 0x80 != 0 {
            guard n < 8 else { throw fail() }
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
            guard n < 5 else { throw fail() }
            z = try byte()
            nInfo |= ((z >> 1) & 0x3f) << (6 * n)
            nCell |= (z & 1) << n
            n += 1
        } while z & 0x80 != 0
        let infoStart = p
        guard infoStart + nInfo + nCell <= count, a + k <= nState else { throw fail() }
        // Source info: the name and the argument names are qstr-table indices.
        for _ in 0...(a + k) {
            guard p < infoStart + nInfo, try uint() < file.facts.qstrCount else { throw fail() }
        }
        // Closure info: locals that become cells.
        var fixedLocals = a + k + (f & varArgsFlag != 0 ? 1 : 0) + (f & varKwFlag != 0 ? 1 : 0)
        let checker = StackCheck.shared
        checker.clearCells(nState)
        for i in 0..<nCell {
            let local = Int(d[infoStart + nInfo + i])
            guard local < nState else { throw fail() }
            fixedLocals = max(fixedLocals, local + 1)
            checker.cells[local] = 1
        }
        return (nState, e, fixedLocals, infoStart + nInfo + nCell)
    }

    /// Scope flags of the prelude that add argument slots.
    static let varKwFlag = 0x02, varArgsFlag = 0x04
}
