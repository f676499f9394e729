import MicroPythonCompiler
/// Native functions: Swift closures called with a pointer to their arguments (positional, then
/// key/value pairs for keywords; all on a GC-scanned stack).
public typealias NativeFn = (_ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj

/// Builtin function objects: [type, table index, minArgs | maxArgs << 8 | takesKw << 16, name].
public enum Native {
    // The closures, in a buffer that is never freed (a Swift array global would be lazily
    // initialised, costing a swift_once check on every native call).
    nonisolated(unsafe) static var tableAddress: UInt = 0
    nonisolated(unsafe) static var tableCount = 0
    nonisolated(unsafe) static var tableCapacity = 0
    @inline(__always) static var table: UnsafeMutablePointer<Entry> {
        UnsafeMutablePointer<Entry>(bitPattern: tableAddress).unsafelyUnwrapped
    }

    /// A closure in a struct of its own: stored at its natural abstraction, so calls need no
    /// reabstraction thunk. (Stored bare in a generic buffer, every call went through a thunk
    /// that returned the result through a slot in the caller's frame, where the last result
    /// stayed and the conservative stack scan kept it alive.)
    struct Entry {
        let call: NativeFn
    }
    public static let varArgs = 255
    /// Spec bits: keyword arguments accepted; a type's constructor (its first argument is the
    /// type, which the argument-count errors do not count, as mp_arg_check_num in make_new).
    static let acceptsKeywords: UInt32 = 1 << 16
    static let constructorFlag: UInt32 = 1 << 17

    /// A static builtin function object.
    @discardableResult
    public static func make(_ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false,
                            _ fn: @escaping NativeFn) -> Obj {
        let f = Obj(offset: Heap.allocateStatic(bytes: 16))
        setField(f, 0, Types.builtinFunction)
        words(f)[1] = UInt32(tableCount)
        words(f)[2] = UInt32(minArgs) | UInt32(maxArgs) << 8 | (kw ? acceptsKeywords : 0)
        setField(f, 3, Obj(qstr: Qstr(name)))
        if tableCount == tableCapacity {
            let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: max(256, tableCapacity * 2))
            if tableCapacity > 0 { bigger.moveInitialize(from: table, count: tableCount) }
            tableAddress = UInt(bitPattern: bigger)
            tableCapacity = max(256, tableCapacity * 2)
        }
        (table + tableCount).initialize(to: Entry(call: fn))
        tableCount += 1
        return f
    }

    @inline(__always) static func call(_ f: Obj, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let spec = words(f)[2]
        let minA = Int(spec & 0xFF), maxA = Int((spec >> 8) & 0xFF)
        if nPos < minA || (maxA != varArgs && nPos > maxA) { throw argumentCountError(spec, nPos) }
        if nKw > 0 && spec & acceptsKeywords == 0 {
            throw PyExc.typeError("function doesn't take keyword arguments")
        }
        return try table[Int(words(f)[1])].call(args, nPos, nKw)
    }

    /// The TypeError for a call with the wrong number of positional arguments (out of line:
    /// the call path stays small).
    @inline(never)
    static func argumentCountError(_ spec: UInt32, _ nPos: Int) -> PyExc {
        let minA = Int(spec & 0xFF), maxA = Int((spec >> 8) & 0xFF)
        let typeArg = spec & constructorFlag != 0 ? 1 : 0
        if minA == maxA {
            return PyExc.typeError("function takes \(minA - typeArg) positional arguments but \(nPos - typeArg) were given")
        }
        if nPos < minA {
            return PyExc.typeError("function missing \(minA - nPos) required positional arguments")
        }
        return PyExc.typeError("function expected at most \(maxA - typeArg) arguments, got \(nPos - typeArg)")
    }

    public static func name(_ f: Obj) -> Qstr { field(f, 3).qstrValue }
}

/// A builtin method taken from a builtin type (`str.upper`) rather than bound to an instance:
/// [type, owner type, builtin function]. Native methods trust their self argument, so the call
/// checks it is an instance of the owner (or of a subclass, whose native part the methods
/// use), as MicroPython's checked_fun does. Bound calls never come here and pay nothing.
public enum CheckedFunction {
    static func make(_ owner: Obj, _ fn: Obj) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 12))
        setField(o, 0, Types.checkedFunction)
        setField(o, 1, owner)
        setField(o, 2, fn)
        return o
    }

    /// The type whose instances `fn` (found as `name` through type `t`) needs as self, or NULL
    /// when the call needs no check (object's methods check for themselves; a builtin function
    /// stored in a user class is a plain function there).
    static func owner(_ t: Obj, _ name: Qstr, _ fn: Obj) -> Obj {
        if !TypeObject.isUserClass(t) { return t == Types.object ? .null : t }
        guard Classes.hasNativePart(t) else { return .null }
        let base = TypeObject.nativeBase(t)
        return Classes.lookup(base, name) == fn ? base : .null
    }

    /// Out of line: Runtime.call is inlined on the VM's hot paths and this case is rare.
    @inline(never)
    static func call(_ f: Obj, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        try check(f, args, nPos)
        return try Native.call(field(f, 2), args, nPos, nKw)
    }

    static func check(_ f: Obj, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) {
        let owner = field(f, 1)
        if nPos == 0 {
            // The native call's own argument check words it (every method takes self).
            let fn = field(f, 2)
            if words(fn)[2] & 0xFF > 0 { _ = try Native.call(fn, args, nPos, 0) }
            throw PyExc.typeError("function missing 1 required positional arguments")
        }
        if !isInstance(args[0], owner) {
            throw PyExc.wrongSelf(TypeObject.name(owner).string, args[0])
        }
    }
}

/// Reads keyword arguments given to a native function.
public struct KwArgs {
    let args: UnsafeMutablePointer<Obj>
    let nPos: Int
    let nKw: Int
    public init(_ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) {
        self.args = args; self.nPos = nPos; self.nKw = nKw
    }
    public func get(_ name: Qstr) -> Obj? {
        for i in 0..<nKw {
            let k = args[nPos + 2 * i]
            // A str key is compared, not interned (as mp_arg_parse_all's map lookup).
            if k == Obj(qstr: name) || (Str.isStr(k) && Str.existingQstr(k) == name) { return args[nPos + 2 * i + 1] }
        }
        return nil
    }
    /// Raises TypeError for a keyword outside `allowed`.
    public func check(_ allowed: [Qstr]) throws(PyExc) {
        for i in 0..<nKw {
            let key = args[nPos + 2 * i]
            if Str.isStr(key), let k = Str.existingQstr(key), allowed.contains(k) { continue }
            // (mp_arg_parse_all names no keyword.)
            throw PyExc.typeError("extra keyword arguments given")
        }
    }
}

extension Runtime {
    /// Calls `f` with `nPos` positional arguments followed by `nKw` key/value pairs at `args`.
    public static func call(_ f: Obj, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        guard f.isPointer else { throw notCallable(f) }
        let t = field(f, 0)
        let kind = TypeObject.kind(t)
        switch kind {
        case .function, .closure:
            return try callBytecode(f, kind, args, nPos, nKw)
        case .builtinFunction:
            return try Native.call(f, args, nPos, nKw)
        case .checkedFunction:
            return try CheckedFunction.call(f, args, nPos, nKw)
        case .boundMethod:
            let total = nPos + 2 * nKw
            let a = try PyStack.pushObjs(total + 1)
            defer { PyStack.pop(to: a) }
            a[0] = field(f, 2)
            if total > 0 { (a + 1).update(from: args, count: total) }
            return try call(field(f, 1), a, nPos + 1, nKw)
        case .type:
            return try Classes.construct(f, args, nPos, nKw)
        default:
            if let p = NativeProtocols.of(type: t), let call = p.call, kindOf(f) == .nativeObject {
                return try call(f, args, nPos, nKw)
            }
            if TypeObject.isUserClass(t), let m = Classes.lookup(t, .__call__) {
                let total = nPos + 2 * nKw
                let a = try PyStack.pushObjs(total + 1)
                defer { PyStack.pop(to: a) }
                a[0] = f
                if total > 0 { (a + 1).update(from: args, count: total) }
                return try call(m, a, nPos + 1, nKw)
            }
            // An instance of a subclass of a callable native type (a type, say) calls its native part.
            if kindOf(f) == .instance, Classes.hasNativePart(t) {
                let n = Classes.nativePart(f)
                if !n.isNull { return try call(n, args, nPos, nKw) }
            }
            throw notCallable(f)
        }
    }

    static func notCallable(_ f: Obj) -> PyExc {
        PyExc.typeError("'\(typeName(f))' object isn't callable")
    }

    /// CALL_METHOD: args[0] is the function, args[1] self or NULL, then the arguments.
    @inline(__always)
    public static func callMethod(_ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        if args[1].isNull { return try call(args[0], args + 2, nPos, nKw) }
        return try call(args[0], args + 1, nPos + 1, nKw)
    }

    /// CALL_FUNCTION_VAR_KW / CALL_METHOD_VAR_KW: expands *iterables (bitmap) and **mappings
    /// (NULL keys) into a fresh argument array on the value stack.
    public static func callVarKw(_ sp: UnsafeMutablePointer<Obj>, hasSelf: Bool, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let fn = sp[0]
        let selfObj = hasSelf ? sp[1] : Obj.null
        let first = sp + (hasSelf ? 2 : 1)
        let bitmap = first[nPos + 2 * nKw].smallValue
        // Positional args go into a list first (size unknown), keywords into a dict.
        let posList = try List.make(count: 0)
        let holder = try PyStack.pushObjs(2)
        defer { PyStack.pop(to: holder) }
        holder[0] = posList
        if !selfObj.isNull { try List.append(posList, selfObj) }
        for i in 0..<nPos {
            if bitmap & (1 << i) != 0 {
                let it = try getIter(first[i])
                holder[1] = it
                while true {
                    let v = try iterNext(it)
                    if v.isNull { break }
                    try List.append(posList, v)
                }
            } else {
                try List.append(posList, first[i])
            }
        }
        var kwCount = 0
        let kwDict = try Dict.make()
        holder[1] = kwDict
        for i in 0..<nKw {
            let k = first[nPos + 2 * i], v = first[nPos + 2 * i + 1]
            if k.isNull {
                try mergeKwargs(into: kwDict, from: v)
            } else {
                try setKwarg(kwDict, k, v)
            }
        }
        kwCount = Dict.count(kwDict)
        let np = List.count(posList)
        let a = try PyStack.pushObjs(np + 2 * kwCount)
        if np > 0 { a.update(from: List.items(posList), count: np) }
        var j = np
        let m = Dict.map(kwDict)
        var it = 0
        while let s = m.next(from: &it) {
            guard Str.isStr(s[0]) else { throw PyExc.typeError("keywords must be strings") }
            a[j] = s[0]; a[j + 1] = s[1]; j += 2
        }
        return try call(fn, a, np, kwCount)
    }

    /// Adds one keyword argument; the same name twice (`f(a=1, **{'a': 2})`) is a TypeError.
    static func setKwarg(_ d: Obj, _ k: Obj, _ v: Obj) throws(PyExc) {
        // One probe: a slot just added holds NULL.
        let slot = try Dict.map(d).findOrAdd(k)
        if !slot[1].isNull {
            throw PyExc.typeError("function got multiple values for argument '\(Str.isStr(k) ? Str.string(k) : "?")'")
        }
        slot[1] = v
    }

    static func mergeKwargs(into d: Obj, from m: Obj) throws(PyExc) {
        if kindOf(m) == .dict {
            let map = Dict.map(m)
            var i = 0
            while let s = map.next(from: &i) { try setKwarg(d, s[0], s[1]) }
            return
        }
        // A general mapping: keys() then m[key].
        let keys = try callMethodByName(m, .keys, [])
        let it = try getIter(keys)
        while true {
            let k = try iterNext(it)
            if k.isNull { break }
            try setKwarg(d, k, try getItem(m, k))
        }
    }

    /// Calls method `name` of `o` with up to a few positional args given as an array literal.
    /// The array is copied to the value stack before anything allocates.
    /// `callMethodByName` with one or two arguments, without an array.
    public static func callMethodByName(_ o: Obj, _ name: Qstr, _ arg0: Obj, _ arg1: Obj? = nil) throws(PyExc) -> Obj {
        let n = arg1 == nil ? 1 : 2
        let a = try PyStack.pushObjs(2 + n)
        defer { PyStack.pop(to: a) }
        a[2] = arg0
        if let b = arg1 { a[3] = b }
        try loadMethod(o, name, a)
        return try callMethod(a, n, 0)
    }

    public static func callMethodByName(_ o: Obj, _ name: Qstr, _ argv: [Obj]) throws(PyExc) -> Obj {
        let a = try PyStack.pushObjs(2 + argv.count)
        defer { PyStack.pop(to: a) }
        for (i, v) in argv.enumerated() { a[2 + i] = v }
        try loadMethod(o, name, a)
        return try callMethod(a, argv.count, 0)
    }

    /// Calls `f` with the given positional arguments (copied to the value stack first).
    /// Calls special method `m` found in the class of `argv[0]` (the instance): a
    /// staticmethod gets the other arguments, a classmethod the class first.
    public static func invokeMethod(_ m: Obj, _ argv: Obj...) throws(PyExc) -> Obj {
        var fn = m
        var first = 0
        if m.isPointer {
            switch TypeObject.kind(field(m, 0)) {
            case .staticMethod: fn = field(m, 1); first = 1
            case .classMethod: fn = field(m, 1)
            default: break
            }
        }
        let a = try PyStack.pushObjs(max(1, argv.count))
        defer { PyStack.pop(to: a) }
        for (i, v) in argv.enumerated() { a[i] = v }
        if fn != m && first == 0 { a[0] = kindOf(argv[0]) == .type ? argv[0] : typeOf(argv[0]) }
        return try call(fn, a + first, argv.count - first, 0)
    }

    public static func invoke(_ f: Obj, _ argv: Obj...) throws(PyExc) -> Obj {
        let a = try PyStack.pushObjs(max(1, argv.count))
        defer { PyStack.pop(to: a) }
        for (i, v) in argv.enumerated() { a[i] = v }
        return try call(f, a, argv.count, 0)
    }

    // MARK: bytecode functions

    /// Calls a bytecode function or closure (`kind`): its frame goes on the value stack and
    /// the VM runs it. A generator function's call makes the generator instead, and machine
    /// code runs on NativeCode.
    @inline(__always)
    static func callBytecode(_ f: Obj, _ kind: Kind, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        guard let frame = try frameForCall(f, kind, args, nPos, nKw) else {
            if kind == .closure {
                return try callGeneratorOrMachineCode(field(f, 1), cells: slots(f, 3), Int(words(f)[2]), args, nPos, nKw)
            }
            return try callGeneratorOrMachineCode(f, cells: nil, 0, args, nPos, nKw)
        }
        // The frame's charge is given back on both paths (written out: a `defer` here became
        // an out-of-line function).
        let cost = VM.frameCost &+ VM.slotCost &* RawCodeObj.nState(Function.rawCode(Obj(raw: frame[0])))
        let r: Obj
        do {
            r = try VM.run(frame)
        } catch {
            VM.leave(cost)
            PyStack.pop(to: frame)
            throw error
        }
        VM.leave(cost)
        PyStack.pop(to: frame)
        return r
    }

    /// The frame for calling `f`, a function or closure (`kind`), with its arguments bound and
    /// the stacks charged (`VM.enter`); nil for a generator function or machine code.
    static func frameForCall(_ f: Obj, _ kind: Kind, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> UnsafeMutablePointer<UInt32>? {
        // A closure passes its cells as leading positional arguments.
        var fun = f, cells: UnsafeMutablePointer<Obj>? = nil, nCells = 0
        if kind == .closure {
            fun = field(f, 1)
            cells = slots(f, 3)
            nCells = Int(words(f)[2])
        }
        let w = words(Function.rawCode(fun))
        let nState = Int(w[1] & 0xFFFF)
        let size = Frame.headerWords &+ nState &+ Frame.recordWords &* Int(w[1] >> 16)
        let p = PyStack.top
        // The common call: exactly the positional parameters, no *args, **kwargs, keyword-only
        // parameters or cells to make, not a generator or machine code, and room for the frame
        // rounded up to 16 words (see below). Anything else is bound in full.
        let flagsAndKwOnly: UInt32 = 0x00FF_0000 | RawCodeObj.generatorFlag | RawCodeObj.varKwFlag
            | RawCodeObj.varArgsFlag | RawCodeObj.machineCodeFlag
        let room = UInt(bitPattern: PyStack.limit) &- UInt(bitPattern: p)
        guard nKw == 0 && w[2] & flagsAndKwOnly == 0 && Int((w[2] >> 8) & 0xFF) == nPos &+ nCells
                && w[5] >> 24 == 0 && room >= UInt(max(size, 16)) &* 4 else {
            return try boundFrame(fun, cells: cells, nCells, args, nPos, nKw)
        }
        _ = try VM.enter(nState: nState)
        // Most frames have at most 16 words: two vector stores clear them (the words past a
        // smaller frame are above the stack's top, unused), without a call to memset.
        if size <= 16 {
            let raw = UnsafeMutableRawPointer(p)
            raw.storeBytes(of: SIMD8<UInt32>(), as: SIMD8<UInt32>.self)
            raw.storeBytes(of: SIMD8<UInt32>(), toByteOffset: 32, as: SIMD8<UInt32>.self)
        } else {
            p.initialize(repeating: 0, count: size)
        }
        p[0] = fun.raw
        p[2] = UInt32(bitPattern: -1)
        var fastTop = UnsafeMutableRawPointer(p + Frame.headerWords).assumingMemoryBound(to: Obj.self) + (nState &- 1)
        if nCells > 0 { copyDown(from: cells.unsafelyUnwrapped, nCells, to: &fastTop) }
        if nPos > 0 {
            fastTop[0] = args[0]
            if nPos > 1 {
                fastTop[-1] = args[1]
                if nPos > 2 { fastTop -= 2; copyDown(from: args + 2, nPos &- 2, to: &fastTop) }
            }
        }
        PyStack.top = p + size
        return p
    }

    /// Stores `n` objects downward from `dst` (locals are addressed downward), moving it past them.
    @inline(never)
    static func copyDown(from src: UnsafeMutablePointer<Obj>, _ n: Int, to dst: inout UnsafeMutablePointer<Obj>) {
        for i in 0..<n { dst[-i] = src[i] }
        dst -= n
    }

    /// `frameForCall` for anything but the common call: full binding (`bindArguments`).
    @inline(never)
    static func boundFrame(_ fun: Obj, cells: UnsafeMutablePointer<Obj>?, _ nCells: Int,
                           _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> UnsafeMutablePointer<UInt32>? {
        let rc = Function.rawCode(fun)
        if RawCodeObj.scopeFlags(rc) & (RawCodeObj.generatorFlag | RawCodeObj.machineCodeFlag) != 0 { return nil }
        let nState = RawCodeObj.nState(rc)
        let frame = try PyStack.push(Frame.words(nState: nState, nExc: RawCodeObj.nExcStack(rc)))
        frame[0] = fun.raw
        frame[2] = UInt32(bitPattern: -1)
        do throws(PyExc) {
            try bindArguments(fun, frame, cells: cells, nCells, args, nPos, nKw)
            _ = try VM.enter(nState: nState)
        } catch {
            PyStack.pop(to: frame)
            throw error
        }
        return frame
    }

    /// A generator function's call makes the generator; machine code runs on NativeCode.
    /// Kept out of callBytecode so the common call stays small.
    @inline(never)
    static func callGeneratorOrMachineCode(_ fun: Obj, cells: UnsafeMutablePointer<Obj>?, _ nCells: Int,
                                           _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        if RawCodeObj.scopeFlags(Function.rawCode(fun)) & RawCodeObj.machineCodeFlag != 0 {
            return try NativeCode.call(fun, cells: cells, nCells, args, nPos, nKw)
        }
        return try Generator.make(fun, cells: cells, nCells, args, nPos, nKw)
    }

    /// Places arguments into a fresh frame's locals (mp_setup_code_state): positional, defaults,
    /// keyword matching by name, *args, **kwargs, keyword-only defaults, then fresh cells.
    static func bindArguments(_ fun: Obj, _ frame: UnsafeMutablePointer<UInt32>, cells: UnsafeMutablePointer<Obj>?, _ nCells: Int,
                              _ args: UnsafeMutablePointer<Obj>, _ nPosGiven: Int, _ nKw: Int) throws(PyExc) {
        let rc = Function.rawCode(fun)
        let nState = RawCodeObj.nState(rc)
        let state = UnsafeMutableRawPointer(frame + Frame.headerWords).assumingMemoryBound(to: Obj.self)
        let fastTop = state + (nState - 1)
        let flags = RawCodeObj.scopeFlags(rc)
        let nPosParams = RawCodeObj.nPos(rc)
        let nKwOnly = RawCodeObj.nKwOnly(rc)
        let nDef = RawCodeObj.nDef(rc)
        let nPos = nPosGiven + nCells
        // Fast path: exactly the positional parameters, nothing else.
        if nKw == 0 && flags & (RawCodeObj.varArgsFlag | RawCodeObj.varKwFlag) == 0 && nKwOnly == 0 && nPos == nPosParams {
            for i in 0..<nCells { fastTop[-i] = cells![i] }
            for i in 0..<nPosGiven { fastTop[-(nCells + i)] = args[i] }
        } else {
            try bindGeneral(fun, rc, fastTop, cells, nCells, args, nPosGiven, nKw, flags, nPosParams, nKwOnly, nDef)
        }
        // Wrap the locals listed in the closure info into fresh cells.
        if words(rc)[5] >> 24 == 0 { return }
        let (cellBytes, nCell) = RawCodeObj.cellInfo(rc)
        for i in 0..<nCell {
            let local = Int(cellBytes[i])
            fastTop[-local] = try Cell.make(fastTop[-local])
        }
    }

    /// "f() takes 2 positional arguments but 1 were given" (the unix build's detailed text) or
    /// "function takes ..." (the ESP8266's normal one). Counts include closed-over cells, which
    /// a closure passes as leading arguments.
    @inline(never)
    static func positionalMismatch(_ fun: Obj, _ expected: Int, _ given: Int) -> PyExc {
        let who = MicroPythonRuntime.port.detailedErrors ? "\(Function.name(fun).string)()" : "function"
        return PyExc.typeError("\(who) takes \(expected) positional arguments but \(given) were given")
    }

    /// Binding with defaults, keywords, *args or **kwargs, checked in the order MicroPython's
    /// mp_setup_code_state checks, so that each mistake gets the same error.
    static func bindGeneral(_ fun: Obj, _ rc: Obj, _ fastTop: UnsafeMutablePointer<Obj>,
                            _ cells: UnsafeMutablePointer<Obj>?, _ nCells: Int,
                            _ args: UnsafeMutablePointer<Obj>, _ nPosGiven: Int, _ nKw: Int,
                            _ flags: UInt32, _ nPosParams: Int, _ nKwOnly: Int, _ nDef: Int) throws(PyExc) {
        let nPos = nPosGiven + nCells
        if RawCodeObj.emitKind(rc) == EmitKind.viper {
            // Viper functions take exactly their positional arguments (no defaults, no keywords).
            if nKw > 0 { throw PyExc.typeError("function doesn't take keyword arguments") }
            // (Checked as a native function is, mp_arg_check_num_sig: no name in the text.)
            if nPos != nPosParams {
                throw PyExc.typeError("function takes \(nPosParams) positional arguments but \(nPos) were given")
            }
        }
        @inline(__always) func positional(_ i: Int) -> Obj { i < nCells ? cells![i] : args[i - nCells] }
        let hasVarArgs = flags & RawCodeObj.varArgsFlag != 0
        let hasVarKw = flags & RawCodeObj.varKwFlag != 0
        let hasKwDefaults = flags & RawCodeObj.kwDefaultsFlag != 0
        if nPos > nPosParams {
            if !hasVarArgs { throw positionalMismatch(fun, nPosParams, nPos) }
        } else if nKw == 0 && !hasKwDefaults && nPos < nPosParams - nDef {
            throw positionalMismatch(fun, nPosParams - nDef, nPos)
        }
        for i in 0..<min(nPos, nPosParams) { fastTop[-i] = positional(i) }
        var next = nPosParams + nKwOnly
        if hasVarArgs {
            let extra = max(0, nPos - nPosParams)
            let t = try Tuple.make(count: extra)
            for i in 0..<extra { setField(t, 2 + i, positional(nPosParams + i)) }
            fastTop[-next] = t
            next += 1
        }
        var kwDict = Obj.null
        if hasVarKw {
            kwDict = try Dict.make()
            fastTop[-next] = kwDict
        }
        let ctx = Function.context(fun)
        for k in 0..<nKw {
            let key = args[nPosGiven + 2 * k], value = args[nPosGiven + 2 * k + 1]
            let name = try Str.intern(key)
            var found = false
            for p in 0..<(nPosParams + nKwOnly) where Loader.qstr(ctx, RawCodeObj.argNameIndex(rc, p)) == name {
                if !fastTop[-p].isNull {
                    throw PyExc.typeError("function got multiple values for argument '\(name.string)'")
                }
                fastTop[-p] = value
                found = true
                break
            }
            if !found {
                if kwDict.isNull { throw PyExc.typeError("unexpected keyword argument '\(name.string)'") }
                if try Dict.get(kwDict, key) != nil {
                    throw PyExc.typeError("function got multiple values for argument '\(name.string)'")
                }
                try Dict.set(kwDict, key, value)
            }
        }
        // Positional defaults fill the last nDef positional parameters; of the others left
        // empty (possible only with keywords) the highest-numbered is named, counting from 0.
        var missing = -1
        let firstDefault = nPosParams - nDef
        for i in 0..<nPosParams where fastTop[-i].isNull {
            if i >= firstDefault { fastTop[-i] = field(fun, 4 + i - firstDefault) } else { missing = i }
        }
        if missing >= 0 { throw PyExc.typeError("function missing required positional argument #\(missing)") }
        if nKwOnly > 0 && nKw == 0 && !hasKwDefaults {
            throw PyExc.typeError("function missing keyword-only argument")
        }
        if nKwOnly > 0 {
            let kwDefaults = hasKwDefaults ? field(fun, 4 + nDef) : Obj.null
            for i in nPosParams..<(nPosParams + nKwOnly) where fastTop[-i].isNull {
                let name = Loader.qstr(ctx, RawCodeObj.argNameIndex(rc, i))
                if !kwDefaults.isNull, let v = try Dict.get(kwDefaults, Obj(qstr: name)) {
                    fastTop[-i] = v
                } else {
                    throw PyExc.typeError("function missing required keyword argument '\(name.string)'")
                }
            }
        }
    }
}
