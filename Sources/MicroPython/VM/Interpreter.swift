import CSupport
import MicroPythonCompiler

/// The bytecode interpreter: one function, one `switch` over the opcode byte.
///
/// Stack discipline: the operand stack lives in the frame's state slots and grows upward from
/// state[0]; `sp` points AT the top item (state - 1 when empty). Locals are addressed downward
/// from `fastTop` = state[n_state-1]: local i is fastTop[-i]. `ip` points at the next byte to
/// decode and `opStart` at the opcode being executed (tracebacks and handler ranges use it).
/// These live in Swift locals; they are written back to the frame only when the frame is
/// suspended (yield), since ordinary frames are never inspected from outside.
/// Everything in the state slots is a GC root (value stack or generator object), so values on
/// the operand stack survive allocations.
public enum VM {
    nonisolated(unsafe) public static var depth = 0
    nonisolated(unsafe) public static var maxDepth = 3000
    /// Lowest native stack address the interpreter may use before raising the recursion error.
    nonisolated(unsafe) public static var nativeStackLimit: UInt = 0
    /// Set by `run` when it returned because of a yield rather than a return.
    nonisolated(unsafe) public static var yielded = false
    /// Set asynchronously (Ctrl-C): raised as KeyboardInterrupt at the next jump.
    nonisolated(unsafe) public static var pendingInterrupt = false
    /// Hook run at every backward jump when `pendingHook` is set (scheduler, board events).
    nonisolated(unsafe) public static var pendingHook = false
    /// Set by a port whose machine is resetting (machine.reset(), deep sleep, a watchdog):
    /// the exception being raised passes every handler, as a chip restart abandons the program.
    nonisolated(unsafe) public static var abandoning = false

    // Opcodes used by name outside the dispatch.

    @inline(__always) static func readUint(_ ip: inout UnsafeMutablePointer<UInt8>) -> Int {
        var v = 0
        while true {
            let b = ip.pointee
            ip += 1
            v = (v << 7) | Int(b & 0x7F)
            if b & 0x80 == 0 { return v }
        }
    }

    @inline(__always) static func readSint(_ ip: inout UnsafeMutablePointer<UInt8>) -> Int {
        var v = ip.pointee & 0x40 != 0 ? -1 : 0
        while true {
            let b = ip.pointee
            ip += 1
            v = (v << 7) | Int(b & 0x7F)
            if b & 0x80 == 0 { return v }
        }
    }

    @inline(__always) static func readULabel(_ ip: inout UnsafeMutablePointer<UInt8>) -> Int {
        let b0 = Int(ip[0])
        if b0 & 0x80 == 0 { ip += 1; return b0 }
        let v = (b0 & 0x7F) | (Int(ip[1]) << 7)
        ip += 2
        return v
    }

    @inline(__always) static func readSLabel(_ ip: inout UnsafeMutablePointer<UInt8>) -> Int {
        let b0 = Int(ip[0])
        if b0 & 0x80 == 0 { ip += 1; return b0 - 0x40 }
        let v = (b0 & 0x7F) | (Int(ip[1]) << 7)
        ip += 2
        return v - 0x4000
    }

    @inline(__always) static func isTrue(_ o: Obj) throws(PyExc) -> Bool {
        if o == .true { return true }
        if o == .false || o == .none { return false }
        if o.isSmallInt { return o.raw != 1 }
        return try Runtime.isTrue(o)
    }

    /// The C stack a real MicroPython would use, modelled: each bytecode call costs a fixed
    /// frame plus its state. Exceeding `stackLimit` raises the recursion RuntimeError, as the
    /// firmware's stack check does (8 KiB on the ESP8266, 80000 bytes on the 64-bit unix port).
    nonisolated(unsafe) public static var stackUsed = 0
    nonisolated(unsafe) public static var stackLimit = 80000
    nonisolated(unsafe) public static var frameCost = 200
    nonisolated(unsafe) public static var slotCost = 8

    /// Checks the modelled stack and the native stack before entering a frame of `nState` slots;
    /// returns the cost to give back with `leave`.
    @inline(__always) static func enter(nState: Int) throws(PyExc) -> Int {
        try enterNested(frameCost + slotCost * nState)
    }

    /// One level of a native recursion over nested data (repr, equality, hash of containers):
    /// charged as a frame, as the C port's recursive helpers check the C stack at each level.
    /// A self-containing list then ends in the recursion RuntimeError, not a native overflow.
    /// `cost` is the C frame of that level (the unix port reaches depth 1640 printing nested
    /// lists, 984 for dicts: 48 and 80 bytes of its 80000).
    @inline(__always) public static func enterNested(_ cost: Int = 48) throws(PyExc) -> Int {
        stackUsed += cost
        depth += 1
        if stackUsed > stackLimit || UInt(bitPattern: csupport_frame_address()) < nativeStackLimit {
            stackUsed -= cost
            depth -= 1
            throw PyExc(Exceptions.recursionError())
        }
        return cost
    }

    @inline(__always) public static func leave(_ cost: Int) {
        stackUsed -= cost
        depth -= 1
    }

    /// Runs (or resumes) the frame until it returns, yields or raises. `inject` is an exception to
    /// raise at the resume point (generator.throw).
    public static func run(_ frame: UnsafeMutablePointer<UInt32>, inject: Obj = .null) throws(PyExc) -> Obj {
        let fun = Obj(raw: frame[0])
        let rc = Function.rawCode(fun)
        let ctx = Function.context(fun)
        let nState = RawCodeObj.nState(rc)
        let state = UnsafeMutableRawPointer(frame + Frame.headerWords).assumingMemoryBound(to: Obj.self)
        let fastTop = state + (nState - 1)
        let records = frame + Frame.headerWords + nState
        let code = RawCodeObj.codeStart(rc)
        let qstrs = UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(words(ctx)[2])).unsafelyUnwrapped
        let consts = objArray(words(ctx)[3])
        let globals = field(ctx, 1)
        var ip = code + Int(frame[1])
        var sp = state + Int(Int32(bitPattern: frame[2]))
        var excCount = Int(frame[3])
        var opStart = ip
        var pending = inject
        var thrownThrough = false
        let savedGlobals = Runtime.globalsNow
        Runtime.globalsNow = globals
        defer { Runtime.globalsNow = savedGlobals }

        @inline(__always) func qstrObj(_ i: Int) -> Obj { Obj(raw: (qstrs[i] << 4) | 0x6) }
        @inline(__always) func record(_ i: Int) -> UnsafeMutablePointer<UInt32> { records + Frame.recordWords * i }

        while true {
            do throws(PyExc) {
                if !pending.isNull && ip.pointee != Op.yieldFrom {
                    let e = pending
                    pending = .null
                    opStart = ip
                    // What gen.throw() passed is made an exception here, where it is raised
                    // (a delegated-to iterator's throw() receives it as given).
                    throw PyExc(try Exceptions.normalise(e))
                }
                while true {
                    opStart = ip
                    let op = ip.pointee
                    ip += 1
                    switch op {
                    // MARK: loads of constants and locals
                    case Op.loadFastMulti...Op.loadFastMultiLast:
                        let v = fastTop[-Int(op &- Op.loadFastMulti)]
                        if v.isNull { throw unboundLocal() }
                        sp += 1; sp[0] = v
                    case Op.storeFastMulti...Op.storeFastMultiLast:
                        fastTop[-Int(op &- Op.storeFastMulti)] = sp[0]; sp -= 1
                    case Op.loadConstSmallIntMulti...Op.loadConstSmallIntMultiLast:
                        sp += 1; sp[0] = Obj(small: Int(op &- Op.loadConstSmallIntMulti) - 16)
                    case Op.loadConstString:
                        sp += 1; sp[0] = qstrObj(readUint(&ip))
                    case Op.loadConstSmallInt:
                        let v = readSint(&ip)
                        sp += 1; sp[0] = Obj.fitsSmall(v) ? Obj(small: v) : try IntOps.make(v)
                    case Op.loadConstObj:
                        sp += 1; sp[0] = consts[readUint(&ip)]
                    case Op.loadConstFalse: sp += 1; sp[0] = .false
                    case Op.loadConstNone: sp += 1; sp[0] = .none
                    case Op.loadConstTrue: sp += 1; sp[0] = .true
                    case Op.loadNull: sp += 1; sp[0] = .null
                    case Op.loadFastN:
                        let v = fastTop[-readUint(&ip)]
                        if v.isNull { throw unboundLocal() }
                        sp += 1; sp[0] = v
                    case Op.storeFastN:
                        fastTop[-readUint(&ip)] = sp[0]; sp -= 1
                    case Op.loadDeref:
                        let v = field(fastTop[-readUint(&ip)], 1)
                        if v.isNull { throw unboundLocal() }
                        sp += 1; sp[0] = v
                    case Op.storeDeref:
                        setField(fastTop[-readUint(&ip)], 1, sp[0]); sp -= 1
                    case Op.deleteFast:
                        let i = readUint(&ip)
                        if fastTop[-i].isNull { throw unboundLocal() }
                        fastTop[-i] = .null
                    case Op.deleteDeref:
                        let c = fastTop[-readUint(&ip)]
                        if field(c, 1).isNull { throw unboundLocal() }
                        setField(c, 1, .null)

                    // MARK: names
                    case Op.loadName:
                        let q = qstrObj(readUint(&ip))
                        sp += 1; sp[0] = try Runtime.loadName(q, globals: globals)
                    case Op.loadGlobal:
                        let q = qstrObj(readUint(&ip))
                        if let slot = Dict.map(globals).lookupQstr(q) {
                            sp += 1; sp[0] = slot[1]
                        } else {
                            sp += 1; sp[0] = try Runtime.loadBuiltin(q)
                        }
                    case Op.storeName:
                        let q = qstrObj(readUint(&ip))
                        try Dict.set(Runtime.locals, q, sp[0]); sp -= 1
                    case Op.storeGlobal:
                        let q = qstrObj(readUint(&ip))
                        try Dict.set(globals, q, sp[0]); sp -= 1
                    case Op.deleteName:
                        let q = qstrObj(readUint(&ip))
                        if try Dict.map(Runtime.locals).remove(q) == nil {
                            throw PyExc.nameError("name '\(Str.string(q))' isn't defined")
                        }
                    case Op.deleteGlobal:
                        let q = qstrObj(readUint(&ip))
                        if try Dict.map(globals).remove(q) == nil {
                            throw PyExc.nameError("name '\(Str.string(q))' isn't defined")
                        }

                    // MARK: attributes
                    case Op.loadAttr:
                        let q = qstrObj(readUint(&ip))
                        let o = sp[0]
                        // Fast path: an attribute in an instance's own map.
                        if o.raw & 3 == 0 && o.raw != 0 && TypeObject.kind(field(o, 0)) == .instance,
                           let slot = Classes.attrs(o).lookupQstr(q) {
                            sp[0] = slot[1]
                            continue
                        }
                        sp[0] = try Runtime.loadAttr(o, q.qstrValue)
                    case Op.loadMethod:
                        let q = qstrObj(readUint(&ip))
                        let o = sp[0]
                        // Fast path: a plain function found in an instance's class.
                        if o.raw & 3 == 0 && o.raw != 0 {
                            let t = field(o, 0)
                            if TypeObject.kind(t) == .instance && Classes.attrs(o).lookupQstr(q) == nil,
                               let v = Classes.lookup(t, q.qstrValue), v.raw & 3 == 0,
                               TypeObject.kind(field(v, 0)) == .function || TypeObject.kind(field(v, 0)) == .closure {
                                sp[0] = v
                                sp[1] = o
                                sp += 1
                                continue
                            }
                        }
                        try Runtime.loadMethod(o, q.qstrValue, sp)
                        sp += 1
                    case Op.loadSuperMethod:
                        let q = qstrObj(readUint(&ip))
                        sp -= 1
                        try Runtime.loadSuperMethod(q.qstrValue, sp - 1)
                    case Op.storeAttr:
                        let q = qstrObj(readUint(&ip))
                        let o = sp[0], v = sp[-1]
                        // Fast path: an instance of a class without __setattr__ or descriptors.
                        if o.raw & 3 == 0 && o.raw != 0 && !v.isNull {
                            let t = field(o, 0)
                            if TypeObject.kind(t) == .instance && words(t)[5] & TypeFlags.setHooks == 0
                                && !Classes.hooksAddedLate {
                                try Classes.attrs(o).set(q, v)
                                sp -= 2
                                continue
                            }
                        }
                        try Runtime.storeAttr(o, q.qstrValue, v)
                        sp -= 2

                    // MARK: imports
                    case Op.importName:
                        let q = qstrObj(readUint(&ip))
                        let fromList = sp[0]; sp -= 1
                        sp[0] = try Import.importStatement(q.qstrValue, fromList: fromList, level: sp[0], globals: globals)
                    case Op.importFrom:
                        let q = qstrObj(readUint(&ip))
                        let v = try Import.importFrom(sp[0], q.qstrValue)
                        sp += 1; sp[0] = v
                    case Op.importStar:
                        try Import.importStar(sp[0], into: Runtime.locals); sp -= 1
                    case Op.viper:
                        // The commonest typed operations (an int argument that is already a
                        // small int, a sum of small ints) stay in the loop.
                        let operand = readUint(&ip)
                        if operand & 0xF == ViperOp.castLocals {
                            try Viper.castLocals(operand, fastTop)
                        } else if operand == Viper.addInt && sp[0].isSmallInt && sp[-1].isSmallInt {
                            let r = sp[-1].smallValue + sp[0].smallValue
                            sp -= 1; sp[0] = Obj.fitsSmall(r) ? Obj(small: r) : try IntOps.make(r)
                        } else {
                            sp = try Viper.execute(operand, sp)
                        }

                    // MARK: functions
                    case Op.makeFunction:
                        let child = RawCodeObj.child(rc, readUint(&ip))
                        sp += 1; sp[0] = try Function.make(child, context: ctx, defaults: .null, kwDefaults: .null)
                    case Op.makeFunctionDefargs:
                        let child = RawCodeObj.child(rc, readUint(&ip))
                        sp -= 1
                        sp[0] = try Function.make(child, context: ctx, defaults: sp[0], kwDefaults: sp[1])
                    case Op.makeClosure:
                        let child = RawCodeObj.child(rc, readUint(&ip))
                        let n = Int(ip.pointee); ip += 1
                        sp -= n - 1
                        let f = try Function.make(child, context: ctx, defaults: .null, kwDefaults: .null)
                        sp[0] = try Function.makeClosure(f, cells: sp, n)
                    case Op.makeClosureDefargs:
                        let child = RawCodeObj.child(rc, readUint(&ip))
                        let n = Int(ip.pointee); ip += 1
                        sp -= 2 + n - 1
                        let f = try Function.make(child, context: ctx, defaults: sp[0], kwDefaults: sp[1])
                        sp[0] = f
                        sp[0] = try Function.makeClosure(f, cells: sp + 2, n)
                    case Op.callFunction:
                        let u = readUint(&ip)
                        let nPos = u & 0xFF, nKw = (u >> 8) & 0xFF
                        sp -= nPos + 2 * nKw
                        sp[0] = try Runtime.call(sp[0], sp + 1, nPos, nKw)
                    case Op.callMethod:
                        let u = readUint(&ip)
                        let nPos = u & 0xFF, nKw = (u >> 8) & 0xFF
                        sp -= nPos + 2 * nKw + 1
                        sp[0] = try Runtime.callMethod(sp, nPos, nKw)
                    case Op.callFunctionVarKw:
                        let u = readUint(&ip)
                        let nPos = u & 0xFF, nKw = (u >> 8) & 0xFF
                        sp -= nPos + 2 * nKw + 1
                        sp[0] = try Runtime.callVarKw(sp, hasSelf: false, nPos, nKw)
                    case Op.callMethodVarKw:
                        let u = readUint(&ip)
                        let nPos = u & 0xFF, nKw = (u >> 8) & 0xFF
                        sp -= nPos + 2 * nKw + 2
                        sp[0] = try Runtime.callVarKw(sp, hasSelf: true, nPos, nKw)
                    case Op.loadBuildClass:
                        sp += 1; sp[0] = Builtins.buildClass
                        // `builtins.__build_class__ = f` takes over class statements.
                        let over = Heap.roots[Root.builtinsOverride]
                        if !over.isNull, let s = Dict.map(over).lookupQstr(Obj(qstr: .__build_class__)) { sp[0] = s[1] }

                    // MARK: containers
                    case Op.buildTuple:
                        let n = readUint(&ip)
                        sp -= n - 1
                        sp[0] = try Tuple.make(sp, n)
                    case Op.buildList:
                        let n = readUint(&ip)
                        sp -= n - 1
                        sp[0] = try List.make(sp, n)
                    case Op.buildMap:
                        let n = readUint(&ip)
                        sp += 1; sp[0] = try Dict.make(capacity: n)
                    case Op.storeMap:
                        sp -= 2
                        try Dict.set(sp[0], sp[2], sp[1])
                    case Op.buildSet:
                        let n = readUint(&ip)
                        sp -= n - 1
                        sp[0] = try SetObj.make(sp, n)
                    case Op.buildSlice:
                        let n = readUint(&ip)
                        // x[a:b] / x[a:b] = v on a builtin sequence: the slice is lent, not made.
                        let next = ip[0]
                        if next == Op.loadSubscr || next == Op.storeSubscr {
                            let base = sp - (n - 1)
                            let step = n == 2 ? Obj.none : sp[0]
                            if Slice.canLend(base[-1], base[0], base[1], step) {
                                ip += 1
                                let sl = Slice.lend(base[0], base[1], step)
                                defer { Slice.giveBack() }
                                if next == Op.loadSubscr {
                                    sp = base - 1
                                    sp[0] = try Runtime.getItem(sp[0], sl)
                                } else {
                                    try Runtime.storeSubscript(base[-1], sl, base[-2])
                                    sp = base - 3
                                }
                                continue
                            }
                        }
                        if n == 2 {
                            sp -= 1
                            sp[0] = try Slice.make(sp[0], sp[1], .none)
                        } else {
                            sp -= 2
                            sp[0] = try Slice.make(sp[0], sp[1], sp[2])
                        }
                    case Op.storeComp:
                        let u = readUint(&ip)
                        let target = sp[-(u >> 2)]
                        switch u & 3 {
                        case 0: try List.append(target, sp[0]); sp -= 1
                        case 1: try Dict.set(target, sp[0], sp[-1]); sp -= 2
                        default: try SetObj.add(target, sp[0]); sp -= 1
                        }
                    case Op.unpackSequence:
                        let n = readUint(&ip)
                        try Runtime.unpackSequence(sp[0], n, sp)
                        sp += n - 1
                    case Op.unpackEx:
                        let u = readUint(&ip)
                        try Runtime.unpackEx(sp[0], u & 0xFF, (u >> 8) & 0xFF, sp)
                        sp += (u & 0xFF) + ((u >> 8) & 0xFF)
                    case Op.loadSubscr:
                        sp -= 1
                        sp[0] = try Runtime.getItem(sp[0], sp[1])
                    case Op.storeSubscr:
                        try Runtime.storeSubscript(sp[-1], sp[0], sp[-2])
                        sp -= 3

                    // MARK: stack shuffles
                    case Op.dupTop: sp[1] = sp[0]; sp += 1
                    case Op.dupTopTwo: sp[1] = sp[-1]; sp[2] = sp[0]; sp += 2
                    case Op.popTop: sp -= 1
                    case Op.rotTwo: let t = sp[0]; sp[0] = sp[-1]; sp[-1] = t
                    case Op.rotThree:
                        let t = sp[0]; sp[0] = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t

                    // MARK: jumps
                    case Op.jump:
                        let d = readSLabel(&ip)
                        ip += d
                        if d < 0 && (pendingInterrupt || pendingHook) { try Runtime.handlePending() }
                    case Op.popJumpIfTrue:
                        let d = readSLabel(&ip)
                        let v = sp[0]; sp -= 1
                        if try isTrue(v) {
                            ip += d
                            if d < 0 && (pendingInterrupt || pendingHook) { try Runtime.handlePending() }
                        }
                    case Op.popJumpIfFalse:
                        let d = readSLabel(&ip)
                        let v = sp[0]; sp -= 1
                        if !(try isTrue(v)) {
                            ip += d
                            if d < 0 && (pendingInterrupt || pendingHook) { try Runtime.handlePending() }
                        }
                    case Op.jumpIfTrueOrPop:
                        let d = readULabel(&ip)
                        if try isTrue(sp[0]) { ip += d } else { sp -= 1 }
                    case Op.jumpIfFalseOrPop:
                        let d = readULabel(&ip)
                        if try isTrue(sp[0]) { sp -= 1 } else { ip += d }

                    // MARK: iteration
                    case Op.getIter:
                        sp[0] = try Runtime.getIter(sp[0])
                    case Op.getIterStack:
                        try Iteration.getIterStack(sp[0], into: sp)
                        sp += 3
                    case Op.forIter:
                        let d = readULabel(&ip)
                        let v = try Iteration.next(stackSlots: sp - 3)
                        if v.isNull {
                            sp -= 4
                            ip += d
                        } else {
                            sp += 1; sp[0] = v
                        }

                    // MARK: exceptions and unwinding
                    case Op.setupExcept, Op.setupFinally:
                        let d = readULabel(&ip)
                        let r = record(excCount)
                        excCount += 1
                        r[0] = UInt32(ip + d - code)
                        r[1] = UInt32(sp - state + 1) | (op == Op.setupFinally ? 0x8000_0000 : 0)
                        r[2] = 0
                    case Op.setupWith:
                        let d = readULabel(&ip)
                        let mgr = sp[0]
                        try Runtime.loadMethod(mgr, .__exit__, sp)
                        try Runtime.loadMethod(mgr, .__enter__, sp + 2)
                        let entered = try Runtime.callMethod(sp + 2, 0, 0)
                        sp += 1
                        let r = record(excCount)
                        excCount += 1
                        r[0] = UInt32(ip + d - code)
                        r[1] = UInt32(sp - state + 1) | 0x8000_0000
                        r[2] = 0
                        sp += 1; sp[0] = entered
                    case Op.withCleanup:
                        // stack: (..., __exit__, mgr, X) -- see the with/finally protocol
                        sp = try withCleanup(sp)
                    case Op.popExceptJump:
                        let d = readULabel(&ip)
                        excCount -= 1
                        Heap.roots[Root.currentException] = .null
                        ip += d
                        if pendingInterrupt || pendingHook { try Runtime.handlePending() }
                    case Op.endFinally:
                        excCount -= 1
                        let x = sp[0]
                        if x == .none {
                            sp -= 1
                        } else if x.isSmallInt {
                            sp -= 1
                            let cause = x.smallValue
                            if cause < 0 {
                                if let r = unwindReturn(&sp, &ip, &excCount, code, state, records) { return r }
                            } else {
                                unwindJump(cause, &sp, &ip, &excCount, code, state, records)
                            }
                        } else {
                            throw PyExc(x)
                        }
                    case Op.unwindJump:
                        let d = readSLabel(&ip)
                        // The label is relative to the end of the label bytes, before the count byte.
                        let dest = UInt32(ip + d - code)
                        let count = Int(ip.pointee); ip += 1
                        sp += 1; sp[0] = Obj(raw: dest)
                        unwindJump(count, &sp, &ip, &excCount, code, state, records)
                        if pendingInterrupt || pendingHook { try Runtime.handlePending() }
                    case Op.returnValue:
                        if let r = unwindReturn(&sp, &ip, &excCount, code, state, records) { return r }
                    case Op.raiseLast:
                        var e = Obj.null
                        var i = excCount - 1
                        while i >= 0 {
                            let p = record(i)[2]
                            if p != 0 { e = Obj(raw: p); break }
                            i -= 1
                        }
                        if e.isNull { throw noActiveException() }
                        throw PyExc(e)
                    case Op.raiseObj:
                        throw PyExc(try Exceptions.normalise(sp[0]))
                    case Op.raiseFrom:
                        // A cause other than None is dropped, with MicroPython's warning.
                        if sp[0] != .none { warnChaining() }
                        sp -= 1
                        throw PyExc(try Exceptions.normalise(sp[0]))

                    // MARK: generators
                    case Op.yieldValue:
                        frame[1] = UInt32(ip - code)
                        frame[2] = UInt32(bitPattern: Int32(sp - state))
                        frame[3] = UInt32(excCount)
                        yielded = true
                        return sp[0]
                    case Op.yieldFrom:
                        let sendValue = sp[0]; sp -= 1
                        var ret = Obj.null
                        let thrown = pending
                        pending = .null
                        frame[2] = UInt32(bitPattern: Int32(sp - state))
                        let kind = try Generator.resume(sp[0], send: thrown.isNull ? sendValue : .null,
                                                        throwing: thrown, result: &ret)
                        if kind == .yielded {
                            ip -= 1
                            sp += 1; sp[0] = ret
                            frame[1] = UInt32(ip - code)
                            frame[2] = UInt32(bitPattern: Int32(sp - state))
                            frame[3] = UInt32(excCount)
                            yielded = true
                            return ret
                        } else if kind == .returned {
                            sp[0] = ret
                            if !thrown.isNull && Generator.isGeneratorExit(thrown) {
                                throw PyExc(try Exceptions.normalise(thrown))
                            }
                        } else {
                            sp -= 1
                            // The exception thrown in went through unhandled: even a
                            // StopIteration propagates (it does not end the delegation).
                            thrownThrough = ret == thrown
                            throw PyExc(try Exceptions.normalise(ret))
                        }

                    // MARK: operators
                    case Op.binaryOpMulti...Op.binaryOpMultiLast:
                        let b = sp[0]; sp -= 1
                        let a = sp[0]
                        let bop = Int(op &- Op.binaryOpMulti)
                        if a.isSmallInt && b.isSmallInt {
                            let x = a.smallValue, y = b.smallValue
                            switch bop {
                            case BinOp.less: sp[0] = Obj(bool: x < y); continue
                            case BinOp.more: sp[0] = Obj(bool: x > y); continue
                            case BinOp.equal: sp[0] = Obj(bool: x == y); continue
                            case BinOp.lessEqual: sp[0] = Obj(bool: x <= y); continue
                            case BinOp.moreEqual: sp[0] = Obj(bool: x >= y); continue
                            case BinOp.notEqual: sp[0] = Obj(bool: x != y); continue
                            case BinOp.inplaceAdd, BinOp.add:
                                let r = x &+ y
                                if Obj.fitsSmall(r) { sp[0] = Obj(small: r); continue }
                            case BinOp.inplaceSub, BinOp.sub:
                                let r = x &- y
                                if Obj.fitsSmall(r) { sp[0] = Obj(small: r); continue }
                            case BinOp.inplaceMul, BinOp.mul:
                                let (r, o) = x.multipliedReportingOverflow(by: y)
                                if !o && Obj.fitsSmall(r) { sp[0] = Obj(small: r); continue }
                            // A `where` clause guards only the pattern it follows: each pattern
                            // carries its own. y == 0 and y < 0 go to the runtime's errors.
                            case BinOp.inplaceFloorDiv where y != 0, BinOp.floorDiv where y != 0:
                                // Python's floor division (rounds toward minus infinity).
                                var q = x / y
                                if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
                                if Obj.fitsSmall(q) { sp[0] = Obj(small: q); continue }
                            case BinOp.inplaceMod where y != 0, BinOp.mod where y != 0:
                                var r = x % y
                                if r != 0 && ((r < 0) != (y < 0)) { r += y }
                                sp[0] = Obj(small: r); continue
                            case BinOp.inplaceRshift where y >= 0, BinOp.rshift where y >= 0:
                                sp[0] = Obj(small: x >> min(y, 63)); continue
                            case BinOp.inplaceOr, BinOp.or: sp[0] = Obj(small: x | y); continue
                            case BinOp.inplaceXor, BinOp.xor: sp[0] = Obj(small: x ^ y); continue
                            case BinOp.inplaceAnd, BinOp.and: sp[0] = Obj(small: x & y); continue
                            default: break
                            }
                        }
                        // Floats (boxed or immediate) with floats or small ints.
                        if (a.isSmallInt || Float.isFloat(a)) && (b.isSmallInt || Float.isFloat(b)) && !(a.isSmallInt && b.isSmallInt) {
                            // A small int becomes a float of the profile's precision, as in C.
                            let x = a.isSmallInt ? Float.narrow(Double(a.smallValue)) : Float.value(a)
                            let y = b.isSmallInt ? Float.narrow(Double(b.smallValue)) : Float.value(b)
                            if let r = try FloatOps.binary(bop, x, y) {
                                sp[0] = r
                                continue
                            }
                        }
                        sp[0] = try Runtime.binaryOp(bop, a, b)
                    case Op.unaryOpMulti...Op.unaryOpMultiLast:
                        let uop = Int(op &- Op.unaryOpMulti)
                        if uop == UnaryOp.not {
                            sp[0] = Obj(bool: !(try isTrue(sp[0])))
                        } else {
                            sp[0] = try Runtime.unaryOp(uop, sp[0])
                        }

                    default:
                        throw badOpcode()
                    }
                }
            } catch {
                let e = error.obj
                let exType = typeOf(e)
                let wasThrownIn = thrownThrough
                thrownThrough = false
                if isSubclass(exType, Exceptions.StopIteration) {
                    if opStart.pointee == Op.forIter {
                        var p = opStart + 1
                        let d = readULabel(&p)
                        ip = p + d
                        sp -= 4
                        continue
                    } else if opStart.pointee == Op.yieldFrom && !wasThrownIn {
                        sp[0] = Exceptions.stopIterationValue(e)
                        ip = opStart + 1
                        continue
                    }
                }
                let op = opStart.pointee
                if op != Op.endFinally && op != Op.raiseLast && RawCodeObj.emitKind(rc) == EmitKind.bytecode {
                    Exceptions.addTraceback(e, file: Qstr(id: qstrs[0]),
                                            line: RawCodeObj.line(rc, at: opStart - code),
                                            function: Qstr(id: qstrs[RawCodeObj.nameIndex(rc)]))
                }
                let at = UInt32(opStart - code)
                // A board reset unwinds everything: no except or finally clause runs.
                if abandoning { excCount = 0 }
                while excCount > 0 && record(excCount - 1)[0] <= at { excCount -= 1 }
                if excCount > 0 {
                    let r = record(excCount - 1)
                    ip = code + Int(r[0])
                    let unwoundTop = sp
                    sp = state + (Int(r[1] & 0x7FFF_FFFF) - 1)
                    r[2] = e.raw
                    Heap.roots[Root.currentException] = e   // sys.exc_info()
                    sp += 1; sp[0] = e
                    // Forget what the unwinding dropped: the frame's slots are GC roots, and a
                    // stale value there would keep garbage alive (e.g. after a MemoryError).
                    var stale = sp + 1
                    while stale <= unwoundTop { stale[0] = .null; stale += 1 }
                    // Likewise for the native stack the failed calls used, after a MemoryError.
                    if Heap.scrubPending { Heap.scrubStack() }
                    continue
                }
                frame[3] = 0
                yielded = false
                throw error
            }
        }
    }

    // The interpreter's errors, made out of line: a message used inline in `run` is a string
    // constant that `run` would set up on every entry.
    @inline(never) static func unboundLocal() -> PyExc { PyExc.nameError(Msg.localBeforeAssignment) }
    @inline(never) static func noActiveException() -> PyExc { PyExc.runtimeError(Msg.noActiveException) }
    @inline(never) static func badOpcode() -> PyExc { PyExc.notImplemented(Msg.badOpcode) }
    @inline(never) static func warnChaining() { Runtime.warn("exception chaining not supported") }

    /// WITH_CLEANUP on the stack (..., __exit__, mgr, X); returns the new sp.
    static func withCleanup(_ sp0: UnsafeMutablePointer<Obj>) throws(PyExc) -> UnsafeMutablePointer<Obj> {
        var sp = sp0
        let x = sp[0]
        if x == .none {
            sp[1] = .none; sp[2] = .none
            sp -= 2
            _ = try Runtime.callMethod(sp, 3, 0)
            sp[0] = .none
        } else if x.isSmallInt {
            let data = sp[-1], cause = sp[0]
            sp[-1] = .none; sp[0] = .none; sp[1] = .none
            _ = try Runtime.callMethod(sp - 3, 3, 0)
            sp[-3] = data; sp[-2] = cause
            sp -= 2
        } else {
            sp[1] = x
            sp[0] = typeOf(x)
            sp[2] = .none
            sp -= 2
            let r = try Runtime.callMethod(sp, 3, 0)
            if try isTrue(r) { sp[0] = .none } else { sp[0] = sp[3] }
        }
        return sp
    }

    /// RETURN_VALUE: runs pending finally handlers as coroutines, else returns TOS.
    @inline(__always)
    static func unwindReturn(_ sp: inout UnsafeMutablePointer<Obj>, _ ip: inout UnsafeMutablePointer<UInt8>,
                             _ excCount: inout Int, _ code: UnsafeMutablePointer<UInt8>,
                             _ state: UnsafeMutablePointer<Obj>, _ records: UnsafeMutablePointer<UInt32>) -> Obj? {
        let at = UInt32(ip - code)
        while excCount > 0 {
            let r = records + Frame.recordWords * (excCount - 1)
            if r[1] & 0x8000_0000 != 0 {
                if r[0] >= at {
                    let finallySp = state + (Int(r[1] & 0x7FFF_FFFF) - 1)
                    finallySp[1] = sp[0]
                    sp = finallySp + 1
                    sp += 1; sp[0] = Obj(small: -1)
                    ip = code + Int(r[0])
                    return nil
                }
                cancelActiveFinally(&sp)
            }
            excCount -= 1
        }
        yielded = false
        return sp[0]
    }

    /// UNWIND_JUMP (and END_FINALLY resuming one): the destination offset is on the stack.
    @inline(__always)
    static func unwindJump(_ count: Int, _ sp: inout UnsafeMutablePointer<Obj>, _ ip: inout UnsafeMutablePointer<UInt8>,
                           _ excCount: inout Int, _ code: UnsafeMutablePointer<UInt8>,
                           _ state: UnsafeMutablePointer<Obj>, _ records: UnsafeMutablePointer<UInt32>) {
        var unum = count
        let at = UInt32(ip - code)
        while unum & 0x7F > 0 {
            unum -= 1
            let r = records + Frame.recordWords * (excCount - 1)
            if r[1] & 0x8000_0000 != 0 {
                if r[0] >= at {
                    sp += 1; sp[0] = Obj(small: unum)
                    ip = code + Int(r[0])
                    return
                }
                cancelActiveFinally(&sp)
            }
            excCount -= 1
        }
        ip = code + Int(sp[0].raw)
        sp -= 1
        if unum != 0 { sp -= 4 }
    }

    @inline(__always) static func cancelActiveFinally(_ sp: inout UnsafeMutablePointer<Obj>) {
        if sp[-1].isSmallInt {
            sp[-2] = sp[0]
            sp -= 2
        } else {
            sp[-1] = sp[0]
            sp -= 1
        }
    }
}
