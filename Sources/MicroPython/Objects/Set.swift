/// set and frozenset: [type, used, alloc, table] with a table of `alloc` keys (open addressing,
/// linear probing, MicroPython's growth sizes), SENTINEL for deleted keys.
public enum SetObj {
    @inline(__always) public static func count(_ s: Obj) -> Int { Int(words(s)[1]) }
    @inline(__always) public static func alloc(_ s: Obj) -> Int { Int(words(s)[2]) }
    @inline(__always) public static func table(_ s: Obj) -> UnsafeMutablePointer<Obj> { objArray(words(s)[3]) }

    public static func make(capacity: Int = 0, type: Obj = Types.set) throws(PyExc) -> Obj {
        let s = Obj(offset: try Heap.allocate(bytes: 16))
        setField(s, 0, type)
        if capacity > 0 {
            words(s)[3] = try Heap.allocate(bytes: 4 * capacity)
            words(s)[2] = UInt32(capacity)
        }
        return s
    }

    public static func make(_ items: UnsafePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let s = try make(capacity: n)
        for i in 0..<n { try add(s, items[i]) }
        return s
    }

    static func find(_ s: Obj, _ key: Obj) throws(PyExc) -> Int? {
        if alloc(s) == 0 { return nil }
        let h = try MapRef.hash(key)
        search: while true {
            let a = alloc(s)
            if a == 0 { return nil }
            let tableOff = words(s)[3]
            var pos = Int(UInt(bitPattern: h) % UInt(a))
            let start = pos
            let t = table(s)
            while true {
                let k = t[pos]
                if k.isNull { return nil }
                if k != .sentinel {
                    if k == key { return pos }
                    let equal = try MapRef.keysEqual(k, key)
                    // An __eq__ that changed the set (its table may be freed): search again.
                    if words(s)[3] != tableOff || alloc(s) != a { continue search }
                    if equal { return pos }
                }
                pos = (pos + 1) % a
                if pos == start { return nil }
            }
        }
    }

    public static func contains(_ s: Obj, _ key: Obj) throws(PyExc) -> Bool { try find(s, key) != nil }

    public static func add(_ s: Obj, _ key: Obj) throws(PyExc) {
        if try find(s, key) != nil { return }
        let h = try MapRef.hash(key)
        // Growing re-adds the keys, which may run Python code (__eq__) that adds to the set.
        while count(s) >= alloc(s) { try grow(s) }
        let a = alloc(s)
        var pos = Int(UInt(bitPattern: h) % UInt(a))
        let t = table(s)
        while !t[pos].isNull && t[pos] != .sentinel { pos = (pos + 1) % a }
        t[pos] = key
        words(s)[1] += 1
    }

    static func grow(_ s: Obj) throws(PyExc) {
        let oldAlloc = alloc(s)
        let oldOff = words(s)[3]
        let newAlloc = MapRef.sizeAtLeast(oldAlloc + 1)
        words(s)[3] = try Heap.allocate(bytes: 4 * newAlloc)
        words(s)[2] = UInt32(newAlloc)
        words(s)[1] = 0
        if oldAlloc > 0 {
            let old = objArray(oldOff)
            for i in 0..<oldAlloc where !old[i].isNull && old[i] != .sentinel { try add(s, old[i]) }
            Heap.release(oldOff)
        }
    }

    public static func remove(_ s: Obj, _ key: Obj) throws(PyExc) -> Bool {
        guard let pos = try find(s, key) else { return false }
        let t = table(s)
        t[pos] = t[(pos + 1) % alloc(s)].isNull ? .null : .sentinel
        words(s)[1] -= 1
        return true
    }

    public static func clear(_ s: Obj) {
        let off = words(s)[3]
        words(s)[1] = 0; words(s)[2] = 0; words(s)[3] = 0
        Heap.release(off)
    }

    public static func isSetLike(_ o: Obj) -> Bool { let k = kindOf(o); return k == .set || k == .frozenset }

    /// A new set of `type` holding every element of iterable `o`.
    public static func from(_ o: Obj, type: Obj = Types.set) throws(PyExc) -> Obj {
        let s = try make(type: type)
        let hold = try PyStack.pushObjs(2)
        defer { PyStack.pop(to: hold) }
        hold[0] = s
        let it = try Runtime.getIter(o)
        hold[1] = it
        while true {
            let v = try Runtime.iterNext(it)
            if v.isNull { break }
            try add(s, v)
        }
        return s
    }

    /// A set of `type` with a copy of the table of `s` (its size and its slots, deleted ones
    /// included), as MicroPython's set_copy: the copy iterates in the same order.
    public static func copy(_ s: Obj, type: Obj) throws(PyExc) -> Obj {
        let n = alloc(s)
        let r = try make(capacity: n, type: type)
        if n > 0 { table(r).update(from: table(s), count: n) }
        words(r)[1] = words(s)[1]
        return r
    }

    public static func isSubset(_ a: Obj, _ b: Obj) throws(PyExc) -> Bool {
        let t = table(a)
        for i in 0..<alloc(a) where !t[i].isNull && t[i] != .sentinel {
            if !(try contains(b, t[i])) { return false }
        }
        return true
    }

    /// a & b as MicroPython's set_intersect: a new set of the elements of b (in b's order) that
    /// are in a; in place, a takes the new set's table.
    static func intersection(_ a: Obj, _ b: Obj, inplace: Bool) throws(PyExc) -> Obj {
        // (Always a set, also from frozensets: MicroPython's set_intersect builds a new set.)
        let out = try make(type: Types.set)
        let hold = try PyStack.pushObjs(1)
        defer { PyStack.pop(to: hold) }
        hold[0] = out
        var i = 0
        while i < alloc(b) {
            let k = table(b)[i]
            i += 1
            if !k.isNull && k != .sentinel, try contains(a, k) { try add(out, k) }
        }
        if !inplace { return out }
        let old = words(a)[3]
        words(a)[1] = words(out)[1]; words(a)[2] = words(out)[2]; words(a)[3] = words(out)[3]
        words(out)[1] = 0; words(out)[2] = 0; words(out)[3] = 0
        Heap.release(old)
        return a
    }

    /// set.union/intersection/difference/symmetric_difference with any iterable: `r` (a fresh
    /// copy) takes each item in turn; an intersection collects the items found into a new set,
    /// and a symmetric difference toggles each item, repeated ones too.
    static func applyIterable(_ op: Int, _ r: Obj, _ iterable: Obj) throws(PyExc) -> Obj {
        let hold = try PyStack.pushObjs(2)
        defer { PyStack.pop(to: hold) }
        hold[0] = try Runtime.getIter(iterable)
        let out = op == BinOp.and ? try make(type: Types.set) : r
        hold[1] = out
        while true {
            let v = try Runtime.iterNext(hold[0])
            if v.isNull { break }
            switch op {
            case BinOp.or: try add(out, v)
            case BinOp.and: if try contains(r, v) { try add(out, v) }
            case BinOp.sub: _ = try remove(out, v)
            default: if !(try remove(out, v)) { try add(out, v) }
            }
        }
        return out
    }

    static func binary(_ op: Int, _ a: Obj, _ b: Obj, _ kb: Kind) throws(PyExc) -> Obj? {
        guard kb == .set || kb == .frozenset else {
            return nil
        }
        let inplace = op >= BinOp.inplaceOr && op <= BinOp.inplacePow
        let base = inplace ? op + (BinOp.or - BinOp.inplaceOr) : op
        switch base {
        case BinOp.less: return Obj(bool: count(a) < count(b) ? try isSubset(a, b) : false)
        case BinOp.lessEqual: return Obj(bool: try isSubset(a, b))
        case BinOp.more: return Obj(bool: count(a) > count(b) ? try isSubset(b, a) : false)
        case BinOp.moreEqual: return Obj(bool: try isSubset(b, a))
        case BinOp.equal: return Obj(bool: count(a) == count(b) ? try isSubset(a, b) : false)
        case BinOp.notEqual: return Obj(bool: count(a) == count(b) ? !(try isSubset(a, b)) : true)
        default: break
        }
        if base == BinOp.and && a != b {
            return try intersection(a, b, inplace: inplace && kindOf(a) == .set)
        }
        let result = inplace && kindOf(a) == .set ? a : try copy(a, type: typeOf(a))
        let hold = try PyStack.pushObjs(1)
        defer { PyStack.pop(to: hold) }
        hold[0] = result
        let tb = table(b)
        switch base {
        case BinOp.or:
            for i in 0..<alloc(b) where !tb[i].isNull && tb[i] != .sentinel { try add(result, tb[i]) }
        case BinOp.and:
            break   // a & a: the copy (or a itself)
        case BinOp.sub:
            for i in 0..<alloc(b) where !tb[i].isNull && tb[i] != .sentinel { _ = try remove(result, tb[i]) }
        case BinOp.xor:
            for i in 0..<alloc(b) where !tb[i].isNull && tb[i] != .sentinel {
                if try contains(a, tb[i]) && result != a { _ = try remove(result, tb[i]) }
                else if try contains(result, tb[i]) { _ = try remove(result, tb[i]) }
                else { try add(result, tb[i]) }
            }
        default: return nil
        }
        return result
    }
}

/// slice: [type, start, stop, step].
public enum Slice {
    /// A slice in the static region that BUILD_SLICE lends to the subscript of a builtin
    /// sequence right after it (MicroPython's stack-allocated slice): `b[1:3] = x` uses no heap.
    /// Builtin subscripts never keep the slice; a nested use while it is lent (a store that runs
    /// Python code) allocates as usual.
    nonisolated(unsafe) static var scratch = Obj(raw: 0)
    nonisolated(unsafe) static var scratchBusy = false

    /// Made at start-up, while allocations go to the static region.
    static func createScratch() {
        guard let off = try? Heap.allocate(bytes: 16) else { return }
        scratch = Obj(offset: off)
        setField(scratch, 0, Types.slice)
        setField(scratch, 1, .none); setField(scratch, 2, .none); setField(scratch, 3, .none)
    }

    /// True when `container[start:stop:step]` may use the scratch slice: a builtin sequence
    /// (not an instance, whose methods could keep the slice) and bounds that run no Python code.
    @inline(__always)
    static func canLend(_ container: Obj, _ a: Obj, _ b: Obj, _ c: Obj) -> Bool {
        if scratchBusy || scratch.raw == 0 { return false }
        switch kindOf(container) {
        case .list, .tuple, .str, .bytes, .bytearray, .memoryview: break
        default: return false
        }
        return (a.isSmallInt || a == .none) && (b.isSmallInt || b == .none) && (c.isSmallInt || c == .none)
    }

    /// Lends the scratch slice set to (a, b, c); `giveBack` must follow.
    @inline(__always)
    static func lend(_ a: Obj, _ b: Obj, _ c: Obj) -> Obj {
        scratchBusy = true
        setField(scratch, 1, a); setField(scratch, 2, b); setField(scratch, 3, c)
        return scratch
    }

    @inline(__always)
    static func giveBack() {
        setField(scratch, 1, .none); setField(scratch, 2, .none); setField(scratch, 3, .none)
        scratchBusy = false
    }

    public static func make(_ a: Obj, _ b: Obj, _ c: Obj) throws(PyExc) -> Obj {
        let s = Obj(offset: try Heap.allocate(bytes: 16))
        setField(s, 0, Types.slice)
        setField(s, 1, a); setField(s, 2, b); setField(s, 3, c)
        return s
    }

    /// Resolves a slice against a sequence of length `n`: (start, stop, step, count).
    /// A bound that is not an int is C's mp_obj_get_int error ("can't convert float to int"),
    /// or "`what` must be integers, not T" when `what` is given (str's).
    public static func indices(_ s: Obj, _ n: Int, what: String? = nil) throws(PyExc) -> (Int, Int, Int, Int) {
        func int(_ o: Obj) throws(PyExc) -> Int {
            if let w = what { return try IntOps.toIndex(o, w) }
            return try IntOps.toInt(o)
        }
        let stepObj = field(s, 3)
        let step = stepObj == .none ? 1 : try int(stepObj)
        if step == 0 { throw PyExc.valueError("slice step can't be zero") }
        func clamp(_ o: Obj, _ def: Int) throws(PyExc) -> Int {
            if o == .none { return def }
            var v = try int(o)
            if v < 0 { v += n; if v < 0 { v = step < 0 ? -1 : 0 } }
            else if v >= n { v = step < 0 ? n - 1 : n }
            return v
        }
        let start = try clamp(field(s, 1), step < 0 ? n - 1 : 0)
        let stop = try clamp(field(s, 2), step < 0 ? -1 : n)
        // In unsigned magnitudes: a step of ±2**63 must not overflow the count's arithmetic.
        var count = 0
        if step > 0 { if stop > start { count = Int((UInt(stop - start) - 1) / step.magnitude + 1) } }
        else { if start > stop { count = Int((UInt(start - stop) - 1) / step.magnitude + 1) } }
        return (start, stop, step, count)
    }
}

/// range: [type, start, stop, step] (small ints).
public enum Range {
    public static func make(_ start: Int, _ stop: Int, _ step: Int) throws(PyExc) -> Obj {
        let r = Obj(offset: try Heap.allocate(bytes: 16))
        setField(r, 0, Types.range)
        setField(r, 1, try IntOps.make(start)); setField(r, 2, try IntOps.make(stop)); setField(r, 3, try IntOps.make(step))
        return r
    }
    @inline(__always) static func isSmall(_ r: Obj) -> Bool { field(r, 1).isSmallInt && field(r, 2).isSmallInt && field(r, 3).isSmallInt }
    /// start, stop, step: machine ints (the constructor took them as indices), boxed when large.
    static func parts(_ r: Obj) -> (Int, Int, Int) { (value(field(r, 1)), value(field(r, 2)), value(field(r, 3))) }
    @inline(__always) static func value(_ o: Obj) -> Int {
        if o.isSmallInt { return o.smallValue }
        return (try? IntOps.toInt(o)) ?? 0
    }

    public static func length(_ r: Obj) -> Int {
        let (a, b, s) = parts(r)
        // In unsigned arithmetic: stop - start may exceed Int.max (range(-2**62, 2**62)), and
        // a length past Int.max is given as Int.max.
        let n: UInt
        if s > 0 {
            if b <= a { return 0 }
            n = (UInt(bitPattern: b &- a) - 1) / UInt(s) + 1
        } else {
            if a <= b { return 0 }
            n = (UInt(bitPattern: a &- b) - 1) / s.magnitude + 1
        }
        return n > UInt(Int.max) ? Int.max : Int(n)
    }

    static func getItem(_ r: Obj, _ index: Obj) throws(PyExc) -> Obj {
        let (a, _, s) = parts(r)
        let n = length(r)
        if kindOf(index) == .slice {
            // The normalised slice bounds scaled onto the range (as MicroPython's range_subscr),
            // so range(4)[1::2] is range(1, 4, 2).
            let (st, stop, step, _) = try Slice.indices(index, n)
            let (s2, o1) = s.multipliedReportingOverflow(by: step)
            let (x, o2) = st.multipliedReportingOverflow(by: s)
            let (y, o3) = stop.multipliedReportingOverflow(by: s)
            let (x2, o4) = a.addingReportingOverflow(x)
            let (y2, o5) = a.addingReportingOverflow(y)
            if o1 || o2 || o3 || o4 || o5 { throw PyExc.overflowError("overflow converting long int to machine word") }
            return try make(x2, y2, s2)
        }
        var i = try IntOps.toIndex(index)
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("range index out of range") }
        // A range longer than Int.max (its length is capped there) can name values past Int.
        let (d, o1) = i.multipliedReportingOverflow(by: s)
        let (v, o2) = a.addingReportingOverflow(d)
        if o1 || o2 { throw PyExc.overflowError("overflow converting long int to machine word") }
        return try IntOps.make(v)
    }

    static func contains(_ r: Obj, _ v: Obj) throws(PyExc) -> Bool {
        guard v.isSmallInt || kindOf(v) == .int || kindOf(v) == .bool else {
            if Float.isFloat(v) { let d = Float.value(v); if d == d.rounded() && abs(d) < 1e18 { return try contains(r, try IntOps.make(Int(d))) } }
            return false
        }
        guard let x = try? IntOps.toInt(v) else { return false }
        let (a, b, s) = parts(r)
        if s > 0 { if x < a || x >= b { return false } } else { if x > a || x <= b { return false } }
        // The distance from start, in unsigned arithmetic: it may exceed Int.max.
        let distance = s > 0 ? UInt(bitPattern: x &- a) : UInt(bitPattern: a &- x)
        return distance % s.magnitude == 0
    }
}
