/// The runtime's operations on values, used by the VM and by native code.
public enum Runtime {
    /// The dict STORE_NAME/LOAD_NAME use: module globals, or a class body's namespace.
    nonisolated(unsafe) public static var locals = Obj(raw: 0)
    /// The builtins module's dict (static), and names assigned into builtins at run time.
    nonisolated(unsafe) public static var builtinsDict = Obj(raw: 0)

    public static func loadName(_ q: Obj, globals: Obj) throws(PyExc) -> Obj {
        if locals != globals, !locals.isNull, let s = Dict.map(locals).lookupQstr(q) { return s[1] }
        if let s = Dict.map(globals).lookupQstr(q) { return s[1] }
        return try loadBuiltin(q)
    }

    public static func loadBuiltin(_ q: Obj) throws(PyExc) -> Obj {
        let over = Heap.roots[Root.builtinsOverride]
        if !over.isNull, let s = Dict.map(over).lookupQstr(q) { return s[1] }
        if let s = Dict.map(builtinsDict).lookupQstr(q) { return s[1] }
        throw PyExc.nameError("name '\(Str.string(q))' isn't defined")
    }

    /// Ctrl-C and scheduled callbacks, checked at jumps.
    public static func handlePending() throws(PyExc) {
        if VM.pendingInterrupt {
            VM.pendingInterrupt = false
            VM.pendingHook = false
            // A fresh instance can carry a traceback (the preallocated one cannot); it is
            // only the fallback when the heap is full or locked.
            let fresh = try? Exceptions.instantiate(Exceptions.KeyboardInterrupt, .null)
            throw PyExc(fresh ?? Exceptions.keyboardInterrupt())
        }
        VM.pendingHook = false
        if let poll = MicroPythonRuntime.portEvents { try poll() }
        try Scheduler.runPending()
    }

    // MARK: truth, hash, equality

    public static func isTrue(_ o: Obj) throws(PyExc) -> Bool {
        if o == .true { return true }
        if o == .false || o == .none || o.isNull { return false }
        if o.isSmallInt { return o.smallValue != 0 }
        if o.isQstr { return QstrPool.length(o.qstrValue) > 0 }
        switch kindOf(o) {
        case .float: return Float.value(o) != 0
        case .int: return !IntOps.isZero(o)
        case .complex: return Complex.real(o) != 0 || Complex.imag(o) != 0
        case .str, .bytes: return Str.length(o) > 0
        case .list: return List.count(o) > 0
        case .tuple: return Tuple.count(o) > 0
        case .dict: return Dict.count(o) > 0
        case .set, .frozenset: return SetObj.count(o) > 0
        case .bytearray: return ByteArray.count(o) > 0
        case .memoryview: return MemoryView.count(o) > 0
        case .range: return Range.length(o) > 0
        case .iterator:
            // Dict views are true when their dict is not empty; iterators always are.
            switch Iteration.kind(o) {
            case .keysView, .valuesView, .itemsView: return Dict.count(field(o, 2)) > 0
            default: return true
            }
        case .nativeObject:
            let t = typeOf(o)
            if let m = Classes.lookup(t, .__bool__) { return try isTrue(try invokeMethod(m, o)) }
            if let m = Classes.lookup(t, .__len__) { return try isTrue(try invokeMethod(m, o)) }
            return true
        case .instance:
            let t = typeOf(o)
            // As mp_obj_is_true: only True from __bool__ is true (no check of its type); a
            // native base answers before a __len__ (the class lookup meets its slot first);
            // a length is true unless it is the small int 0.
            if let m = Classes.lookup(t, .__bool__) { return try invokeMethod(m, o) == .true }
            let native = Classes.nativePart(o)
            if !native.isNull && NativeSlots.hasUnaryOp(native) { return try isTrue(native) }
            if let m = Classes.lookup(t, .__len__) { return try invokeMethod(m, o) != Obj(small: 0) }
            return true
        default: return true
        }
    }

    public static func hash(_ o: Obj) throws(PyExc) -> Int {
        if o.isSmallInt { return o.smallValue }
        if o.isQstr { return Int(QstrPool.hashOf(o.qstrValue)) }
        if o == .true { return 1 }
        if o == .false { return 0 }
        // C hashes None by its immediate object word: (0 << 3) | 6 in the 64-bit build's
        // representation A, (0 << 4) | 0xe in the 32-bit representation C.
        if o == .none { return MicroPythonRuntime.port.wordBits >= 64 ? 6 : 14 }
        switch kindOf(o) {
        case .str, .bytes: return Int(Str.hash(o))
        case .int: return IntOps.hash(o)
        case .float:
            return Float.hash(Float.value(o))
        case .complex:
            return Complex.hash(o)
        case .tuple:
            let cost = try VM.enterNested()
            defer { VM.leave(cost) }
            var h = 0x345678
            for i in 0..<Tuple.count(o) { h = (h &* 1000003) ^ (try hash(Tuple.item(o, i))) }
            return h & 0x3FFF_FFFF
        case .frozenset:
            var h = 0
            let n = SetObj.alloc(o)
            let t = SetObj.table(o)
            let cost = try VM.enterNested()
            defer { VM.leave(cost) }
            for i in 0..<n where !t[i].isNull && t[i] != .sentinel { h ^= try hash(t[i]) }
            return h & 0x3FFF_FFFF
        case .boundMethod: return Int((field(o, 1).raw ^ field(o, 2).raw) >> 2)
        // Types whose operators decline hashing.
        case .list, .dict, .set, .bytearray, .memoryview, .range, .slice:
            throw PyExc.typeError("unsupported type for __hash__: '\(typeName(o))'")
        case .iterator where Iteration.kind(o) == .keysView || Iteration.kind(o) == .itemsView:
            // Set-like views are unhashable (the values view hashes by identity).
            throw PyExc.typeError("unsupported type for __hash__: '\(typeName(o))'")
        case .instance:
            let t = typeOf(o)
            // object's own __eq__/__hash__ builtins count as "not defined by the class".
            if let m = Classes.lookup(t, .__hash__), kindOf(m) != .builtinFunction {
                if m == .none { throw PyExc.typeError("'NoneType' object isn't callable") }
                // __hash__'s result is cut to a small int, as the C build does.
                return IntOps.truncatedToSmall(try IntOps.truncatedWord(try invokeMethod(m, o)))
            }
            // A native base with operators hashes (or refuses to) before the class's __eq__
            // is looked at, as C's lookup meets its slot first.
            let n = Classes.nativePart(o)
            if !n.isNull && NativeSlots.hasUnaryOp(n) { return try hash(n) }
            if let m = Classes.lookup(t, .__eq__), kindOf(m) != .builtinFunction {
                throw PyExc.typeError("unsupported type for __hash__: '\(typeName(o))'")
            }
            return Int(o.raw >> 4)
        case .nativeObject:
            // A native class whose __hash__ is None is unhashable (a C type whose unary_op
            // declines MP_UNARY_OP_HASH).
            // array and deque have operators, which decline it.
            if let m = Classes.lookup(typeOf(o), .__hash__), m == .none {
                throw PyExc.typeError("unsupported type for __hash__: '\(typeName(o))'")
            }
            if NativeSlots.hasUnaryOp(o) { throw PyExc.typeError("unsupported type for __hash__: '\(typeName(o))'") }
            return Int(o.raw >> 4)
        default:
            return Int(o.raw >> 4)
        }
    }

    public static func equals(_ a: Obj, _ b: Obj) throws(PyExc) -> Bool {
        if a == b {
            if a.isPointer && Float.isFloat(a) { return !Float.value(a).isNaN }
            // complex is not reflexive either (MP_TYPE_FLAG_EQ_NOT_REFLEXIVE): a NaN part.
            if a.isPointer && Complex.isComplex(a) { return !Complex.real(a).isNaN && !Complex.imag(a).isNaN }
            if !a.isPointer || kindOf(a) != .instance { return true }
        }
        if a.isSmallInt && b.isSmallInt { return false }
        if a.isQstr && b.isQstr { return false }
        let r = try binaryOp(BinOp.equal, a, b)
        // An __eq__ may answer anything: its truth counts (as C's mp_obj_equal takes it).
        if r == .true { return true }
        if r == .false { return false }
        return try isTrue(r)
    }

    // MARK: subscripts

    public static func getItem(_ o: Obj, _ index: Obj) throws(PyExc) -> Obj {
        switch kindOf(o) {
        case .list:
            if index.isSmallInt {
                let n = List.count(o)
                var i = index.smallValue
                if i < 0 { i += n }
                if i < 0 || i >= n { throw PyExc.indexError("list index out of range") }
                return List.item(o, i)
            }
            return try Sequences.listSubscript(o, index)
        case .tuple:
            if index.isSmallInt {
                let n = Tuple.count(o)
                var i = index.smallValue
                if i < 0 { i += n }
                if i < 0 || i >= n { throw PyExc.indexError("tuple index out of range") }
                return Tuple.item(o, i)
            }
            return try Sequences.tupleSubscript(o, index)
        case .dict:
            if let v = try Dict.get(o, index) { return v }
            if typeOf(o) != Types.dict, let m = Classes.lookup(typeOf(o), Qstr("__missing__")) {
                return try invokeMethod(m, o, index)
            }
            throw PyExc.keyError(index)
        case .str: return try StrMethods.getItem(o, index)
        case .bytes, .bytearray: return try BytesMethods.getItem(o, index)
        case .range: return try Range.getItem(o, index)
        case .memoryview: return try MemoryView.getItem(o, index)
        case .nativeObject:
            if let m = Classes.lookup(typeOf(o), .__getitem__) { return try invokeMethod(m, o, index) }
            throw PyExc.typeError("'\(typeName(o))' object isn't subscriptable")
        case .type:
            if let m = Classes.lookup(o, .__class_getitem__) { return try invokeMethod(m, o, index) }
            throw PyExc.typeError("'type' object isn't subscriptable")
        case .instance:
            if let m = Classes.lookup(typeOf(o), .__getitem__) { return try invokeMethod(m, o, index) }
            let n = Classes.nativePart(o)
            if !n.isNull && NativeSlots.hasSubscript(n) { return try getItem(n, index) }
            fallthrough
        default:
            throw PyExc.typeError("'\(typeName(o))' object isn't subscriptable")
        }
    }

    /// STORE_SUBSCR; `value` NULL deletes.
    public static func storeSubscript(_ o: Obj, _ index: Obj, _ value: Obj) throws(PyExc) {
        switch kindOf(o) {
        case .list:
            if index.isSmallInt && !value.isNull {
                let n = List.count(o)
                var i = index.smallValue
                if i < 0 { i += n }
                if i < 0 || i >= n { throw PyExc.indexError("list index out of range") }
                List.items(o)[i] = value
                return
            }
            try Sequences.listStore(o, index, value)
        case .dict:
            try Dict.checkMutable(o)
            if value.isNull {
                if try Dict.map(o).remove(index) == nil { throw PyExc.keyError(index) }
            } else {
                try Dict.set(o, index, value)
            }
        case .bytearray, .memoryview: try BytesMethods.store(o, index, value)
        case .nativeObject:
            let name: Qstr = value.isNull ? .__delitem__ : .__setitem__
            guard let m = Classes.lookup(typeOf(o), name) else {
                throw PyExc.typeError("'\(typeName(o))' object doesn't support item \(value.isNull ? "deletion" : "assignment")")
            }
            if value.isNull { _ = try invokeMethod(m, o, index) } else { _ = try invokeMethod(m, o, index, value) }
        case .instance:
            let name: Qstr = value.isNull ? .__delitem__ : .__setitem__
            if let m = Classes.lookup(typeOf(o), name) {
                if value.isNull { _ = try invokeMethod(m, o, index) } else { _ = try invokeMethod(m, o, index, value) }
                return
            }
            let n = Classes.nativePart(o)
            if !n.isNull && kindOf(n) != .exception { return try storeSubscript(n, index, value) }
            fallthrough
        default:
            if value.isNull { throw PyExc.typeError("'\(typeName(o))' object doesn't support item deletion") }
            throw PyExc.typeError("'\(typeName(o))' object doesn't support item assignment")
        }
    }

    // MARK: unpacking

    public static func unpackSequence(_ seq: Obj, _ n: Int, _ dest: UnsafeMutablePointer<Obj>) throws(PyExc) {
        let k = kindOf(seq)
        if k == .tuple || k == .list {
            let len = k == .tuple ? Tuple.count(seq) : List.count(seq)
            let items = k == .tuple ? Tuple.items(seq) : List.items(seq)
            if len < n { throw PyExc.valueError("need more than \(len) values to unpack") }
            if len > n { throw PyExc.valueError("too many values to unpack (expected \(n))") }
            for i in 0..<n { dest[i] = items[n - 1 - i] }
            return
        }
        let it = try getIter(seq)
        // dest[0] still holds seq; collect into dest from the top, then reverse.
        let tmp = try PyStack.pushObjs(n + 1)
        defer { PyStack.pop(to: tmp) }
        tmp[n] = it
        for i in 0..<n {
            let v = try iterNext(it)
            if v.isNull { throw PyExc.valueError("need more than \(i) values to unpack") }
            tmp[i] = v
        }
        if !(try iterNext(it)).isNull { throw PyExc.valueError("too many values to unpack (expected \(n))") }
        for i in 0..<n { dest[i] = tmp[n - 1 - i] }
    }

    public static func unpackEx(_ seq: Obj, _ nLeft: Int, _ nRight: Int, _ dest: UnsafeMutablePointer<Obj>) throws(PyExc) {
        // Materialise as a list first (also handles arbitrary iterables).
        let l = try Builtins.listFrom(seq)
        let hold = try PyStack.pushObjs(1)
        defer { PyStack.pop(to: hold) }
        hold[0] = l
        let len = List.count(l)
        if len < nLeft + nRight { throw PyExc.valueError("need more than \(len) values to unpack") }
        for i in 0..<nRight { dest[i] = List.item(l, len - 1 - i) }
        let mid = try List.make(List.items(l) + nLeft, len - nLeft - nRight)
        dest[nRight] = mid
        for i in 0..<nLeft { dest[nRight + 1 + i] = List.item(l, nLeft - 1 - i) }
    }
}

/// micropython.schedule's queue; run at the next jump.
public enum Scheduler {
    /// How many callbacks may wait (MICROPY_SCHEDULER_DEPTH).
    nonisolated(unsafe) public static var depth = 8

    /// micropython.schedule: queues `function(argument)` to run at the next jump or wait;
    /// false when the queue is full.
    public static func schedule(_ function: Obj, _ argument: Obj) throws(PyExc) -> Bool {
        var q = Heap.roots[Root.scheduled]
        if q.isNull {
            q = try List.make(count: 0)
            Heap.roots[Root.scheduled] = q
        }
        if List.count(q) >= depth { return false }
        try List.append(q, try Tuple.make2(function, argument))
        VM.pendingHook = true
        return true
    }

    /// True while a callback runs: the scheduler is locked, as MicroPython's, so callbacks it
    /// schedules wait until it has finished (and the queue can fill up).
    nonisolated(unsafe) public static var running = false

    /// micropython.kbd_intr, which schedule() takes as "raise KeyboardInterrupt".
    nonisolated(unsafe) public static var kbdIntrFunction = Obj(raw: 0)
    /// A scheduled KeyboardInterrupt waits for the next run of the scheduler.
    nonisolated(unsafe) public static var interruptScheduled = false

    public static func scheduleInterrupt() {
        interruptScheduled = true
        VM.pendingHook = true
    }

    public static func runPending() throws(PyExc) {
        if running { return }
        if interruptScheduled {
            // Raised at the next check, as a Ctrl-C typed now would be.
            interruptScheduled = false
            VM.pendingInterrupt = true
        }
        let q = Heap.roots[Root.scheduled]
        if q.isNull || List.count(q) == 0 { return }
        // At most one callback per check, as mp_sched_run_pending: one that schedules itself
        // again cannot starve the program; the rest wait for the next check.
        do {
            let pair = List.remove(at: 0, q)
            running = true
            defer {
                running = false
                if List.count(q) > 0 || interruptScheduled { VM.pendingHook = true }
            }
            // As mp_call_function_1_protected: an exception in a callback is printed, and the
            // program goes on (a board reset still propagates).
            do throws(PyExc) {
                _ = try Runtime.invoke(Tuple.item(pair, 0), Tuple.item(pair, 1))
            } catch {
                if VM.abandoning { throw error }
                var p = Printer()
                Traceback.format(error.obj, &p)
                p.bytes.withUnsafeBufferPointer { Builtins.writeStdout($0) }
            }
        }
    }
}
