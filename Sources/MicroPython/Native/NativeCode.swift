import MicroPythonCompiler

/// Machine code from .mpy files: loading it into the image, and calling it.
///
/// mpy-cross compiles `@micropython.native` and `@micropython.viper` functions to machine code
/// for the architecture the target reports in `sys.implementation._mpy`; here that is Xtensa,
/// the ESP8266's, on both profiles, run by `XtensaCPU`. The code finds what it needs through
/// pointers, as MicroPython lays it out on a 32-bit build:
///
///     function   [type, context, child table, code]            (mp_obj_fun_bc_t)
///     context    [type, globals, qstr table, constant table]   (mp_module_context_t)
///     qstr table 16-bit qstr numbers; constant table object words, one of them the
///     function table's address
///
/// These records are written into the image when the module loads, one function record per
/// raw code (the only fields code reads are the same for every function made from it), one
/// context per module. The raw code keeps its record's address; the heap objects stay as
/// they are, so no machine code ever reads the heap.
enum NativeCode {
    /// sys.implementation._mpy's architecture number for Xtensa.
    static let xtensaArch: UInt8 = 9

    /// Words of mp_code_state_native_t before its state array (fun_bc, ip, sp, n_state and
    /// exc_sp_idx, old_globals): the same on the 32-bit target as in mpy-cross's build.
    static let codeStateHeaderWords: UInt32 = 5

    /// Entries in the function table (MicroPython's mp_fun_table: the runtime functions code
    /// compiled from Python calls, then the ones native modules built from C use).
    static let functionTableEntries = 80
    nonisolated(unsafe) static var functionTable: UInt32 = 0

    static func reset() {
        NativeMemory.reset()
        owner = [:]
        functionTable = 0
    }

    /// The function table, written into the image on first use: None, False, True, then a
    /// trap address per runtime function.
    static func table() throws(PyExc) -> UInt32 {
        if functionTable != 0 { return functionTable }
        let t = try NativeMemory.reserve(4 * functionTableEntries)
        NativeMemory.putWord(t, Obj.none.raw)
        NativeMemory.putWord(t + 4, Obj.false.raw)
        NativeMemory.putWord(t + 8, Obj.true.raw)
        for i in 3..<functionTableEntries {
            NativeMemory.putWord(t + UInt32(4 * i), NativeMemory.trapBase + UInt32(4 * i))
        }
        functionTable = t
        return t
    }

    /// Writes the machine code of `module` into the image, with the records its code reads, and
    /// gives each raw code of `root` (loaded from `module.root`) its function record.
    static func link(_ module: CompiledModule, context ctx: Obj, root: Obj) throws(PyExc) {
        guard hasMachineCode(module.root) else { return }
        let table = try table()
        // The module's context: [type, globals, qstr table, constant table].
        let qt = try NativeMemory.reserve(2 * max(1, module.qstrs.count))
        for i in 0..<module.qstrs.count {
            let q = Loader.qstr(ctx, i)
            guard q.id <= 0xFFFF else { throw PyExc.make(Exceptions.MemoryError) }
            NativeMemory.putHalf(qt + UInt32(2 * i), UInt16(q.id))
        }
        let ot = try NativeMemory.reserve(4 * max(1, module.objects.count))
        for (i, c) in module.objects.enumerated() {
            let w = c == .functionTable ? table : NativeObjects.give(objArray(words(ctx)[3])[i])
            NativeMemory.putWord(ot + UInt32(4 * i), w)
        }
        // Word 0 (the type, never read by code) holds the heap context, for making functions.
        let shadow = try NativeMemory.reserve(16)
        NativeMemory.putWord(shadow, NativeObjects.give(ctx))
        NativeMemory.putWord(shadow + 4, NativeObjects.give(field(ctx, 1)))
        NativeMemory.putWord(shadow + 8, qt)
        NativeMemory.putWord(shadow + 12, ot)
        try place(module.root, root, shadow)
    }

    /// The context record of the module each raw code in a child table belongs to: a function
    /// is made only with its own module's context (another's tables would not fit its code).
    nonisolated(unsafe) static var owner: [UInt32: UInt32] = [:]

    /// The heap context for making a function of raw code `rc` with the context record at
    /// `address`.
    static func context(ofRecord address: UInt32, for rc: Obj) throws(PyExc) -> Obj {
        guard owner[rc.raw] == address else { throw AddressSpace.fault() }
        let ctx = try NativeObjects.take(try NativeMemory.load(address, 4))
        guard ctx.isPointer, field(ctx, 0) == Types.module, !field(ctx, 1).isNull else { throw AddressSpace.fault() }
        return ctx
    }

    static func hasMachineCode(_ c: RawCode) -> Bool {
        c.kind != 0 || c.children.contains(where: hasMachineCode)
    }

    static func place(_ c: RawCode, _ rc: Obj, _ context: UInt32) throws(PyExc) {
        for (i, child) in c.children.enumerated() { try place(child, RawCodeObj.child(rc, i), context) }
        guard c.kind != 0 else { return }
        let code = try NativeMemory.reserve(c.data.count)
        NativeMemory.put(code, c.data)
        // The child table, and for native code the prelude's address after the children
        // (or in place of the table when there are none), as MicroPython's loader leaves it.
        var children: UInt32 = 0
        if !c.children.isEmpty || c.kind == RawCode.native {
            let n = c.children.count
            let t = try NativeMemory.reserve(4 * (n + 1))
            for i in 0..<n {
                let child = RawCodeObj.child(rc, i)
                NativeMemory.putWord(t + UInt32(4 * i), NativeObjects.give(child))
                owner[child.raw] = context
            }
            NativeMemory.putWord(t + UInt32(4 * n), code + UInt32(c.preludeOffset))
            children = n == 0 && c.kind == RawCode.native ? code + UInt32(c.preludeOffset) : t
        }
        if c.kind == RawCode.viper { try relocate(c, code: code, context: context) }
        // [type, context, child table, code] as mp_obj_fun_bc_t, then (inline assembler)
        // the number of arguments and the return type.
        let fun = try NativeMemory.reserve(24)
        NativeMemory.putWord(fun + 4, context)
        NativeMemory.putWord(fun + 8, children)
        NativeMemory.putWord(fun + 12, code)
        NativeMemory.putWord(fun + 16, UInt32(truncatingIfNeeded: c.asmArgs))
        NativeMemory.putWord(fun + 20, UInt32(truncatingIfNeeded: c.asmReturnType))
        RawCodeObj.setMachineCode(rc, record: fun)
    }

    /// A native module's viper code: its read-only data goes into the image, its zeroed data
    /// into the data region, and the relocations are applied (mp_native_relocate).
    static func relocate(_ c: RawCode, code: UInt32, context: UInt32) throws(PyExc) {
        guard !c.relocations.isEmpty || !c.rodata.isEmpty || c.bssSize > 0 else { return }
        let rodata = try NativeMemory.reserve(c.rodata.count)
        NativeMemory.put(rodata, c.rodata)
        let bss = try NativeMemory.reserveData(c.bssSize)
        let table = try table()
        for rel in c.relocations {
            let dest: UInt32
            switch rel.target {
            case .code: dest = code
            case .rodata: dest = rodata
            case .bss: dest = bss
            case .qstrTable: dest = try NativeMemory.load(context + 8, 4)
            case .constantTable: dest = try NativeMemory.load(context + 12, 4)
            case .functionTable: dest = table
            case .function(let i):
                guard i >= 0 && i < functionTableEntries else { throw PyExc.valueError("incompatible .mpy file") }
                dest = try NativeMemory.load(table + UInt32(4 * i), 4)
            }
            let base = rel.inRodata ? rodata : code
            let size = rel.inRodata ? c.rodata.count : c.data.count
            guard rel.count >= 0, (rel.wordOffset + rel.count) * 4 <= size else {
                throw PyExc.valueError("incompatible .mpy file")
            }
            for k in 0..<rel.count {
                let at = base + UInt32(4 * (rel.wordOffset + k))
                NativeMemory.putWord(at, try NativeMemory.load(at, 4) &+ dest)
            }
        }
    }

    // MARK: calls

    /// Depth of runs on the machine stack (the collector scans it while one runs).
    nonisolated(unsafe) static var depth = 0

    /// Calls a function whose raw code is machine code: the arguments go on the machine stack
    /// (closed-over cells first, as a closure passes them), and the code is entered as
    /// MicroPython enters it, `f(fun, n_args, n_kw, args)`.
    static func call(_ fun: Obj, cells: UnsafeMutablePointer<Obj>?, _ nCells: Int,
                     _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let rc = Function.rawCode(fun)
        if RawCodeObj.scopeFlags(rc) & RawCodeObj.generatorFlag != 0 {
            return try makeGenerator(fun, cells: cells, nCells, args, nPos, nKw)
        }
        // The C port checks its stack on every native call: charged as a bytecode frame of
        // the function's state, so deep recursion ends in the same RuntimeError.
        let cost = try VM.enter(nState: RawCodeObj.nState(rc))
        defer { VM.leave(cost) }
        let record = RawCodeObj.machineCodeRecord(rc)
        let code = try NativeMemory.load(record + 12, 4)
        if RawCodeObj.emitKind(rc) == EmitKind.asm {
            guard nCells == 0 else { throw AddressSpace.fault() }
            return try callAssembler(fun, record, code, args, nPos, nKw)
        }
        // Native code starts after the word giving its prelude's place; viper code at once.
        let entry = RawCodeObj.emitKind(rc) == EmitKind.viper ? code : code + 4
        let top = stackTop()
        let n = nCells + nPos + 2 * nKw
        let sp = (top &- UInt32(4 * n)) & ~15
        // Room for the arguments and a deep enough call: else, as C's stack check says it.
        guard sp >= NativeMemory.stackBase + 4096, sp <= top else {
            throw PyExc.runtimeError("maximum recursion depth exceeded")
        }
        for i in 0..<nCells { try NativeMemory.store(sp + UInt32(4 * i), 4, NativeObjects.give(cells![i])) }
        for i in 0..<(nPos + 2 * nKw) {
            try NativeMemory.store(sp + UInt32(4 * (nCells + i)), 4, NativeObjects.give(args[i]))
        }
        return try NativeObjects.take(try run(fun, at: entry, sp: sp, record, UInt32(nCells + nPos), UInt32(nKw), sp))
    }

    /// Where the next run's stack starts: the top, or below the code running now.
    static func stackTop() -> UInt32 { depth == 0 ? NativeMemory.stackTop : XtensaCPU.regs[1] & ~15 }

    /// Runs machine code at `entry` as C calls a function: stack pointer `sp`, arguments in
    /// a2...a5, returning to the runtime; the result word. The caller's a0, a1 and a12...a15
    /// are as they were afterwards, whether the code returned or raised.
    static func run(_ fun: Obj, at entry: UInt32, sp: UInt32, _ a: UInt32, _ b: UInt32,
                    _ c: UInt32 = 0, _ d: UInt32 = 0) throws(PyExc) -> UInt32 {
        let r = XtensaCPU.regs
        let saved = (r[0], r[1], r[12], r[13], r[14], r[15])
        (r[0], r[1], r[2], r[3], r[4], r[5]) = (NativeMemory.returnToHost, sp, a, b, c, d)
        var act = NativeActivation(fun: fun)
        depth += 1
        defer {
            depth -= 1
            (r[0], r[1], r[12], r[13], r[14], r[15]) = saved
        }
        try XtensaCPU.run(from: entry, &act)
        return r[2]
    }

    /// An inline assembler function (fun_asm_call): up to four arguments as machine words,
    /// the result as the declared type.
    static func callAssembler(_ fun: Obj, _ record: UInt32, _ code: UInt32,
                              _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let n = Int(try NativeMemory.load(record + 16, 4))
        let sig = UInt32(n) << 17 | UInt32(n) << 1
        try NativeGlue.checkArguments(nPos, nKw, sig)
        guard n <= 4 else { throw PyExc.valueError("incompatible .mpy file") }
        var w: [UInt32] = [0, 0, 0, 0]
        for i in 0..<n { w[i] = try assemblerWord(args[i]) }
        let ret = try enter(fun, at: code, w[0], w[1], w[2], w[3])
        return try NativeGlue.toObject(ret, type: try NativeMemory.load(record + 20, 4))
    }

    /// convert_obj_for_inline_asm: ints and bools as their value, a float truncated, a buffer
    /// (str, bytes, bytearray, array...) as the address of its data, anything else as its word.
    static func assemblerWord(_ o: Obj) throws(PyExc) -> UInt32 {
        if o.isSmallInt || IntOps.isBig(o) || o == .true || o == .false { return UInt32(truncatingIfNeeded: try Viper.word(o)) }
        if o == .none { return 0 }
        switch kindOf(o) {
        case .float: return UInt32(truncatingIfNeeded: Int(exactly: Float.value(o).rounded(.towardZero)) ?? 0)
        case .tuple, .list:
            // C passes the address of the items: words a program could overwrite with forged
            // references, so not here.
            throw PyExc.make(Exceptions.NotImplementedError, "tuple or list argument to inline assembler")
        default:
            if (try? ModSupport.bufferView(o)) != nil {
                return UInt32(truncatingIfNeeded: try Viper.word(try UctypesModule.addressOf(o)))
            }
            return NativeObjects.give(o)
        }
    }

    // MARK: generators

    /// Words of a generator object before its native code state: the type, then a frame
    /// header as a bytecode generator's (function, pending status, started/finished), which
    /// `Generator` reads.
    static let generatorStateWord = 1 + Frame.headerWords

    /// A native generator function's generator (native_gen_wrap_call): the code state
    /// (mp_code_state_native_t) lives in the generator object and is exposed to the code,
    /// which keeps its locals, value stack and resume point there.
    static func makeGenerator(_ fun: Obj, cells: UnsafeMutablePointer<Obj>?, _ nCells: Int,
                              _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let rc = Function.rawCode(fun)
        let nState = RawCodeObj.nState(rc)
        let stateWords = Int(codeStateHeaderWords) + nState
        let g = Obj(offset: try Heap.allocate(bytes: 4 * (generatorStateWord + stateWords)))
        setField(g, 0, Types.generator)
        let f = Generator.frame(g)
        f[0] = fun.raw
        f[1] = Generator.nativeMark
        // The value stack index `Generator` writes a sent value at: here the code state's
        // old_globals word, which native code does not read (it gets the value from `sp`).
        f[2] = 4
        let hold = try PyStack.pushObjs(1)
        defer { PyStack.pop(to: hold) }
        hold[0] = g
        let cs = try AddressSpace.expose(arenaBytes(g.raw + UInt32(4 * generatorStateWord)), 4 * stateWords, writable: true)
        let record = RawCodeObj.machineCodeRecord(rc)
        let code = try NativeMemory.load(record + 12, 4)
        try NativeMemory.store(cs, 4, record)
        try NativeMemory.store(cs + 4, 4, code &+ (try NativeMemory.load(code + 4, 4)))
        try NativeMemory.store(cs + 12, 4, UInt32(nState))
        // The arguments, bound as the code's own prelude would bind them.
        let n = nCells + nPos + 2 * nKw
        let all = try PyStack.pushObjs(max(n, 1))
        defer { PyStack.pop(to: all) }
        for i in 0..<nCells { all[i] = cells![i] }
        for i in 0..<(nPos + 2 * nKw) { all[nCells + i] = args[i] }
        try NativeGlue.bindState(cs, all, nCells + nPos, nKw, fun)
        return g
    }

    /// Resumes a native generator (mp_obj_gen_resume's native branch), once `Generator` has
    /// made its checks and marked it running: the code is entered at its resume point with its
    /// code state and the value to throw, and says whether it returned, yielded or raised.
    static func resumeGenerator(_ g: Obj, send: Obj, throwing: Obj, result: inout Obj) throws(PyExc) -> Generator.Outcome {
        let f = Generator.frame(g)
        let fun = Obj(raw: f[0])
        let cs = g.raw + UInt32(4 * generatorStateWord)
        let state = cs + 4 * codeStateHeaderWords
        let sp = try NativeMemory.load(cs + 8, 4)
        if throwing.isNull && sp != state &- 4 { try NativeMemory.store(sp, 4, NativeObjects.give(send)) }
        let code = try NativeMemory.load(RawCodeObj.machineCodeRecord(Function.rawCode(fun)) + 12, 4)
        let oldGlobals = Runtime.globalsNow
        Runtime.globalsNow = field(Function.context(fun), 1)
        defer { Runtime.globalsNow = oldGlobals }
        let kind = try enter(fun, at: code + 8, cs, NativeObjects.give(throwing))
        switch kind {
        case 1:
            let top = try NativeMemory.load(cs + 8, 4)
            result = try NativeObjects.take(try NativeMemory.load(top, 4))
            try NativeMemory.store(top, 4, Obj.none.raw)
            return .yielded
        case 0:
            result = try NativeObjects.take(try NativeMemory.load(try NativeMemory.load(cs + 8, 4), 4))
            return .returned
        default:
            var e = try NativeObjects.take(try NativeMemory.load(state, 4))
            if isInstance(e, Exceptions.StopIteration) {
                e = PyExc.runtimeError("generator raised StopIteration").obj
            }
            result = e
            return .raised
        }
    }

    /// `run` with no arguments on the stack (a generator's resume, inline assembler), charged
    /// to the recursion limit as a call.
    static func enter(_ fun: Obj, at entry: UInt32, _ a: UInt32, _ b: UInt32,
                      _ c: UInt32 = 0, _ d: UInt32 = 0) throws(PyExc) -> UInt32 {
        let cost = try VM.enter(nState: 0)
        defer { VM.leave(cost) }
        let top = stackTop()
        guard top >= NativeMemory.stackBase + 4096 else { throw PyExc.runtimeError("maximum recursion depth exceeded") }
        return try run(fun, at: entry, sp: top, a, b, c, d)
    }

    /// Objects held by running machine code, in its registers and on its stack.
    static func scanRoots(_ visit: (UnsafePointer<UInt32>, Int) -> Void) {
        guard depth > 0 else { return }
        visit(XtensaCPU.regs, 16)
        if let (p, n) = NativeMemory.liveStack(from: XtensaCPU.regs[1]) { visit(p, n) }
    }
}

/// What the runtime functions need to know of the machine code run that calls them.
struct NativeActivation {
    /// The function called (its defaults and signature, for setting up its state).
    var fun: Obj
    /// The innermost exception handler (nlr buffer) the run has pushed, 0 for none.
    var handler: UInt32 = 0

    init(fun: Obj) { self.fun = fun }
}
