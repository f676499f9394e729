/// Iterators. Builtin iterator objects are [iterator type, subkind, a, b, c]; `for` loops keep
/// list/tuple/range/str iteration inline in their 4 stack slots (no allocation):
///     slot0 = small-int subkind tag, slot1 = sequence, slot2 = position, slot3 = extra
/// or slot0 = NULL and slot1 = an iterator object.
public enum IterKind: Int {
    case list = 1, tuple, str, bytes, range, dictKeys, dictValues, dictItems, set, enumerate, zip
    case map, filter, reversed, getitem, bytearray
    // Views (iterable, not iterators).
    case keysView = 40, valuesView, itemsView
}

public enum Iteration {
    nonisolated(unsafe) static var viewTypes: [Obj] = []
    /// The stack slots an in-place iteration takes (GET_ITER_STACK's 4).
    public static let slotCount = 4

    public static func make(_ kind: IterKind, _ a: Obj, _ b: Obj = .null, _ c: Obj = .null,
                            type: Obj = Types.iterator) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 20))
        setField(o, 0, type)
        words(o)[1] = UInt32(kind.rawValue)
        setField(o, 2, a); setField(o, 3, b); setField(o, 4, c)
        return o
    }

    @inline(__always) static func kind(_ it: Obj) -> IterKind { IterKind(rawValue: Int(words(it)[1])).unsafelyUnwrapped }

    /// GET_ITER_STACK: fills the 4 slots starting at `s` (s[0] holds the iterable on entry).
    @inline(__always)
    public static func getIterStack(_ o: Obj, into s: UnsafeMutablePointer<Obj>) throws(PyExc) {
        switch kindOf(o) {
        case .list:
            s[0] = Obj(small: IterKind.list.rawValue); s[1] = o; s[2] = Obj(small: 0)
        case .tuple:
            s[0] = Obj(small: IterKind.tuple.rawValue); s[1] = o; s[2] = Obj(small: 0)
        case .range where Range.isSmall(o):
            s[0] = Obj(small: IterKind.range.rawValue)
            s[1] = field(o, 1); s[2] = field(o, 2); s[3] = field(o, 3)
        default:
            // Other builtin containers whose iteration is a position in the object itself
            // also iterate in the slots, as MicroPython's iter_buf avoids a heap iterator.
            if let k = slotKind(o) {
                s[0] = Obj(small: k.rawValue); s[1] = o; s[2] = Obj(small: 0)
                return
            }
            let it = try Runtime.getIter(o)
            s[0] = .null; s[1] = it
        }
    }

    /// The in-slot iteration kind for `o` (beyond list/tuple/range), if it has one.
    static func slotKind(_ o: Obj) -> IterKind? {
        switch kindOf(o) {
        case .bytes: return .bytes
        case .bytearray, .memoryview: return .bytearray
        case .dict: return .dictKeys
        case .set, .frozenset: return .set
        case .nativeObject where ArrayModule.isArray(o): return .getitem
        default: return nil
        }
    }

    /// Starts iterating `o` in the 4 slots at `s` (see getIterStack), for native code that
    /// walks an iterable without a heap iterator; `s` must be GC-visible (the Python stack).
    public static func start(_ o: Obj, slots s: UnsafeMutablePointer<Obj>) throws(PyExc) {
        s[3] = .null
        try getIterStack(o, into: s)
    }

    /// FOR_ITER on the 4 slots at `s`; NULL when exhausted.
    @inline(__always)
    public static func next(stackSlots s: UnsafeMutablePointer<Obj>) throws(PyExc) -> Obj {
        let tag = s[0]
        if tag.isNull { return try Runtime.iterNext(s[1]) }
        switch tag.smallValue {
        case IterKind.list.rawValue:
            let i = s[2].smallValue
            let l = s[1]
            if i >= List.count(l) { return .null }
            s[2] = Obj(small: i + 1)
            return List.item(l, i)
        case IterKind.tuple.rawValue:
            let i = s[2].smallValue
            let t = s[1]
            if i >= Tuple.count(t) { return .null }
            s[2] = Obj(small: i + 1)
            return Tuple.item(t, i)
        case IterKind.range.rawValue:
            let cur = s[1].smallValue, stop = s[2].smallValue, step = s[3].smallValue
            if step > 0 ? cur >= stop : cur <= stop { return .null }
            s[1] = Obj(small: cur + step)
            return Obj(small: cur)
        default:
            var i = s[2].smallValue
            let v = try Runtime.step(IterKind(rawValue: tag.smallValue).unsafelyUnwrapped, s[1], &i)
            s[2] = Obj(small: i)
            return v
        }
    }
}

extension Runtime {
    public static func getIter(_ o: Obj) throws(PyExc) -> Obj {
        switch kindOf(o) {
        case .list: return try Iteration.make(.list, o, Obj(small: 0))
        case .tuple: return try Iteration.make(.tuple, o, Obj(small: 0))
        case .str: return try Iteration.make(.str, o, Obj(small: 0))
        case .bytes: return try Iteration.make(.bytes, o, Obj(small: 0))
        case .bytearray, .memoryview: return try Iteration.make(.bytearray, o, Obj(small: 0))
        case .range:
            return try Iteration.make(.range, field(o, 1), field(o, 2), field(o, 3))
        case .dict: return try Iteration.make(.dictKeys, o, Obj(small: 0))
        case .set, .frozenset: return try Iteration.make(.set, o, Obj(small: 0))
        case .generator: return o
        case .iterator:
            switch Iteration.kind(o) {
            case .keysView: return try Iteration.make(.dictKeys, field(o, 2), Obj(small: 0))
            case .valuesView: return try Iteration.make(.dictValues, field(o, 2), Obj(small: 0))
            case .itemsView: return try Iteration.make(.dictItems, field(o, 2), Obj(small: 0))
            default: return o
            }
        case .instance:
            let t = typeOf(o)
            if let m = Classes.lookup(t, .__iter__) { return try invokeMethod(m, o) }
            // An iterable native base iterates before a class's __getitem__ is tried (C's
            // lookup finds the base's iterator first).
            let n = Classes.nativePart(o)
            if !n.isNull && NativeSlots.hasIter(n) { return try getIter(n) }
            if Classes.lookup(t, .__getitem__) != nil { return try Iteration.make(.getitem, o, Obj(small: 0)) }
        case .nativeObject:
            if let m = Classes.lookup(typeOf(o), .__iter__) { return try invokeMethod(m, o) }
        default: break
        }
        throw PyExc.typeError("'\(typeName(o))' object isn't iterable")
    }

    /// The next item, or NULL when the iterator is exhausted.
    public static func iterNext(_ it: Obj) throws(PyExc) -> Obj {
        // Like MicroPython's stop_iteration_arg: the value of the StopIteration that ended the
        // iteration (NULL for none), for next() to raise again.
        switch kindOf(it) {
        case .iterator:
            Heap.roots[Root.stopIterationArg] = .null
            return try builtinNext(it)
        case .generator:
            var r = Obj.null
            let kind = try Generator.resume(it, send: .none, throwing: .null, result: &r)
            if kind == .yielded { return r }
            if kind == .returned {
                Heap.roots[Root.stopIterationArg] = r == .none ? .null : r
                return .null
            }
            throw PyExc(r)
        case .instance, .nativeObject:
            if let p = NativeProtocols.of(it), let next = p.next { return try next(it) }
            guard let m = Classes.lookup(typeOf(it), .__next__) else {
                throw PyExc.typeError("'\(typeName(it))' object isn't an iterator")
            }
            do throws(PyExc) {
                return try invokeMethod(m, it)
            } catch {
                if isInstance(error.obj, Exceptions.StopIteration) {
                    Heap.roots[Root.stopIterationArg] = Exceptions.stopIterationValue(error.obj)
                    return .null
                }
                throw error
            }
        default:
            throw PyExc.typeError("'\(typeName(it))' object isn't an iterator")
        }
    }

    /// What one level of a wrapping iterator (enumerate, zip, map, filter) charges against the
    /// stack budget: these recurse natively into the iterator they wrap, as the C port's
    /// iternext functions do (each level checks the C stack there).
    static let nestedIterCost = 64

    /// One step of the iterations that are a position `i` in the object `a` (bytes,
    /// bytearray/memoryview, dict, set, __getitem__): the next item or NULL at the end.
    static func step(_ kind: IterKind, _ a: Obj, _ i: inout Int) throws(PyExc) -> Obj {
        switch kind {
        case .bytes, .bytearray:
            if kindOf(a) == .memoryview {
                if i >= MemoryView.count(a) { return .null }
                i += 1
                return try MemoryView.getItem(a, Obj(small: i - 1))
            }
            let (p, n) = BytesMethods.data(a)
            if i >= n { return .null }
            i += 1
            return Obj(small: Int(p[i - 1]))
        case .dictKeys, .dictValues, .dictItems:
            let m = Dict.map(a)
            guard let s = m.next(from: &i) else { return .null }
            switch kind {
            case .dictKeys: return s[0]
            case .dictValues: return s[1]
            default: return try Tuple.make2(s[0], s[1])
            }
        case .set:
            let n = SetObj.alloc(a)
            let t = SetObj.table(a)
            while i < n {
                let k = t[i]
                i += 1
                if !k.isNull && k != .sentinel { return k }
            }
            return .null
        default: // getitem
            do throws(PyExc) {
                let v = try getItem(a, Obj(small: i))
                i += 1
                return v
            } catch {
                if isInstance(error.obj, Exceptions.IndexError) || isInstance(error.obj, Exceptions.StopIteration) { return .null }
                throw error
            }
        }
    }

    static func builtinNext(_ it: Obj) throws(PyExc) -> Obj {
        let a = field(it, 2)
        switch Iteration.kind(it) {
        case .list:
            let i = field(it, 3).smallValue
            if i >= List.count(a) { return .null }
            setField(it, 3, Obj(small: i + 1))
            return List.item(a, i)
        case .tuple:
            let i = field(it, 3).smallValue
            if i >= Tuple.count(a) { return .null }
            setField(it, 3, Obj(small: i + 1))
            return Tuple.item(a, i)
        case .str:
            let i = field(it, 3).smallValue
            let (p, n) = Str.data(a)
            if i >= n { return .null }
            let len = UTF8Util.sequenceLength(p[i])
            setField(it, 3, Obj(small: i + len))
            return try Str.make(p + i, min(len, n - i))
        case .bytes, .bytearray, .dictKeys, .dictValues, .dictItems, .set, .getitem:
            var i = field(it, 3).smallValue
            let v = try step(Iteration.kind(it), a, &i)
            setField(it, 3, Obj(small: i))
            return v
        case .range:
            if !(a.isSmallInt && field(it, 3).isSmallInt && field(it, 4).isSmallInt) {
                // Bounds beyond small ints: generic arithmetic.
                let stepObj = field(it, 4)
                let up = try binaryOp(BinOp.more, stepObj, Obj(small: 0)) == .true
                if try binaryOp(up ? BinOp.moreEqual : BinOp.lessEqual, a, field(it, 3)) == .true { return .null }
                setField(it, 2, try binaryOp(BinOp.add, a, stepObj))
                return a
            }
            let cur = a.smallValue, stop = field(it, 3).smallValue, step = field(it, 4).smallValue
            if step > 0 ? cur >= stop : cur <= stop { return .null }
            setField(it, 2, try IntOps.make(cur + step))
            return a
        case .enumerate:
            let cost = try VM.enterNested(nestedIterCost)
            defer { VM.leave(cost) }
            let v = try iterNext(a)
            if v.isNull { return .null }
            let i = field(it, 3)
            setField(it, 3, try binaryOp(BinOp.add, i, Obj(small: 1)))
            return try Tuple.make2(i, v)
        case .zip:
            let cost = try VM.enterNested(nestedIterCost)
            defer { VM.leave(cost) }
            let its = a
            let n = Tuple.count(its)
            if n == 0 { return .null }
            let t = try Tuple.make(count: n)
            for j in 0..<n { setField(t, 2 + j, .none) }
            for j in 0..<n {
                let v = try iterNext(Tuple.item(its, j))
                if v.isNull { return .null }
                setField(t, 2 + j, v)
            }
            return t
        case .map:
            let cost = try VM.enterNested(nestedIterCost)
            defer { VM.leave(cost) }
            let its = field(it, 3)
            let n = Tuple.count(its)
            let args = try PyStack.pushObjs(n)
            defer { PyStack.pop(to: args) }
            for j in 0..<n {
                let v = try iterNext(Tuple.item(its, j))
                if v.isNull { return .null }
                args[j] = v
            }
            return try call(a, args, n, 0)
        case .filter:
            let cost = try VM.enterNested(nestedIterCost)
            defer { VM.leave(cost) }
            let src = field(it, 3)
            while true {
                let v = try iterNext(src)
                if v.isNull { return .null }
                let keep = a == .none ? try isTrue(v) : try isTrue(try invoke(a, v))
                if keep { return v }
            }
        case .reversed:
            let i = field(it, 3).smallValue
            if i <= 0 { return .null }
            setField(it, 3, Obj(small: i - 1))
            return try getItem(a, Obj(small: i - 1))
        case .keysView, .valuesView, .itemsView:
            throw PyExc.typeError("'dict_view' object isn't an iterator")
        }
    }
}

/// UTF-8 helpers for str indexing.
public enum UTF8Util {
    @inline(__always) public static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }
    @inline(__always) public static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }

    /// Number of code points in a UTF-8 buffer.
    public static func count(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var c = 0
        for i in 0..<n where !isContinuation(p[i]) { c += 1 }
        return c
    }

    /// Byte offset of code point `index` (0...count).
    public static func offset(_ p: UnsafePointer<UInt8>, _ n: Int, _ index: Int) -> Int {
        var i = 0, cp = 0
        while i < n && cp < index {
            i += sequenceLength(p[i])
            cp += 1
        }
        return min(i, n)
    }

    /// The UTF-8 bytes of code point `c` (0...0x10FFFF; surrogates encode as any other, as
    /// MicroPython's chr does).
    public static func encode(_ c: UInt32) -> [UInt8] {
        if c < 0x80 { return [UInt8(c)] }
        if c < 0x800 { return [UInt8(0xC0 | c >> 6), UInt8(0x80 | c & 0x3F)] }
        if c < 0x10000 { return [UInt8(0xE0 | c >> 12), UInt8(0x80 | (c >> 6) & 0x3F), UInt8(0x80 | c & 0x3F)] }
        return [UInt8(0xF0 | (c >> 18) & 0x07), UInt8(0x80 | (c >> 12) & 0x3F),
                UInt8(0x80 | (c >> 6) & 0x3F), UInt8(0x80 | c & 0x3F)]
    }

    /// The code point of the sequence at the start of `p` (n bytes available), leniently:
    /// only the structure is followed, as MicroPython's utf8_get_char.
    public static func decodeFirst(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        guard n > 0 else { return 0 }
        let lead = p[0]
        let len = sequenceLength(lead)
        if len == 1 { return UInt32(lead) }
        var c = UInt32(lead) & (0x7F >> UInt32(len))
        var i = 1
        while i < len && i < n && isContinuation(p[i]) {
            c = c << 6 | UInt32(p[i] & 0x3F)
            i += 1
        }
        return c
    }

    public static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for i in 0..<n where p[i] >= 0x80 { return false }
        return true
    }
}
