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
///
/// The checker works in flat buffers it keeps from one function to the next (one checker
/// serves every file): a variant is a record of words in one arena, and the variant being
/// followed lives in scratch buffers. Swift arrays per variant cost far more than the walk
/// itself, and .mpy import time is measured against the C port, which checks nothing.
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
    /// The four words GET_ITER_STACK makes: iterBlock ... iterBlock + 3.
    static let iterBlock: UInt16 = 24
    /// A jump's destination (a raw offset): 0x200 + index into `dests`.
    static let destBase: UInt16 = 0x200

    @inline(__always) static func isObject(_ k: UInt16) -> Bool {
        (k >= object && k <= trueConst) || k == returnCause || (k >= causeBase && k < destBase) || k >= localBase
    }
    @inline(__always) static func isNullable(_ k: UInt16) -> Bool { isObject(k) || k == null || k == maybeNull }
    @inline(__always) static func isPlain(_ k: UInt16) -> Bool { k == object || (k >= list && k <= trueConst) || k >= localBase }
    @inline(__always) static func isCause(_ k: UInt16) -> Bool { k == returnCause || (k >= causeBase && k < destBase) }
    @inline(__always) static func isDest(_ k: UInt16) -> Bool { k >= destBase && k < localBase }
    @inline(__always) static func isAny(_ k: UInt16) -> Bool { true }

    /// The facts of the file a function comes from, which its operands are checked against.
    struct File {
        /// The sizes of its qstr and object tables.
        var qstrCount: Int
        var objectCount: Int
        /// Its qstr index of `BaseException` (-1: none).
        var baseException: Int
    }

    /// The one checker (the runtime is single-threaded; a check never calls out, so a load
    /// started while another is between two functions is safe).
    nonisolated(unsafe) static let shared = StackCheck()

    /// A growable buffer of plain values; new space holds `fill`.
    struct Buf<T> {
        private(set) var p: UnsafeMutablePointer<T>
        private(set) var capacity: Int
        let fill: T
        init(_ fill: T) {
            self.fill = fill
            capacity = 64
            p = .allocate(capacity: capacity)
            p.initialize(repeating: fill, count: capacity)
        }
        mutating func reserve(_ n: Int) {
            guard n > capacity else { return }
            let c = Swift.max(n, capacity * 2)
            let q = UnsafeMutablePointer<T>.allocate(capacity: c)
            q.moveInitialize(from: p, count: capacity)
            (q + capacity).initialize(repeating: fill, count: c - capacity)
            p.deallocate()
            p = q
            capacity = c
        }
        @inline(__always) subscript(_ i: Int) -> T {
            get { p[i] }
            nonmutating set { p[i] = newValue }
        }
    }

    // The function being checked.
    var d = UnsafePointer<UInt8>(bitPattern: 1).unsafelyUnwrapped
    /// The function's data length (prelude and code).
    var n = 0
    var start = 0
    var nState = 0
    var nExc = 0
    /// Locals the prelude and the call already use (arguments, cells).
    var fixedLocals = 0
    var file = File(qstrCount: 0, objectCount: 0, baseException: -1)
    /// The locals the prelude turns into cells (1), set by the prelude's reader.
    var cells = Buf<UInt8>(0)
    /// For each child checked and not yet taken by its parent: the leading locals its code
    /// uses as cells it does not make itself (its closure's cells; 0 for a plain function).
    /// A function's children are the top `childCount` entries.
    var frees = Buf<Int32>(0)
    var freeTop = 0
    var childBase = 0, childCount = 0

    // The walk's state.
    /// Locals used as cells (named by *_DEREF or passed to MAKE_CLOSURE), and locals written.
    var cellUse = Buf<UInt8>(0)
    var stored = Buf<UInt8>(0)
    /// Unwind causes met: (count, pop-iterator) pairs; jump destinations met.
    var causes = Buf<Int32>(0)
    var causeCount = 0
    var dests = Buf<Int32>(0)
    var destCount = 0
    /// For each code offset: its label number when it is a label, else -1.
    var labelSlot = Buf<Int32>(-1)
    var labelCount = 0
    /// The labels this walk follows (those known when it started).
    var slotCount = 0
    /// Per label: its first variant record (-1: none), and whether it waits in `work`.
    var heads = Buf<Int32>(-1)
    var queued = Buf<UInt8>(0)
    var work = Buf<Int32>(0)
    var workTop = 0
    /// Variant records: [next record, stack size, handler count, stack kinds..., then per
    /// handler: target, is-finally, entry size, entry kinds...].
    var records = Buf<Int32>(0)
    var recordTop = 0
    var maxDepth = 0
    var maxLocal = -1
    /// A path reached a place that was not a label: the walk restarts with it as one.
    var newLabel = false

    // The variant being followed.
    var stk = Buf<UInt16>(0)
    var sp = 0
    /// Its handlers, four words each: target, is-finally, entry start in `ents`, entry size.
    var hs = Buf<Int32>(0)
    var hc = 0
    /// The stacks the handlers' entries see, one after the other.
    var ents = Buf<UInt16>(0)

    static let maxVariants = 32

    static func fail() -> MpyError { MpyError("incompatible .mpy file") }

    // MARK: children

    func pushFree(_ free: Int) {
        frees.reserve(freeTop + 1)
        frees[freeTop] = Int32(free)
        freeTop += 1
    }

    /// Do the top `count` children all run without a closure's cells?
    func childrenNeedNoCells(_ count: Int) -> Bool {
        for i in (freeTop - count)..<freeTop where frees[i] > 0 { return false }
        return true
    }

    /// Space for the prelude's cells of a function with `nState` locals, all cleared.
    func clearCells(_ nState: Int) {
        cells.reserve(nState)
        for i in 0..<nState { cells[i] = 0 }
    }

    /// Checks the function whose opcodes start at `start` of `d` (`n` bytes; the prelude's
    /// facts as arguments, `cells` already set, its `childCount` children's results on top of
    /// `frees`, which it takes off). Returns how many leading locals must come as cells from
    /// a closure.
    ///
    /// Cells: *_DEREF reads a local's cell without looking, so every local named there (or
    /// passed on to MAKE_CLOSURE) must hold one: one the prelude makes, never overwritten by
    /// STORE_FAST or DELETE_FAST, or one of the leading locals a closure's cells fill, which
    /// the parent's MAKE_CLOSURE must then supply (and MAKE_FUNCTION cannot).
    func check(_ d: UnsafePointer<UInt8>, count n: Int, start: Int, nState: Int, nExc: Int, fixedLocals: Int,
               childCount: Int, file: File) throws(MpyError) -> Int {
        guard childCount <= freeTop else { throw StackCheck.fail() }
        self.d = d
        self.n = n
        self.start = start
        self.nState = nState
        self.nExc = nExc
        self.fixedLocals = fixedLocals
        self.file = file
        self.childCount = childCount
        childBase = freeTop - childCount
        defer { freeTop = childBase }
        labelSlot.reserve(n + 1)
        for i in 0...n { labelSlot[i] = -1 }
        labelCount = 0
        addLabel(start)
        try findTargets()
        // Two slots over the state: the pushes an unwind makes before a handler's block counts them.
        stk.reserve(nState + 2)
        cellUse.reserve(nState)
        stored.reserve(nState)
        for _ in 0..<64 {
            reset()
            try run()
            if !newLabel {
                guard maxDepth + max(fixedLocals, maxLocal + 1) <= nState else { throw StackCheck.fail() }
                var free = 0
                for i in 0..<nState {
                    guard !(stored[i] != 0 && (cellUse[i] != 0 || cells[i] != 0)) else { throw StackCheck.fail() }
                    if cellUse[i] != 0 && cells[i] == 0 { free = i + 1 }
                }
                return free
            }
        }
        throw StackCheck.fail()
    }

    func addLabel(_ t: Int) {
        guard t >= start && t <= n && labelSlot[t] < 0 else { return }
        labelSlot[t] = Int32(labelCount)
        labelCount += 1
    }

    /// Decodes the code straight through for the places a path can start: jump targets, and
    /// the instruction after WITH_CLEANUP (where the walk splits: the exception kept or
    /// swallowed). Operands are checked by the walk, on the paths that run.
    func findTargets() throws(MpyError) {
        var p = start
        while p < n {
            let op = d[p]; p += 1
            if op >= Op.loadConstSmallIntMulti { continue }   // the one-byte families
            if op == Op.withCleanup { addLabel(p) }
            let kind = Op.operandKind(op)
            switch kind {
            case UInt8(ascii: "."):
                throw StackCheck.fail()
            case UInt8(ascii: "q"), UInt8(ascii: "u"):
                _ = try uint(&p)
            case UInt8(ascii: "C"):
                _ = try uint(&p)
                _ = try byte(&p)
            case UInt8(ascii: "s"):
                try sint(&p)
            case UInt8(ascii: "S"), UInt8(ascii: "L"), UInt8(ascii: "W"):
                addLabel(try label(&p, signed: kind != UInt8(ascii: "L")))
                if kind == UInt8(ascii: "W") { _ = try byte(&p) }
            default:
                break
            }
        }
    }

    /// Empties the walk's state for a walk over the labels known now.
    func reset() {
        for i in 0..<nState { cellUse[i] = 0; stored[i] = 0 }
        causeCount = 0
        destCount = 0
        workTop = 0
        recordTop = 0
        slotCount = labelCount
        heads.reserve(slotCount)
        queued.reserve(slotCount)
        for i in 0..<slotCount { heads[i] = -1; queued[i] = 0 }
        maxDepth = 0
        maxLocal = -1
        newLabel = false
    }

    // MARK: the walk

    func run() throws(MpyError) {
        sp = 0
        hc = 0
        try arrive(start)
        while workTop > 0 {
            workTop -= 1
            let at = Int(work[workTop])
            let slot = Int(labelSlot[at])
            queued[slot] = 0
            var r = Int(heads[slot])
            while r >= 0 {
                if newLabel { return }
                load(r)
                try block(from: at)
                r = Int(records[r])
            }
        }
    }

    /// Adds the variant being followed to what label `at` holds, merged into a variant of the
    /// same shape if there is one; queues the label when that changes anything.
    func arrive(_ at: Int) throws(MpyError) {
        guard at >= start && at < n else { throw StackCheck.fail() }
        if labelSlot[at] < 0 {
            // Kept for the next walk, which this one ends.
            labelSlot[at] = Int32(labelCount)
            labelCount += 1
            newLabel = true
            return
        }
        let slot = Int(labelSlot[at])
        // A label found during this walk: the next walk follows it.
        guard slot < slotCount else { return }
        var r = Int(heads[slot]), last = -1, count = 0
        while r >= 0 {
            if sameShape(r) {
                if mergeInto(r) { enqueue(slot, at) }
                return
            }
            last = r
            r = Int(records[r])
            count += 1
        }
        guard count < StackCheck.maxVariants else { throw StackCheck.fail() }
        let new = Int32(store())
        if last < 0 { heads[slot] = new } else { records[last] = new }
        enqueue(slot, at)
    }

    func enqueue(_ slot: Int, _ at: Int) {
        guard queued[slot] == 0 else { return }
        queued[slot] = 1
        work.reserve(workTop + 1)
        work[workTop] = Int32(at)
        workTop += 1
    }

    /// The end of the handlers' entries.
    var entsTop: Int { hc == 0 ? 0 : Int(hs[4 * hc - 2] + hs[4 * hc - 1]) }

    /// Writes the variant being followed as a new record; returns where it starts.
    func store() -> Int {
        let o = recordTop
        records.reserve(o + 3 + sp + 3 * hc + entsTop)
        records[o] = -1
        records[o + 1] = Int32(sp)
        records[o + 2] = Int32(hc)
        var w = o + 3
        for i in 0..<sp { records[w] = Int32(stk[i]); w += 1 }
        for h in 0..<hc {
            let e = Int(hs[4 * h + 2]), len = Int(hs[4 * h + 3])
            records[w] = hs[4 * h]
            records[w + 1] = hs[4 * h + 1]
            records[w + 2] = Int32(len)
            w += 3
            for j in 0..<len { records[w] = Int32(ents[e + j]); w += 1 }
        }
        recordTop = w
        return o
    }

    /// Makes record `r` the variant being followed.
    func load(_ r: Int) {
        sp = Int(records[r + 1])
        hc = Int(records[r + 2])
        for i in 0..<sp { stk[i] = UInt16(truncatingIfNeeded: records[r + 3 + i]) }
        hs.reserve(4 * hc)
        var w = r + 3 + sp, top = 0
        for h in 0..<hc {
            let len = Int(records[w + 2])
            hs[4 * h] = records[w]
            hs[4 * h + 1] = records[w + 1]
            hs[4 * h + 2] = Int32(top)
            hs[4 * h + 3] = Int32(len)
            w += 3
            ents.reserve(top + len)
            for j in 0..<len { ents[top + j] = UInt16(truncatingIfNeeded: records[w + j]) }
            w += len
            top += len
        }
    }

    /// Can record `r` and the variant being followed be one variant (same sizes, and every
    /// slot's kinds mergeable)?
    func sameShape(_ r: Int) -> Bool {
        guard Int(records[r + 1]) == sp, Int(records[r + 2]) == hc else { return false }
        var w = r + 3
        for i in 0..<sp {
            if StackCheck.merge(UInt16(truncatingIfNeeded: records[w]), stk[i]) == nil { return false }
            w += 1
        }
        for h in 0..<hc {
            let len = Int(hs[4 * h + 3])
            guard records[w] == hs[4 * h], records[w + 1] == hs[4 * h + 1], Int(records[w + 2]) == len else { return false }
            w += 3
            let e = Int(hs[4 * h + 2])
            for j in 0..<len where StackCheck.merge(UInt16(truncatingIfNeeded: records[w + j]), ents[e + j]) == nil {
                return false
            }
            w += len
        }
        return true
    }

    /// Merges the variant being followed into record `r` (shapes already found mergeable);
    /// true when the record changed.
    func mergeInto(_ r: Int) -> Bool {
        var changed = false
        func mergeSlot(_ w: Int, _ b: UInt16) {
            let a = UInt16(truncatingIfNeeded: records[w])
            guard a != b else { return }
            let k = StackCheck.merge(a, b) ?? a
            if k != a { records[w] = Int32(k); changed = true }
        }
        var w = r + 3
        for i in 0..<sp { mergeSlot(w, stk[i]); w += 1 }
        for h in 0..<hc {
            let e = Int(hs[4 * h + 2]), len = Int(hs[4 * h + 3])
            w += 3
            for j in 0..<len { mergeSlot(w + j, ents[e + j]) }
            w += len
        }
        return changed
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

    func cause(_ count: Int, _ popIter: Bool) throws(MpyError) -> UInt16 {
        let c = Int32(count), pi: Int32 = popIter ? 1 : 0
        for i in 0..<causeCount where causes[2 * i] == c && causes[2 * i + 1] == pi {
            return StackCheck.causeBase + UInt16(i)
        }
        guard causeCount < Int(StackCheck.destBase - StackCheck.causeBase) else { throw StackCheck.fail() }
        causes.reserve(2 * causeCount + 2)
        causes[2 * causeCount] = c
        causes[2 * causeCount + 1] = pi
        causeCount += 1
        return StackCheck.causeBase + UInt16(causeCount - 1)
    }

    func dest(_ offset: Int) throws(MpyError) -> UInt16 {
        for i in 0..<destCount where dests[i] == Int32(offset) { return StackCheck.destBase + UInt16(i) }
        guard destCount < Int(StackCheck.localBase - StackCheck.destBase) else { throw StackCheck.fail() }
        dests.reserve(destCount + 1)
        dests[destCount] = Int32(offset)
        destCount += 1
        return StackCheck.destBase + UInt16(destCount - 1)
    }

    // MARK: the variant's stack

    @inline(__always) func need(_ extra: Int = 0) {
        if sp + extra > maxDepth { maxDepth = sp + extra }
    }

    /// Any stack deeper than the state fails the final check: fail at once, and keep the
    /// scratch stack within its buffer.
    @inline(__always) func push(_ k: UInt16) throws(MpyError) {
        guard sp < nState + 2 else { throw StackCheck.fail() }
        stk[sp] = k
        sp += 1
    }

    @inline(__always) func pop(_ ok: (UInt16) -> Bool) throws(MpyError) -> UInt16 {
        guard sp > 0 else { throw StackCheck.fail() }
        sp -= 1
        let k = stk[sp]
        guard ok(k) else { throw StackCheck.fail() }
        return k
    }

    func popObjects(_ count: Int) throws(MpyError) {
        guard count <= sp else { throw StackCheck.fail() }
        for _ in 0..<count { _ = try pop(StackCheck.isObject) }
    }

    @inline(__always) func top() throws(MpyError) -> UInt16 {
        guard sp > 0 else { throw StackCheck.fail() }
        return stk[sp - 1]
    }

    func popHandler() throws(MpyError) {
        guard hc > 0 else { throw StackCheck.fail() }
        hc -= 1
    }

    // Operands are checked here too: a jump may land inside an instruction that the straight
    // decode read differently.
    func local(_ i: Int) throws(MpyError) {
        guard i < nState else { throw StackCheck.fail() }
        if i > maxLocal { maxLocal = i }
    }
    func load(local i: Int) throws(MpyError) { try local(i); try push(StackCheck.localBase + UInt16(i)) }
    func store(local i: Int) throws(MpyError) { try local(i); stored[i] = 1 }
    func deref(_ i: Int) throws(MpyError) { try local(i); cellUse[i] = 1 }
    func qstr(_ p: inout Int) throws(MpyError) -> Int {
        let q = try uint(&p)
        guard q < file.qstrCount else { throw StackCheck.fail() }
        return q
    }
    func count(_ p: inout Int) throws(MpyError) -> Int {
        let c = try uint(&p)
        guard c <= nState else { throw StackCheck.fail() }
        return c
    }

    // MARK: one straight run of instructions

    /// Follows the variant just loaded from the label at `at` to the end of its run.
    func block(from at: Int) throws(MpyError) {
        let S = StackCheck.self
        var p = at
        var first = true
        need()
        while true {
            if !first && labelSlot[p] >= 0 {
                try arrive(p)
                return
            }
            first = false
            guard p < n else { throw S.fail() }
            let op = d[p]; p += 1

            switch op {
            case Op.loadConstSmallIntMulti...Op.loadConstSmallIntMultiLast:
                try push(S.object)
            case Op.loadFastMulti...Op.loadFastMultiLast:
                try load(local: Int(op - Op.loadFastMulti))
            case Op.storeFastMulti...Op.storeFastMultiLast:
                try store(local: Int(op - Op.storeFastMulti)); _ = try pop(S.isObject)
            case Op.unaryOpMulti...Op.unaryOpMultiLast:
                _ = try pop(S.isObject); try push(S.object)
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
                try push(result)

            case Op.loadConstString:
                _ = try qstr(&p); try push(S.name)
            case Op.loadName, Op.loadGlobal:
                let q = try qstr(&p)
                try push(op == Op.loadGlobal && q == file.baseException ? S.baseExceptionClass : S.object)
            case Op.loadAttr:
                _ = try qstr(&p); _ = try pop(S.isObject); try push(S.object)
            case Op.loadMethod:
                _ = try qstr(&p); _ = try pop(S.isObject); try push(S.object); try push(S.maybeNull)
            case Op.loadSuperMethod:
                _ = try qstr(&p); try popObjects(3); try push(S.object); try push(S.maybeNull)
            case Op.storeName, Op.storeGlobal:
                _ = try qstr(&p); _ = try pop(S.isObject)
            case Op.storeAttr:
                _ = try qstr(&p); _ = try pop(S.isObject); _ = try pop(S.isNullable)
            case Op.deleteName, Op.deleteGlobal:
                _ = try qstr(&p)
            case Op.importName:
                _ = try qstr(&p); try popObjects(2); try push(S.object)
            case Op.importFrom:
                _ = try qstr(&p)
                guard S.isObject(try top()) else { throw S.fail() }
                try push(S.object)
            case Op.importStar:
                _ = try pop(S.isObject)

            case Op.makeClosure, Op.makeClosureDefargs:
                let child = try uint(&p)
                let n = Int(try byte(&p))
                guard child < childCount, Int(frees[childBase + child]) <= n, n <= sp else { throw S.fail() }
                // The cells: locals loaded as they are.
                for _ in 0..<n { try deref(Int(try pop { $0 >= S.localBase } - S.localBase)) }
                if op == Op.makeClosureDefargs { _ = try pop(S.isNullable); _ = try pop(S.isNullable) }
                try push(S.object)
            case Op.makeFunction, Op.makeFunctionDefargs:
                let child = try uint(&p)
                guard child < childCount, frees[childBase + child] == 0 else { throw S.fail() }
                if op == Op.makeFunctionDefargs { _ = try pop(S.isNullable); _ = try pop(S.isNullable) }
                try push(S.object)

            case Op.loadConstSmallInt:
                try sint(&p); try push(S.object)
            case Op.loadConstObj:
                guard try uint(&p) < file.objectCount else { throw S.fail() }
                try push(S.object)
            case Op.loadFastN:
                try load(local: try uint(&p))
            case Op.loadDeref:
                try deref(try uint(&p)); try push(S.object)
            case Op.storeFastN:
                try store(local: try uint(&p)); _ = try pop(S.isObject)
            case Op.storeDeref:
                try deref(try uint(&p)); _ = try pop(S.isObject)
            case Op.deleteFast:
                try store(local: try uint(&p))
            case Op.deleteDeref:
                try deref(try uint(&p))

            case Op.buildTuple:
                try popObjects(try count(&p)); try push(S.object)
            case Op.buildList:
                try popObjects(try count(&p)); try push(S.list)
            case Op.buildMap:
                _ = try uint(&p); try push(S.dict)
            case Op.buildSet:
                try popObjects(try count(&p)); try push(S.set)
            case Op.buildSlice:
                let n = try uint(&p)
                guard n == 2 || n == 3 else { throw S.fail() }
                try popObjects(n); try push(S.object)
            case Op.storeComp:
                let u = try uint(&p)
                let off = u >> 2, kind = u & 3
                let (want, taken): (UInt16, Int) = kind == 0 ? (S.list, 1) : kind == 1 ? (S.dict, 2) : kind == 2 ? (S.set, 1) : (0, 0)
                guard taken > 0, off >= taken, off < sp, stk[sp - 1 - off] == want else { throw S.fail() }
                try popObjects(taken)
            case Op.storeMap:
                try popObjects(2)
                guard try top() == S.dict else { throw S.fail() }
            case Op.unpackSequence:
                let n = try count(&p)
                _ = try pop(S.isObject)
                for _ in 0..<n { try push(S.object) }
            case Op.unpackEx:
                let u = try uint(&p)
                _ = try pop(S.isObject)
                for _ in 0..<((u & 0xFF) + ((u >> 8) & 0xFF) + 1) { try push(S.object) }

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
                try push(S.object)

            case Op.jump:
                let t = try label(&p, signed: true)
                try arrive(t)
                return
            case Op.popJumpIfTrue, Op.popJumpIfFalse:
                let t = try label(&p, signed: true)
                let k = try pop(S.isObject)
                // A known truth value goes one way only.
                if k == S.falseConst || k == S.trueConst {
                    if (k == S.trueConst) == (op == Op.popJumpIfTrue) { try arrive(t); return }
                } else {
                    try arrive(t)
                }
            case Op.jumpIfTrueOrPop, Op.jumpIfFalseOrPop:
                let t = try label(&p, signed: false)
                guard S.isObject(try top()) else { throw S.fail() }
                try arrive(t)
                sp -= 1

            case Op.setupWith:
                let t = try label(&p, signed: false)
                _ = try pop(S.isObject)
                // __exit__ and __enter__ are looked up in four scratch slots.
                need(4)
                try push(S.object); try push(S.maybeNull)
                try setup(t, isFinally: true)
                try push(S.object)
            case Op.setupExcept, Op.setupFinally:
                let t = try label(&p, signed: false)
                try setup(t, isFinally: op == Op.setupFinally)
            case Op.popExceptJump:
                let t = try label(&p, signed: false)
                try popHandler()
                try arrive(t)
                return
            case Op.forIter:
                let t = try label(&p, signed: false)
                let block = try popIterBlock()
                try arrive(t)
                try pushIterBlock(block)
                try push(S.object)
            case Op.getIter:
                _ = try pop(S.isObject); try push(S.object)
            case Op.getIterStack:
                _ = try pop(S.isObject)
                try pushIterBlock((S.iterBlock, S.iterBlock + 1, S.iterBlock + 2, S.iterBlock + 3))

            case Op.loadConstFalse, Op.loadConstTrue, Op.loadBuildClass:
                try push(S.object)
            case Op.loadConstNone:
                try push(S.none)
            case Op.loadNull:
                try push(S.null)
            case Op.loadSubscr:
                try popObjects(2); try push(S.object)
            case Op.storeSubscr:
                try popObjects(2); _ = try pop(S.isNullable)
            case Op.dupTop:
                try push(try copy(try top()))
            case Op.dupTopTwo:
                let n = sp
                guard n >= 2 else { throw S.fail() }
                let a = try copy(stk[n - 2]), b = try copy(stk[n - 1])
                try push(a); try push(b)
            case Op.popTop:
                _ = try pop(S.isAny)
            case Op.rotTwo:
                let n = sp
                guard n >= 2 else { throw S.fail() }
                let t = stk[n - 1]; stk[n - 1] = stk[n - 2]; stk[n - 2] = t
            case Op.rotThree:
                let c = try pop(S.isAny), b = try pop(S.isAny), a = try pop(S.isAny)
                try push(c); try push(a); try push(b)

            case Op.withCleanup:
                // (__exit__, self, X) where X is None, an exception, or a two-slot marker.
                let x = try pop { $0 == S.none || $0 == S.caught || S.isCause($0) }
                var data: UInt16 = 0
                if S.isCause(x) { data = try pop { S.isObject($0) || S.isDest($0) } }
                _ = try pop(S.isNullable)
                _ = try pop(S.isObject)
                // __exit__'s three arguments go in the slots from X's first on.
                need(5)
                if S.isCause(x) {
                    try push(data); try push(x)
                } else if x == S.caught {
                    // __exit__ may swallow the exception (None) or not.
                    try push(S.none)
                    try arrive(p)
                    sp -= 1
                    try push(S.caught)
                } else {
                    try push(S.none)
                }
            case Op.endFinally:
                try popHandler()
                let x = try pop { $0 == S.none || $0 == S.caught || S.isCause($0) }
                if x == S.caught { return }
                if x == S.none { break }
                if x == S.returnCause {
                    guard S.isObject(try top()) else { throw S.fail() }
                    try unwindReturn(at: p)
                    return
                }
                let c = Int(x - S.causeBase)
                let dk = try pop(S.isDest)
                try unwindJump(at: p, count: Int(causes[2 * c]), popIter: causes[2 * c + 1] != 0,
                               dest: Int(dests[Int(dk - S.destBase)]))
                return
            case Op.unwindJump:
                let target = try label(&p, signed: true)
                let c = Int(try byte(&p))
                need(2)
                try unwindJump(at: p, count: c & 0x7F, popIter: c & 0x80 != 0, dest: target)
                return
            case Op.returnValue:
                guard S.isObject(try top()) else { throw S.fail() }
                try unwindReturn(at: p)
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
                _ = try pop(S.isObject); try push(S.object)
            case Op.yieldFrom:
                try popObjects(2); try push(S.object)
            default:
                throw S.fail()
            }
            need()
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
    func setup(_ target: Int, isFinally: Bool) throws(MpyError) {
        guard hc < nExc else { throw StackCheck.fail() }
        let e = entsTop
        hs.reserve(4 * hc + 4)
        ents.reserve(e + sp)
        for i in 0..<sp { ents[e + i] = stk[i] }
        hs[4 * hc] = Int32(target)
        hs[4 * hc + 1] = isFinally ? 1 : 0
        hs[4 * hc + 2] = Int32(e)
        hs[4 * hc + 3] = Int32(sp)
        hc += 1
        try push(StackCheck.caught)
        try arrive(target)
        sp -= 1
    }

    typealias IterBlock = (UInt16, UInt16, UInt16, UInt16)

    /// FOR_ITER's four words: GET_ITER_STACK's, or a generator expression's (null, iterator, null, null).
    @discardableResult
    func popIterBlock() throws(MpyError) -> IterBlock {
        let S = StackCheck.self
        guard sp >= 4 else { throw S.fail() }
        let b = (stk[sp - 4], stk[sp - 3], stk[sp - 2], stk[sp - 1])
        guard b == (S.iterBlock, S.iterBlock + 1, S.iterBlock + 2, S.iterBlock + 3)
            || (b.0 == S.null && S.isObject(b.1) && b.2 == S.null && b.3 == S.null) else { throw S.fail() }
        sp -= 4
        return b
    }

    func pushIterBlock(_ b: IterBlock) throws(MpyError) {
        try push(b.0); try push(b.1); try push(b.2); try push(b.3)
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
    /// are cancelled on the way, each losing its marker from under the value. Ends the
    /// variant being followed.
    func unwindReturn(at: Int) throws(MpyError) {
        let S = StackCheck.self
        // Slots certainly there (once a cancel is not known exactly, only a count).
        var low = sp
        var known = true
        while hc > 0 {
            let h = 4 * (hc - 1)
            if hs[h + 1] != 0 {
                let target = Int(hs[h])
                if target >= at {
                    let e = Int(hs[h + 2])
                    sp = Int(hs[h + 3])
                    for i in 0..<sp { stk[i] = ents[e + i] }
                    try push(S.object)
                    try push(S.returnCause)
                    try arrive(target)
                    return
                }
                if known, sp >= 2, let m = S.markerSize(stk[sp - 2]), sp >= m + 1 {
                    stk[sp - 1 - m] = stk[sp - 1]
                    sp -= m
                    low -= m
                } else {
                    known = false
                    guard low >= 3 else { throw S.fail() }
                    low -= 2
                }
            }
            hc -= 1
        }
    }

    /// An unwind of `count` handler records towards `dest` (UNWIND_JUMP, or END_FINALLY
    /// resuming one), from the offset `at`, the stack under the destination word. Ends the
    /// variant being followed.
    func unwindJump(at: Int, count: Int, popIter: Bool, dest: Int) throws(MpyError) {
        let S = StackCheck.self
        var c = count
        while c > 0 {
            c -= 1
            guard hc > 0 else { throw S.fail() }
            let h = 4 * (hc - 1)
            if hs[h + 1] != 0 {
                let target = Int(hs[h])
                if target >= at {
                    // The destination and the count still to unwind are pushed; the handler runs.
                    try push(try self.dest(dest))
                    try push(try cause(c, popIter))
                    try arrive(target)
                    return
                }
                guard sp > 0, let m = S.markerSize(stk[sp - 1]), sp >= m else { throw S.fail() }
                sp -= m
            }
            hc -= 1
        }
        if popIter { try popIterBlock() }
        try arrive(dest)
    }

    // MARK: operands

    @inline(__always) func byte(_ p: inout Int) throws(MpyError) -> UInt8 {
        guard p < n else { throw StackCheck.fail() }
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
