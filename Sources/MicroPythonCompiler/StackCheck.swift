/// The second half of the .mpy check: the value stack and the exception-handler stack of one
/// bytecode function, followed along every path the VM can take (abstract interpretation).
///
/// The VM trusts what our compiler emits: it never checks that the stack holds what an
/// instruction takes, that END_FINALLY finds one of its own unwind markers, that FOR_ITER
/// finds an iterator block, or that the stack stays clear of the locals. A file can say
/// anything, so every slot gets a kind: an object (some known to be None, the exception a
/// handler caught, a list/dict/set a comprehension fills, a keyword's name, or the number the
/// VM leaves on top of an unwind marker), the null the VM uses for "absent", a word of an
/// iterator block, or the raw code offset under a jump's marker. Each instruction must find
/// the kinds it takes, and no instruction may take a raw word as an object.
///
/// Unwinding is followed slot by slot as the VM does it: an exception enters a handler with
/// the stack it had at SETUP_* plus the exception; a return enters a finally handler with the
/// value and -1; an UNWIND_JUMP with its destination offset and the count of records still to
/// unwind. END_FINALLY resumes whichever it finds. Because a finally handler's stack differs
/// with how it was entered, a place in the code may hold several stack shapes ("variants"),
/// each followed on its own. Finally, the deepest the stack gets (with the scratch slots some
/// instructions use above it) plus the locals the code touches must fit the declared state.
final class StackCheck {
    // Slot kinds. Objects:
    static let object: UInt16 = 1, none: UInt16 = 2, caught: UInt16 = 3
    static let list: UInt16 = 4, dict: UInt16 = 5, set: UInt16 = 6, name: UInt16 = 7
    /// False, as EXCEPTION_MATCH gives for something that is no exception.
    static let falseConst: UInt16 = 8
    /// None or a small int (a copy of what an unwind marker has on top).
    static let notException: UInt16 = 9
    /// The global BaseException, and True as matching an exception against it gives.
    static let baseExceptionClass: UInt16 = 10, trueConst: UInt16 = 11
    /// The -1 above a returned value.
    static let returnCause: UInt16 = 16
    /// The count above a jump's destination: 0x100 + index into `causes`.
    static let causeBase: UInt16 = 0x100
    /// What LOAD_FAST of local n gives: 0x400 + n (a cell, if n is one, for MAKE_CLOSURE).
    static let localBase: UInt16 = 0x400
    // Not objects:
    static let null: UInt16 = 20, maybeNull: UInt16 = 21
    static let iterBlock: UInt16 = 24   // 24...27, the four words GET_ITER_STACK makes
    static let iterWords: [UInt16] = [iterBlock, iterBlock + 1, iterBlock + 2, iterBlock + 3]
    /// A jump's destination (a raw offset): 0x200 + index into `dests`.
    static let destBase: UInt16 = 0x200

    @inline(__always) static func isObject(_ k: UInt16) -> Bool {
        (k >= object && k <= trueConst) || k == returnCause || (k >= causeBase && k < destBase) || k >= localBase
    }
    @inline(__always) static func isNullable(_ k: UInt16) -> Bool { isObject(k) || k == null || k == maybeNull }
    @inline(__always) static func isPlain(_ k: UInt16) -> Bool { k == object || (k >= list && k <= trueConst) || k >= localBase }
    @inline(__always) static func isCause(_ k: UInt16) -> Bool { k == returnCause || (k >= causeBase && k < destBase) }
    @inline(__always) static func isDest(_ k: UInt16) -> Bool { k >= destBase && k < localBase }

    struct Handler: Equatable {
        var target: Int
        var isFinally: Bool
        /// The stack its entry sees, below what the entry pushes.
        var entry: [UInt16]
    }

    struct Variant: Equatable {
        var stack: [UInt16]
        var handlers: [Handler]
    }

    struct Cause: Hashable { var count: Int; var popIter: Bool }

    // The file.
    /// The sizes of its qstr and object tables.
    let qstrCount: Int
    let objectCount: Int
    /// Its qstr index of `BaseException` (-1: none).
    let baseException: Int

    // The function being checked.
    var d: [UInt8] = []
    var start = 0
    var nState = 0
    var nExc = 0
    /// Locals the prelude and the call already use (arguments, cells).
    var fixedLocals = 0
    /// The locals the prelude turns into cells.
    var cells: [Bool] = []
    /// For each child: the leading locals its code uses as cells it does not make itself
    /// (its closure's cells; 0 for a plain function).
    var childFree: [Int] = []

    // The walk's state. One checker serves all the functions of a file: the buffers are
    // emptied, not made again (allocating Swift arrays of these types costs more than the walk
    // of a small function).
    /// Locals used as cells (named by *_DEREF or passed to MAKE_CLOSURE), and locals written.
    var cellUse: [Bool] = []
    var stored: [Bool] = []
    var causes: [Cause] = []
    var dests: [Int] = []
    /// For each code offset: its index in `states` when it is a label, else -1.
    var labelSlot: [Int32] = []
    /// The variants held at each label, and whether the label waits in `work`.
    var states: [[Variant]] = []
    var queued: [Bool] = []
    var labelCount = 0
    var work: [Int] = []
    var maxDepth = 0
    var maxLocal = -1
    /// A path reached a place that was not a label: the walk restarts with it as one.
    var newLabel = false

    static let maxVariants = 32

    static func fail() -> MpyError { BytecodeCheck.fail() }

    init(qstrCount: Int, objectCount: Int, baseException: Int) {
        self.qstrCount = qstrCount
        self.objectCount = objectCount
        self.baseException = baseException
    }

    /// Checks the function whose code starts at `start` (the prelude's facts as arguments;
    /// `cells` already set); `targets` are the jump targets a straight decode found (a path
    /// reaching any other place makes it a label and the walk starts again). Returns how many
    /// leading locals must come as cells from a closure.
    ///
    /// Cells: *_DEREF reads a local's cell without looking, so every local named there (or
    /// passed on to MAKE_CLOSURE) must hold one: one the prelude makes, never overwritten by
    /// STORE_FAST or DELETE_FAST, or one of the leading locals a closure's cells fill, which
    /// the parent's MAKE_CLOSURE must then supply (and MAKE_FUNCTION cannot).
    func check(_ d: [UInt8], start: Int, nState: Int, nExc: Int, fixedLocals: Int, targets: [Int],
               childFree: [Int]) throws(MpyError) -> Int {
        self.d = d
        self.start = start
        self.nState = nState
        self.nExc = nExc
        self.fixedLocals = fixedLocals
        self.childFree = childFree
        labelSlot.removeAll(keepingCapacity: true)
        labelSlot.append(contentsOf: repeatElement(-1, count: d.count + 1))
        labelCount = 0
        func addLabel(_ t: Int) {
            guard t >= start && t <= d.count && labelSlot[t] < 0 else { return }
            labelSlot[t] = Int32(labelCount)
            labelCount += 1
        }
        addLabel(start)
        for t in targets { addLabel(t) }
        for _ in 0..<64 {
            reset()
            try run()
            if !newLabel {
                guard maxDepth + max(fixedLocals, maxLocal + 1) <= nState else { throw StackCheck.fail() }
                var free = 0
                for i in 0..<nState {
                    guard !(stored[i] && (cellUse[i] || cells[i])) else { throw StackCheck.fail() }
                    if cellUse[i] && !cells[i] { free = i + 1 }
                }
                return free
            }
        }
        throw StackCheck.fail()
    }

    /// Empties the walk's state for a walk with `labelCount` labels.
    func reset() {
        cellUse.removeAll(keepingCapacity: true)
        cellUse.append(contentsOf: repeatElement(false, count: nState))
        stored.removeAll(keepingCapacity: true)
        stored.append(contentsOf: repeatElement(false, count: nState))
        causes.removeAll(keepingCapacity: true)
        dests.removeAll(keepingCapacity: true)
        work.removeAll(keepingCapacity: true)
        if states.count > labelCount { states.removeLast(states.count - labelCount) }
        for i in 0..<states.count { states[i].removeAll(keepingCapacity: true) }
        while states.count < labelCount { states.append([]) }
        queued.removeAll(keepingCapacity: true)
        queued.append(contentsOf: repeatElement(false, count: labelCount))
        maxDepth = 0
        maxLocal = -1
        newLabel = false
    }

    // MARK: the walk

    func run() throws(MpyError) {
        try arrive(start, Variant(stack: [], handlers: []))
        while let at = work.popLast() {
            let slot = Int(labelSlot[at])
            queued[slot] = false
            for v in states[slot] {
                if newLabel { return }
                try block(from: at, v)
            }
        }
    }

    /// Adds `v` to what label `at` holds, merged into a variant of the same shape if there is
    /// one; queues the label when that changes anything.
    func arrive(_ at: Int, _ v: Variant) throws(MpyError) {
        guard at >= start && at < d.count else { throw StackCheck.fail() }
        if labelSlot[at] < 0 {
            // Kept for the next walk, which this one ends.
            labelSlot[at] = Int32(labelCount)
            labelCount += 1
            newLabel = true
            return
        }
        let slot = Int(labelSlot[at])
        // A label found during this walk: the next walk follows it.
        guard slot < states.count else { return }
        var list = states[slot]
        var changed = true
        if let i = list.firstIndex(where: { sameShape($0, v) }) {
            var w = list[i]
            changed = StackCheck.mergeKinds(&w.stack, v.stack)
            for j in 0..<w.handlers.count where StackCheck.mergeKinds(&w.handlers[j].entry, v.handlers[j].entry) { changed = true }
            list[i] = w
        } else {
            guard list.count < StackCheck.maxVariants else { throw StackCheck.fail() }
            list.append(v)
        }
        if changed {
            states[slot] = list
            if !queued[slot] { queued[slot] = true; work.append(at) }
        }
    }

    /// Can `a` and `b` be one variant (same sizes, and every slot's kinds mergeable)?
    func sameShape(_ a: Variant, _ b: Variant) -> Bool {
        guard a.stack.count == b.stack.count, a.handlers.count == b.handlers.count else { return false }
        for i in 0..<a.stack.count where StackCheck.merge(a.stack[i], b.stack[i]) == nil { return false }
        for (x, y) in zip(a.handlers, b.handlers) {
            guard x.target == y.target, x.isFinally == y.isFinally, x.entry.count == y.entry.count else { return false }
            for i in 0..<x.entry.count where StackCheck.merge(x.entry[i], y.entry[i]) == nil { return false }
        }
        return true
    }

    /// The kind of a slot holding `a` on one path and `b` on another; nil when a variant
    /// must keep them apart (None, a caught exception, unwind markers and iterator words
    /// matter to the instructions that meet them).
    static func merge(_ a: UInt16, _ b: UInt16) -> UInt16? {
        if a == b { return a }
        if (isPlain(a) || a == none) && (isPlain(b) || b == none) { return object }
        let nullA = a == null || a == maybeNull, nullB = b == null || b == maybeNull
        if (nullA || isPlain(a) || a == none) && (nullB || isPlain(b) || b == none) && (nullA || nullB) { return maybeNull }
        return nil
    }

    /// Merges `b` into `a` slot by slot (shapes already found mergeable); true when `a` changed.
    static func mergeKinds(_ a: inout [UInt16], _ b: [UInt16]) -> Bool {
        var changed = false
        for i in 0..<a.count where a[i] != b[i] {
            let k = merge(a[i], b[i]) ?? a[i]
            if k != a[i] { a[i] = k; changed = true }
        }
        return changed
    }

    func cause(_ count: Int, _ popIter: Bool) throws(MpyError) -> UInt16 {
        let c = Cause(count: count, popIter: popIter)
        if let i = causes.firstIndex(of: c) { return StackCheck.causeBase + UInt16(i) }
        guard causes.count < Int(StackCheck.destBase - StackCheck.causeBase) else { throw StackCheck.fail() }
        causes.append(c)
        return StackCheck.causeBase + UInt16(causes.count - 1)
    }

    func dest(_ offset: Int) throws(MpyError) -> UInt16 {
        if let i = dests.firstIndex(of: offset) { return StackCheck.destBase + UInt16(i) }
        guard dests.count < Int(StackCheck.localBase - StackCheck.destBase) else { throw StackCheck.fail() }
        dests.append(offset)
        return StackCheck.destBase + UInt16(dests.count - 1)
    }

    func need(_ s: [UInt16], _ extra: Int = 0) {
        if s.count + extra > maxDepth { maxDepth = s.count + extra }
    }

    // MARK: one straight run of instructions

    func block(from at: Int, _ entry: Variant) throws(MpyError) {
        let S = StackCheck.self
        var st = entry
        var p = at
        var first = true
        need(st.stack)
        while true {
            if !first && labelSlot[p] >= 0 {
                try arrive(p, st)
                return
            }
            first = false
            guard p < d.count else { throw S.fail() }
            let op = d[p]; p += 1

            func pop(_ ok: (UInt16) -> Bool) throws(MpyError) -> UInt16 {
                guard let k = st.stack.popLast(), ok(k) else { throw S.fail() }
                return k
            }
            func popObjects(_ n: Int) throws(MpyError) {
                guard n <= st.stack.count else { throw S.fail() }
                for _ in 0..<n { _ = try pop(S.isObject) }
            }
            func push(_ k: UInt16) { st.stack.append(k) }
            // Operands are checked here too: a jump may land inside an instruction that
            // BytecodeCheck's straight decode read differently.
            func local(_ n: Int) throws(MpyError) {
                guard n < nState else { throw S.fail() }
                if n > maxLocal { maxLocal = n }
            }
            func load(_ n: Int) throws(MpyError) { try local(n); push(S.localBase + UInt16(n)) }
            func store(_ n: Int) throws(MpyError) { try local(n); stored[n] = true }
            func deref(_ n: Int) throws(MpyError) { try local(n); cellUse[n] = true }
            func qstr() throws(MpyError) -> Int {
                let q = try uint(&p)
                guard q < qstrCount else { throw S.fail() }
                return q
            }
            func count() throws(MpyError) -> Int {
                let n = try uint(&p)
                guard n <= nState else { throw S.fail() }
                return n
            }
            func top() throws(MpyError) -> UInt16 {
                guard let k = st.stack.last else { throw S.fail() }
                return k
            }

            switch op {
            case Op.loadConstSmallIntMulti...Op.loadConstSmallIntMultiLast:
                push(S.object)
            case Op.loadFastMulti...Op.loadFastMultiLast:
                try load(Int(op - Op.loadFastMulti))
            case Op.storeFastMulti...Op.storeFastMultiLast:
                try store(Int(op - Op.storeFastMulti)); _ = try pop(S.isObject)
            case Op.unaryOpMulti...Op.unaryOpMultiLast:
                _ = try pop(S.isObject); push(S.object)
            case Op.binaryOpMulti...Op.binaryOpMultiLast:
                let right = try pop(S.isObject)
                let left = try pop(S.isObject)
                var result = S.object
                if Int(op - Op.binaryOpMulti) == Op.binExceptionMatch {
                    // Matching None or a marker's number against an exception class is False;
                    // a caught exception against BaseException is True. (async with's
                    // handler relies on both: its two ways keep different stack shapes.)
                    if left == S.none || left == S.notException || S.isCause(left) { result = S.falseConst }
                    if left == S.caught && right == S.baseExceptionClass { result = S.trueConst }
                }
                push(result)

            case Op.loadConstString:
                _ = try qstr(); push(S.name)
            case Op.loadName, Op.loadGlobal:
                let q = try qstr()
                push(op == Op.loadGlobal && q == baseException ? S.baseExceptionClass : S.object)
            case Op.loadAttr:
                _ = try qstr(); _ = try pop(S.isObject); push(S.object)
            case Op.loadMethod:
                _ = try qstr(); _ = try pop(S.isObject); push(S.object); push(S.maybeNull)
            case Op.loadSuperMethod:
                _ = try qstr(); try popObjects(3); push(S.object); push(S.maybeNull)
            case Op.storeName, Op.storeGlobal:
                _ = try qstr(); _ = try pop(S.isObject)
            case Op.storeAttr:
                _ = try qstr(); _ = try pop(S.isObject); _ = try pop(S.isNullable)
            case Op.deleteName, Op.deleteGlobal:
                _ = try qstr()
            case Op.importName:
                _ = try qstr(); try popObjects(2); push(S.object)
            case Op.importFrom:
                _ = try qstr()
                guard S.isObject(try top()) else { throw S.fail() }
                push(S.object)
            case Op.importStar:
                _ = try pop(S.isObject)

            case Op.makeClosure, Op.makeClosureDefargs:
                let child = try uint(&p)
                let n = Int(try byte(&p))
                guard child < childFree.count, childFree[child] <= n, n <= st.stack.count else { throw S.fail() }
                // The cells: locals loaded as they are.
                for _ in 0..<n { try deref(Int(try pop { $0 >= S.localBase } - S.localBase)) }
                if op == Op.makeClosureDefargs { _ = try pop(S.isNullable); _ = try pop(S.isNullable) }
                push(S.object)
            case Op.makeFunction, Op.makeFunctionDefargs:
                let child = try uint(&p)
                guard child < childFree.count, childFree[child] == 0 else { throw S.fail() }
                if op == Op.makeFunctionDefargs { _ = try pop(S.isNullable); _ = try pop(S.isNullable) }
                push(S.object)

            case Op.loadConstSmallInt:
                try sint(&p); push(S.object)
            case Op.loadConstObj:
                guard try uint(&p) < objectCount else { throw S.fail() }
                push(S.object)
            case Op.loadFastN:
                try load(try uint(&p))
            case Op.loadDeref:
                try deref(try uint(&p)); push(S.object)
            case Op.storeFastN:
                try store(try uint(&p)); _ = try pop(S.isObject)
            case Op.storeDeref:
                try deref(try uint(&p)); _ = try pop(S.isObject)
            case Op.deleteFast:
                try store(try uint(&p))
            case Op.deleteDeref:
                try deref(try uint(&p))

            case Op.buildTuple:
                try popObjects(try count()); push(S.object)
            case Op.buildList:
                try popObjects(try count()); push(S.list)
            case Op.buildMap:
                _ = try uint(&p); push(S.dict)
            case Op.buildSet:
                try popObjects(try count()); push(S.set)
            case Op.buildSlice:
                let n = try uint(&p)
                guard n == 2 || n == 3 else { throw S.fail() }
                try popObjects(n); push(S.object)
            case Op.storeComp:
                let u = try uint(&p)
                let off = u >> 2, kind = u & 3
                let (want, taken): (UInt16, Int) = kind == 0 ? (S.list, 1) : kind == 1 ? (S.dict, 2) : kind == 2 ? (S.set, 1) : (0, 0)
                guard taken > 0, off >= taken, off < st.stack.count, st.stack[st.stack.count - 1 - off] == want else { throw S.fail() }
                try popObjects(taken)
            case Op.storeMap:
                try popObjects(2)
                guard try top() == S.dict else { throw S.fail() }
            case Op.unpackSequence:
                let n = try count()
                _ = try pop(S.isObject)
                for _ in 0..<n { push(S.object) }
            case Op.unpackEx:
                let u = try uint(&p)
                _ = try pop(S.isObject)
                for _ in 0..<((u & 0xFF) + ((u >> 8) & 0xFF) + 1) { push(S.object) }

            case Op.callFunction, Op.callFunctionVarKw, Op.callMethod, Op.callMethodVarKw:
                let u = try uint(&p)
                let nPos = u & 0xFF, nKw = (u >> 8) & 0xFF
                let varKw = op == Op.callFunctionVarKw || op == Op.callMethodVarKw
                if varKw { _ = try pop(S.isObject) }
                for _ in 0..<nKw {
                    _ = try pop(S.isObject)
                    // A keyword's name (for a ** argument: null, then the mapping).
                    _ = try pop { $0 == S.name || (varKw && $0 == S.null) }
                }
                try popObjects(nPos)
                if op == Op.callMethod || op == Op.callMethodVarKw { _ = try pop(S.isNullable) }
                _ = try pop(S.isObject)
                push(S.object)

            case Op.jump:
                let t = try label(&p, signed: true)
                try arrive(t, st)
                return
            case Op.popJumpIfTrue, Op.popJumpIfFalse:
                let t = try label(&p, signed: true)
                let k = try pop(S.isObject)
                // A known truth value goes one way only.
                if k == S.falseConst || k == S.trueConst {
                    if (k == S.trueConst) == (op == Op.popJumpIfTrue) { try arrive(t, st); return }
                } else {
                    try arrive(t, st)
                }
            case Op.jumpIfTrueOrPop, Op.jumpIfFalseOrPop:
                let t = try label(&p, signed: false)
                guard S.isObject(try top()) else { throw S.fail() }
                try arrive(t, st)
                st.stack.removeLast()

            case Op.setupWith:
                let t = try label(&p, signed: false)
                _ = try pop(S.isObject)
                // __exit__ and __enter__ are looked up in four scratch slots.
                need(st.stack, 4)
                push(S.object); push(S.maybeNull)
                try setup(t, isFinally: true, &st)
                push(S.object)
            case Op.setupExcept, Op.setupFinally:
                let t = try label(&p, signed: false)
                try setup(t, isFinally: op == Op.setupFinally, &st)
            case Op.popExceptJump:
                let t = try label(&p, signed: false)
                guard st.handlers.popLast() != nil else { throw S.fail() }
                try arrive(t, st)
                return
            case Op.forIter:
                let t = try label(&p, signed: false)
                let block = try popIterBlock(&st)
                try arrive(t, st)
                st.stack += block
                push(S.object)
            case Op.getIter:
                _ = try pop(S.isObject); push(S.object)
            case Op.getIterStack:
                _ = try pop(S.isObject)
                st.stack += S.iterWords

            case Op.loadConstFalse, Op.loadConstTrue, Op.loadBuildClass:
                push(S.object)
            case Op.loadConstNone:
                push(S.none)
            case Op.loadNull:
                push(S.null)
            case Op.loadSubscr:
                try popObjects(2); push(S.object)
            case Op.storeSubscr:
                try popObjects(2); _ = try pop(S.isNullable)
            case Op.dupTop:
                push(try copy(try top()))
            case Op.dupTopTwo:
                let n = st.stack.count
                guard n >= 2 else { throw S.fail() }
                let a = try copy(st.stack[n - 2]), b = try copy(st.stack[n - 1])
                push(a); push(b)
            case Op.popTop:
                _ = try pop { _ in true }
            case Op.rotTwo:
                let n = st.stack.count
                guard n >= 2 else { throw S.fail() }
                st.stack.swapAt(n - 1, n - 2)
            case Op.rotThree:
                let c = try pop { _ in true }, b = try pop { _ in true }, a = try pop { _ in true }
                push(c); push(a); push(b)

            case Op.withCleanup:
                // (__exit__, self, X) where X is None, an exception, or a two-slot marker.
                let x = try pop { $0 == S.none || $0 == S.caught || S.isCause($0) }
                var data: UInt16 = 0
                if S.isCause(x) { data = try pop { S.isObject($0) || S.isDest($0) } }
                _ = try pop(S.isNullable)
                _ = try pop(S.isObject)
                // __exit__'s three arguments go in the slots from X's first on.
                need(st.stack, 5)
                if S.isCause(x) {
                    push(data); push(x)
                } else if x == S.caught {
                    // __exit__ may swallow the exception (None) or not.
                    var swallowed = st
                    swallowed.stack.append(S.none)
                    try arrive(p, swallowed)
                    push(S.caught)
                } else {
                    push(S.none)
                }
            case Op.endFinally:
                guard st.handlers.popLast() != nil else { throw S.fail() }
                let x = try pop { $0 == S.none || $0 == S.caught || S.isCause($0) }
                if x == S.caught { return }
                if x == S.none { break }
                if x == S.returnCause {
                    guard S.isObject(try top()) else { throw S.fail() }
                    try unwindReturn(at: p, st)
                    return
                }
                let c = causes[Int(x - S.causeBase)]
                let dk = try pop(S.isDest)
                try unwindJump(at: p, st, count: c.count, popIter: c.popIter, dest: dests[Int(dk - S.destBase)])
                return
            case Op.unwindJump:
                let target = try label(&p, signed: true)
                let c = Int(try byte(&p))
                need(st.stack, 2)
                try unwindJump(at: p, st, count: c & 0x7F, popIter: c & 0x80 != 0, dest: target)
                return
            case Op.returnValue:
                guard S.isObject(try top()) else { throw S.fail() }
                try unwindReturn(at: p, st)
                return
            case Op.raiseLast:
                return
            case Op.raiseObj:
                _ = try pop(S.isObject)
                return
            case Op.raiseFrom:
                try popObjects(2)
                return
            case Op.yieldValue:
                _ = try pop(S.isObject); push(S.object)
            case Op.yieldFrom:
                try popObjects(2); push(S.object)
            default:
                throw S.fail()
            }
            need(st.stack)
        }
    }

    /// What DUP_TOP makes of a slot: objects only, and a marker's number copies as a plain
    /// None-or-int (a copy is no marker).
    func copy(_ k: UInt16) throws(MpyError) -> UInt16 {
        let S = StackCheck.self
        if S.isCause(k) { return S.notException }
        guard S.isObject(k) else { throw S.fail() }
        return k
    }

    /// SETUP_EXCEPT / SETUP_FINALLY / SETUP_WITH: a new handler record; an exception enters
    /// it with the stack as it is now plus the exception.
    func setup(_ target: Int, isFinally: Bool, _ st: inout Variant) throws(MpyError) {
        guard st.handlers.count < nExc else { throw StackCheck.fail() }
        st.handlers.append(Handler(target: target, isFinally: isFinally, entry: st.stack))
        try arrive(target, Variant(stack: st.stack + [StackCheck.caught], handlers: st.handlers))
    }

    /// FOR_ITER's four words: GET_ITER_STACK's, or a generator expression's (null, iterator, null, null).
    @discardableResult
    func popIterBlock(_ st: inout Variant) throws(MpyError) -> [UInt16] {
        let S = StackCheck.self
        let n = st.stack.count
        guard n >= 4 else { throw S.fail() }
        let b = Array(st.stack[(n - 4)...])
        guard b == S.iterWords
            || (b[0] == S.null && S.isObject(b[1]) && b[2] == S.null && b[3] == S.null) else { throw S.fail() }
        st.stack.removeLast(4)
        return b
    }

    /// How many slots cancelling a running finally handler removes from under the top: its
    /// marker is None or an exception (one slot) or a number over a value (two); nil when
    /// the slot there is something else.
    static func markerSize(_ k: UInt16) -> Int? {
        if k == none || k == caught { return 1 }
        if isCause(k) { return 2 }
        return nil
    }

    /// A return at `at` (the offset after the instruction), the value on top: the first
    /// finally handler not yet running gets it (reset to its own stack); those already running
    /// are cancelled on the way, each losing its marker from under the value.
    func unwindReturn(at: Int, _ st: Variant) throws(MpyError) {
        let S = StackCheck.self
        var s = st.stack
        var h = st.handlers
        // Slots certainly there (once a cancel is not known exactly, only a count).
        var low = s.count
        var known = true
        while let r = h.last {
            if r.isFinally {
                if r.target >= at {
                    try arrive(r.target, Variant(stack: r.entry + [S.object, S.returnCause], handlers: h))
                    return
                }
                if known, s.count >= 2, let n = S.markerSize(s[s.count - 2]), s.count >= n + 1 {
                    s.removeSubrange((s.count - 1 - n)..<(s.count - 1))
                    low -= n
                } else {
                    known = false
                    guard low >= 3 else { throw S.fail() }
                    low -= 2
                }
            }
            h.removeLast()
        }
    }

    /// An unwind of `count` handler records towards `dest` (UNWIND_JUMP, or END_FINALLY
    /// resuming one), from the offset `at`; `st` is the stack under the destination word.
    func unwindJump(at: Int, _ st: Variant, count: Int, popIter: Bool, dest: Int) throws(MpyError) {
        let S = StackCheck.self
        var s = st
        var c = count
        while c > 0 {
            c -= 1
            guard let r = s.handlers.last else { throw S.fail() }
            if r.isFinally {
                if r.target >= at {
                    // The destination and the count still to unwind are pushed; the handler runs.
                    s.stack.append(try self.dest(dest))
                    s.stack.append(try cause(c, popIter))
                    try arrive(r.target, s)
                    return
                }
                guard let k = s.stack.last, let n = S.markerSize(k), s.stack.count >= n else { throw S.fail() }
                s.stack.removeLast(n)
            }
            s.handlers.removeLast()
        }
        if popIter { try popIterBlock(&s) }
        try arrive(dest, s)
    }

    // MARK: operands

    func byte(_ p: inout Int) throws(MpyError) -> UInt8 {
        guard p < d.count else { throw StackCheck.fail() }
        p += 1
        return d[p - 1]
    }

    func uint(_ p: inout Int) throws(MpyError) -> Int {
        var v = 0
        for _ in 0..<9 {
            let b = try byte(&p)
            v = v << 7 | Int(b & 0x7F)
            if b & 0x80 == 0 { return v }
        }
        throw StackCheck.fail()
    }

    func sint(_ p: inout Int) throws(MpyError) {
        for _ in 0..<10 where try byte(&p) & 0x80 == 0 { return }
        throw StackCheck.fail()
    }

    /// A jump's target: signed labels for jumps that may go back, unsigned for forward ones.
    func label(_ p: inout Int, signed: Bool) throws(MpyError) -> Int {
        var v = Int(try byte(&p))
        if v & 0x80 != 0 {
            v = (v & 0x7F) | Int(try byte(&p)) << 7
            if signed { v -= 0x4000 }
        } else if signed {
            v -= 0x40
        }
        return p + v
    }
}
