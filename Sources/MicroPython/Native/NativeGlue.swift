import MicroPythonCompiler

/// The runtime functions machine code calls through its function table (MicroPython's
/// mp_fun_table, in its order), and MicroPython's non-local returns (nlr) on the machine.
///
/// A call arrives with its arguments in a2...a5 and returns its result in a2. Every object word
/// from the code is checked (`NativeObjects.take`) before the runtime sees it, and every object
/// given back is recorded. Arrays the code passes (arguments, unpack destinations) are in its
/// memory and read and written through `NativeMemory`.
///
/// Exceptions: `nlr_push` saves a0, a1 and a8...a15 in the code's buffer as the chip's
/// nlr_push does (the code keeps its handler's address in the saved a12), and links the buffer
/// to the run's chain. When a runtime function raises, the innermost buffer is unlinked, the
/// exception goes into its `ret_val` word, the registers come back from it, and nlr_push
/// returns 1 at its call site. With no buffer left the exception leaves the run.
enum NativeGlue {
    // mp_fun_table's indices (py/nativeglue.h).
    static let convertObjToNative = 3
    static let convertNativeToObj = 4
    static let swapGlobals = 5
    static let loadName = 6
    static let loadGlobal = 7
    static let loadBuildClass = 8
    static let loadAttr = 9
    static let loadMethod = 10
    static let loadSuperMethod = 11
    static let storeName = 12
    static let storeGlobal = 13
    static let storeAttr = 14
    static let subscr = 15
    static let isTrue = 16
    static let unaryOp = 17
    static let binaryOp = 18
    static let buildTuple = 19
    static let buildList = 20
    static let buildMap = 21
    static let buildSet = 22
    static let storeSet = 23
    static let listAppend = 24
    static let storeMap = 25
    static let makeFunction = 26
    static let callFunction = 27
    static let callMethod = 28
    static let callMethodVar = 29
    static let getIter = 30
    static let iterNext = 31
    static let nlrPush = 32
    static let nlrPop = 33
    static let raise = 34
    static let importName = 35
    static let importFrom = 36
    static let importAll = 37
    static let newSlice = 38
    static let unpackSequence = 39
    static let unpackEx = 40
    static let deleteName = 41
    static let deleteGlobal = 42
    static let newClosure = 43
    static let argCheck = 44
    static let setupCodeState = 45
    static let floorDivide = 46
    static let modulo = 47
    static let yieldFrom = 48

    // MicroPython's native types (py/runtime0.h).
    static let typeObj: UInt32 = 0, typeBool: UInt32 = 1, typeInt: UInt32 = 2, typeUint: UInt32 = 3
    static let typeQstr: UInt32 = 8

    /// Runs function-table entry `index` for the code, and returns where the code goes on.
    static func trap(_ index: Int, _ act: inout NativeActivation) throws(PyExc) -> UInt32 {
        let r = XtensaCPU.regs
        let ret = r[0]
        if index == nlrPush {
            // The chip's nlr_push: registers into the buffer, the buffer onto the chain.
            let buf = r[2]
            try NativeMemory.store(buf, 4, act.handler)
            try NativeMemory.store(buf + 8, 4, ret)
            try NativeMemory.store(buf + 12, 4, r[1])
            for i in 8...15 { try NativeMemory.store(buf + UInt32(16 + 4 * (i - 8)), 4, r[i]) }
            act.handler = buf
            r[2] = 0
            return ret
        }
        let saved = (r[1], r[12], r[13], r[14], r[15])
        do throws(PyExc) {
            r[2] = try call(index, r[2], r[3], r[4], r[5], &act)
            return ret
        } catch {
            (r[1], r[12], r[13], r[14], r[15]) = saved
            let buf = act.handler
            guard buf != 0 else { throw error }
            act.handler = try NativeMemory.load(buf, 4)
            try NativeMemory.store(buf + 4, 4, NativeObjects.give(error.obj))
            r[0] = try NativeMemory.load(buf + 8, 4)
            r[1] = try NativeMemory.load(buf + 12, 4)
            for i in 8...15 { r[i] = try NativeMemory.load(buf + UInt32(16 + 4 * (i - 8)), 4) }
            r[2] = 1
            return r[0]
        }
    }

    @inline(__always) static func obj(_ w: UInt32) throws(PyExc) -> Obj { try NativeObjects.take(w) }
    @inline(__always) static func give(_ o: Obj) -> UInt32 { NativeObjects.give(o) }

    /// A qstr number from the code (its module's qstr table holds only interned ones).
    static func qstr(_ w: UInt32) throws(PyExc) -> Qstr {
        guard Int(w) < QstrPool.count else { throw AddressSpace.fault() }
        return Qstr(id: w)
    }

    /// `n` object words at `address` in the code's memory, copied to the value stack (pop it).
    static func objects(_ address: UInt32, _ n: Int, nullable: Bool = false) throws(PyExc) -> UnsafeMutablePointer<Obj> {
        let a = try PyStack.pushObjs(max(n, 1))
        do throws(PyExc) {
            for i in 0..<n {
                let w = try NativeMemory.load(address &+ UInt32(4 * i), 4)
                a[i] = nullable ? try NativeObjects.takeOrNull(w) : try obj(w)
            }
        } catch {
            PyStack.pop(to: a)
            throw error
        }
        return a
    }

    static func storeObjects(_ address: UInt32, _ items: UnsafePointer<Obj>, _ n: Int) throws(PyExc) {
        for i in 0..<n { try NativeMemory.store(address &+ UInt32(4 * i), 4, give(items[i])) }
    }

    static func call(_ index: Int, _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32,
                     _ act: inout NativeActivation) throws(PyExc) -> UInt32 {
        switch index {
        case convertObjToNative:
            return try fromObject(try obj(a), type: b)
        case convertNativeToObj:
            return give(try toObject(a, type: b))
        case swapGlobals:
            if a == 0 { return 0 }
            let new = try obj(a)
            let old = Runtime.currentGlobals()
            if old == new { return 0 }
            Runtime.globalsNow = new
            return give(old)
        case loadName:
            let q = Obj(qstr: try qstr(a))
            return give(try Runtime.loadName(q, globals: Runtime.currentGlobals()))
        case loadGlobal:
            let q = Obj(qstr: try qstr(a))
            if let s = Dict.map(Runtime.currentGlobals()).lookupQstr(q) { return give(s[1]) }
            return give(try Runtime.loadBuiltin(q))
        case loadBuildClass:
            let over = Heap.roots[Root.builtinsOverride]
            if !over.isNull, let s = Dict.map(over).lookupQstr(Obj(qstr: .__build_class__)) { return give(s[1]) }
            return give(Builtins.buildClass)
        case loadAttr:
            return give(try Runtime.loadAttr(try obj(a), try qstr(b)))
        case loadMethod, loadSuperMethod:
            let dest = try PyStack.pushObjs(2)
            defer { PyStack.pop(to: dest) }
            if index == loadMethod {
                dest[0] = .null; dest[1] = .null
                try Runtime.loadMethod(try obj(a), try qstr(b), dest)
                try storeObjects(c, dest, 2)
            } else {
                dest[0] = try NativeObjects.takeOrNull(try NativeMemory.load(b, 4))
                dest[1] = try NativeObjects.takeOrNull(try NativeMemory.load(b + 4, 4))
                try Runtime.loadSuperMethod(try qstr(a), dest)
                try storeObjects(b, dest, 2)
            }
            return 0
        case storeName:
            try Dict.set(Runtime.locals, Obj(qstr: try qstr(a)), try obj(b))
            return 0
        case storeGlobal:
            try Dict.set(Runtime.currentGlobals(), Obj(qstr: try qstr(a)), try obj(b))
            return 0
        case storeAttr:
            try Runtime.storeAttr(try obj(a), try qstr(b), try obj(c))
            return 0
        case subscr:
            let base = try obj(a), index = try obj(b)
            if c == Obj.sentinel.raw { return give(try Runtime.getItem(base, index)) }
            try Runtime.storeSubscript(base, index, try NativeObjects.takeOrNull(c))
            return Obj.none.raw
        case isTrue:
            return try Runtime.isTrue(try obj(a)) ? 1 : 0
        case unaryOp:
            // mp_unary_op's numbers: +, -, ~, then `not` (which the bytecode VM does itself).
            let o = try obj(b)
            switch Int(a) {
            case UnaryOp.positive, UnaryOp.negative, UnaryOp.invert: return give(try Runtime.unaryOp(Int(a), o))
            case UnaryOp.not: return try Runtime.isTrue(o) ? Obj.false.raw : Obj.true.raw
            default: throw PyExc.runtimeError("native code used an unsupported unary operation (\(a))")
            }
        case binaryOp:
            return give(try Runtime.binaryOp(Int(a), try obj(b), try obj(c)))
        case buildTuple, buildList, buildSet:
            let n = Int(a)
            let items = try objects(b, n)
            defer { PyStack.pop(to: items) }
            if index == buildTuple { return give(try Tuple.make(items, n)) }
            if index == buildList { return give(try List.make(items, n)) }
            return give(try SetObj.make(items, n))
        case buildMap:
            return give(try Dict.make(capacity: Int(a)))
        case storeSet:
            try SetObj.add(try obj(a), try obj(b))
            return 0
        case listAppend:
            try List.append(try obj(a), try obj(b))
            return 0
        case storeMap:
            let map = try obj(a)
            try Dict.set(map, try obj(b), try obj(c))
            return give(map)
        case makeFunction:
            return give(try makeFunction(a, b, c))
        case callFunction:
            let fun = try obj(a)
            let nPos = Int(b & 0xFF), nKw = Int((b >> 8) & 0xFF)
            let args = try objects(c, nPos + 2 * nKw)
            defer { PyStack.pop(to: args) }
            return give(try Runtime.call(fun, args, nPos, nKw))
        case callMethod:
            let nPos = Int(a), nKw = Int(b)
            let args = try objects(c, 2 + nPos + 2 * nKw, nullable: true)
            defer { PyStack.pop(to: args) }
            if args[0].isNull { throw AddressSpace.fault() }
            return give(try Runtime.callMethod(args, nPos, nKw))
        case callMethodVar:
            let nPos = Int(b & 0xFF), nKw = Int((b >> 8) & 0xFF)
            let hasSelf = a != 0
            // The function (and self), the arguments, the bitmap of starred ones.
            let count = (hasSelf ? 2 : 1) + nPos + 2 * nKw + 1
            let args = try objects(c, count, nullable: true)
            defer { PyStack.pop(to: args) }
            if args[0].isNull || !args[count - 1].isSmallInt { throw AddressSpace.fault() }
            return give(try Runtime.callVarKw(args, hasSelf: hasSelf, nPos, nKw))
        case getIter:
            let it = try Runtime.getIter(try obj(a))
            if b == 0 { return give(it) }
            // The code's iterator buffer: a NULL type word, then the iterator.
            try NativeMemory.store(b, 4, 0)
            try NativeMemory.store(b + 4, 4, give(it))
            return 0
        case iterNext:
            let it: Obj
            if try NativeMemory.load(a, 4) == 0 { it = try obj(try NativeMemory.load(a + 4, 4)) } else { it = try obj(a) }
            return give(try Runtime.iterNext(it))
        case nlrPop:
            if act.handler != 0 { act.handler = try NativeMemory.load(act.handler, 4) }
            return 0
        case raise:
            let o = try NativeObjects.takeOrNull(a)
            if o.isNull || o == .none { return 0 }
            throw PyExc(try Exceptions.normalise(o))
        case importName:
            return give(try Import.importStatement(try qstr(a), fromList: try obj(b), level: try obj(c),
                                                   globals: Runtime.currentGlobals()))
        case importFrom:
            return give(try Import.importFrom(try obj(a), try qstr(b)))
        case importAll:
            try Import.importStar(try obj(a), into: Runtime.locals)
            return 0
        case newSlice:
            return give(try Slice.make(try obj(a), try obj(b), try obj(c)))
        case unpackSequence, unpackEx:
            let n = index == unpackSequence ? Int(b) : Int(b & 0xFF) + Int((b >> 8) & 0xFF) + 1
            let dest = try PyStack.pushObjs(max(n, 1))
            defer { PyStack.pop(to: dest) }
            if index == unpackSequence {
                try Runtime.unpackSequence(try obj(a), n, dest)
            } else {
                try Runtime.unpackEx(try obj(a), Int(b & 0xFF), Int((b >> 8) & 0xFF), dest)
            }
            try storeObjects(c, dest, n)
            return 0
        case deleteName, deleteGlobal:
            let q = Obj(qstr: try qstr(a))
            let d = index == deleteName ? Runtime.locals : Runtime.currentGlobals()
            if try Dict.map(d).remove(q) == nil {
                throw PyExc.nameError("name '\(Str.string(q))' isn't defined")
            }
            return 0
        case newClosure:
            let fun = try obj(a)
            guard kindOf(fun) == .function else { throw AddressSpace.fault() }
            let n = Int(b)
            let cells = try objects(c, n)
            defer { PyStack.pop(to: cells) }
            return give(try Function.makeClosure(fun, cells: cells, n))
        case argCheck:
            try checkArguments(Int(a), Int(b), c)
            return 0
        case setupCodeState:
            try setUpState(a, Int(b), Int(c), d, act.fun)
            return 0
        case yieldFrom:
            return try yieldFrom(try obj(a), b, c) ? 1 : 0
        case floorDivide, modulo:
            let x = Int(Int32(bitPattern: a)), y = Int(Int32(bitPattern: b))
            if y == 0 { throw PyExc.zeroDivision() }
            var q = x / y, m = x % y
            if m != 0 && (m < 0) != (y < 0) { q -= 1; m += y }
            return UInt32(truncatingIfNeeded: index == floorDivide ? q : m)
        default:
            throw PyExc.runtimeError("native code called an unsupported runtime function (\(index))")
        }
    }

    /// mp_make_function_from_proto_fun: a child raw code of the calling module, its context
    /// record, and optionally the address of [positional defaults, keyword defaults].
    static func makeFunction(_ proto: UInt32, _ context: UInt32, _ defArgs: UInt32) throws(PyExc) -> Obj {
        let rc = try obj(proto)
        guard kindOf(rc) == .rawCode else { throw AddressSpace.fault() }
        // The heap context of the function being run made the child: the code's record of
        // it is the one the loader wrote for that module.
        let ctx = try NativeCode.context(ofRecord: context, for: rc)
        var defaults = Obj.null, kwDefaults = Obj.null
        if defArgs != 0 {
            defaults = try NativeObjects.takeOrNull(try NativeMemory.load(defArgs, 4))
            kwDefaults = try NativeObjects.takeOrNull(try NativeMemory.load(defArgs + 4, 4))
            if defaults == .none { defaults = .null }
            if kwDefaults == .none { kwDefaults = .null }
            if !defaults.isNull && kindOf(defaults) != .tuple { throw AddressSpace.fault() }
        }
        return try Function.make(rc, context: ctx, defaults: defaults, kwDefaults: kwDefaults)
    }

    /// mp_native_yield_from: one step of `yield from gen` in a native generator. The word at
    /// `result` holds the value to throw in (or NULL) and receives the value yielded or
    /// returned; true when `gen` yielded.
    static func yieldFrom(_ gen: Obj, _ sendWord: UInt32, _ result: UInt32) throws(PyExc) -> Bool {
        let throwing = try NativeObjects.takeOrNull(try NativeMemory.load(result, 4))
        let send = throwing.isNull ? try NativeObjects.takeOrNull(sendWord) : Obj.none
        var r = Obj.null
        var kind: Generator.Outcome
        do throws(PyExc) {
            kind = try Generator.resume(gen, send: send.isNull ? .none : send, throwing: throwing, result: &r)
        } catch {
            kind = .raised
            r = error.obj
        }
        switch kind {
        case .yielded:
            try NativeMemory.store(result, 4, give(r))
            return true
        case .returned:
            try NativeMemory.store(result, 4, give(r.isNull ? .none : r))
        case .raised:
            if !isInstance(r, Exceptions.StopIteration) { throw PyExc(r) }
            try NativeMemory.store(result, 4, give(Exceptions.stopIterationValue(r)))
        }
        if !throwing.isNull && Generator.isGeneratorExit(throwing) {
            throw PyExc(try Exceptions.normalise(throwing))
        }
        return false
    }

    /// mp_arg_check_num_sig, with its words.
    static func checkArguments(_ nArgs: Int, _ nKw: Int, _ sig: UInt32) throws(PyExc) {
        let takesKw = sig & 1 != 0
        let minArgs = Int(sig >> 17), maxArgs = Int((sig >> 1) & 0xFFFF)
        if nKw > 0 && !takesKw { throw PyExc.typeError("function doesn't take keyword arguments") }
        if minArgs == maxArgs {
            if nArgs != minArgs {
                throw PyExc.typeError("function takes \(minArgs) positional arguments but \(nArgs) were given")
            }
        } else if nArgs < minArgs {
            throw PyExc.typeError("function missing \(minArgs - nArgs) required positional arguments")
        } else if nArgs > maxArgs {
            throw PyExc.typeError("function expected at most \(maxArgs) arguments, got \(nArgs)")
        }
    }

    /// mp_setup_code_state_native: binds the arguments into the state array of the code's
    /// mp_code_state_native_t, as a bytecode frame's locals are bound.
    static func setUpState(_ codeState: UInt32, _ nArgs: Int, _ nKw: Int, _ argsAddress: UInt32, _ fun: Obj) throws(PyExc) {
        let args = try objects(argsAddress, nArgs + 2 * nKw)
        defer { PyStack.pop(to: args) }
        try bindState(codeState, args, nArgs, nKw, fun)
    }

    static func bindState(_ codeState: UInt32, _ args: UnsafeMutablePointer<Obj>, _ nArgs: Int, _ nKw: Int, _ fun: Obj) throws(PyExc) {
        let rc = Function.rawCode(fun)
        let nState = RawCodeObj.nState(rc)
        let frame = try PyStack.push(Frame.words(nState: nState, nExc: 0))
        defer { PyStack.pop(to: frame) }
        frame[0] = fun.raw
        for i in 0..<nState { frame[Frame.headerWords + i] = 0 }
        try Runtime.bindArguments(fun, frame, cells: nil, 0, args, nArgs, nKw)
        let state = codeState &+ 4 * NativeCode.codeStateHeaderWords
        for i in 0..<nState {
            try NativeMemory.store(state &+ UInt32(4 * i), 4, give(Obj(raw: frame[Frame.headerWords + i])))
        }
        // sp: one below the state array, as an empty value stack.
        try NativeMemory.store(codeState + 8, 4, state &- 4)
    }

    /// mp_native_from_obj: an object as a value of native type `type`.
    static func fromObject(_ o: Obj, type: UInt32) throws(PyExc) -> UInt32 {
        switch type & 0xF {
        case typeObj: return give(o)
        case typeBool: return try Runtime.isTrue(o) ? 1 : 0
        case typeInt, typeUint: return UInt32(truncatingIfNeeded: try Viper.word(o))
        default:
            // A pointer: the address of the object's buffer, else the int as an address.
            if o.isSmallInt || IntOps.isBig(o) || o == .true || o == .false {
                return UInt32(truncatingIfNeeded: try Viper.word(o))
            }
            return UInt32(truncatingIfNeeded: try Viper.word(try UctypesModule.addressOf(o)))
        }
    }

    /// mp_native_to_obj: a value of native type `type` as an object.
    static func toObject(_ v: UInt32, type: UInt32) throws(PyExc) -> Obj {
        switch type & 0xF {
        case typeObj: return try obj(v)
        case typeBool: return v != 0 ? .true : .false
        case typeInt: return try IntOps.make(Int(Int32(bitPattern: v)))
        case typeQstr: return Obj(qstr: try qstr(v))
        default: return try IntOps.make(Int(v))
        }
    }
}
