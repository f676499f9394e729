/// Methods of list, dict and set.
extension Builtins {
    static func listArg(_ o: Obj) throws(PyExc) -> Obj {
        if kindOf(o) == .list { return o }
        let n = Classes.nativePart(o)
        if !n.isNull && kindOf(n) == .list { return n }
        throw PyExc.typeError("expected a list")
    }

    static func tupleArg(_ o: Obj) throws(PyExc) -> Obj {
        if kindOf(o) == .tuple { return o }
        let n = Classes.nativePart(o)
        if !n.isNull && kindOf(n) == .tuple { return n }
        throw PyExc.typeError("expected a tuple")
    }

    /// tuple.index and tuple.count (MicroPython's mp_seq_index_obj / mp_seq_count_obj).
    static func installTupleMethods() {
        method(Types.tuple, "index", 2, 4) { (a, n, _) throws(PyExc) in
            let t = try tupleArg(a[0])
            return try sequenceIndex(Tuple.items(t), Tuple.count(t), a, n)
        }
        method(Types.tuple, "count", 2, 2) { (a, _, _) throws(PyExc) in
            let t = try tupleArg(a[0])
            return try sequenceCount(Tuple.items(t), Tuple.count(t), a[1])
        }
    }

    /// seq.index(x[, start[, stop]]) over an item array (list and tuple).
    static func sequenceIndex(_ items: UnsafeMutablePointer<Obj>, _ c: Int,
                              _ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        var start = n > 2 ? try IntOps.toInt(a[2]) : 0
        var stop = n > 3 ? try IntOps.toInt(a[3]) : c
        if start < 0 { start = max(0, start + c) }
        if stop < 0 { stop = max(0, stop + c) }
        stop = min(stop, c)
        var i = start
        while i < stop {
            if try Runtime.equals(items[i], a[1]) { return Obj(small: i) }
            i += 1
        }
        throw PyExc.valueError("object not in sequence")
    }

    /// seq.count(x) over an item array (list and tuple).
    static func sequenceCount(_ items: UnsafeMutablePointer<Obj>, _ c: Int, _ x: Obj) throws(PyExc) -> Obj {
        var k = 0
        for i in 0..<c where try Runtime.equals(items[i], x) { k += 1 }
        return Obj(small: k)
    }

    static func installListMethods() {
        installTupleMethods()
        let t = Types.list
        method(t, "append", 2, 2) { (a, _, _) throws(PyExc) in try List.append(try listArg(a[0]), a[1]); return .none }
        method(t, "extend", 2, 2) { (a, _, _) throws(PyExc) in try listExtend(try listArg(a[0]), a[1]); return .none }
        method(t, "pop", 1, 2) { (a, n, _) throws(PyExc) in
            let l = try listArg(a[0])
            let c = List.count(l)
            if c == 0 { throw PyExc.indexError("pop from empty list") }
            var i = n == 2 ? try IntOps.toInt(a[1]) : c - 1
            if i < 0 { i += c }
            if i < 0 || i >= c { throw PyExc.indexError("pop index out of range") }
            let v = List.remove(at: i, l)
            // Shrink as MicroPython does once the list uses under a quarter of its room.
            if List.alloc(l) > 4 && List.count(l) < List.alloc(l) / 4 {
                let newAlloc = List.alloc(l) / 2
                words(l)[3] = try Heap.reallocate(words(l)[3], bytes: 4 * newAlloc)
                words(l)[1] = UInt32(newAlloc)
            }
            return v
        }
        method(t, "insert", 3, 3) { (a, _, _) throws(PyExc) in
            let l = try listArg(a[0])
            let c = List.count(l)
            // C reads the index as a small int without a check: a bigger int's object address
            // is a large positive number there (on the host and on the chip), so the item goes
            // at the end.
            var i = IntOps.isInt(a[1]) && !IntOps.isCSmall(a[1]) && a[1] != .true && a[1] != .false ? c : try IntOps.toInt(a[1])
            if i < 0 { i = max(0, i + c) }
            if i > c { i = c }
            try List.insert(l, i, a[2])
            return .none
        }
        method(t, "remove", 2, 2) { (a, _, _) throws(PyExc) in
            let l = try listArg(a[0])
            for i in 0..<List.count(l) where try Runtime.equals(List.item(l, i), a[1]) {
                _ = List.remove(at: i, l)
                return .none
            }
            throw PyExc.valueError("object not in sequence")
        }
        method(t, "index", 2, 4) { (a, n, _) throws(PyExc) in
            let l = try listArg(a[0])
            return try sequenceIndex(List.items(l), List.count(l), a, n)
        }
        method(t, "count", 2, 2) { (a, _, _) throws(PyExc) in
            let l = try listArg(a[0])
            return try sequenceCount(List.items(l), List.count(l), a[1])
        }
        method(t, "reverse", 1, 1) { (a, _, _) throws(PyExc) in
            let l = try listArg(a[0])
            let p = List.items(l)
            var i = 0, j = List.count(l) - 1
            while i < j { let x = p[i]; p[i] = p[j]; p[j] = x; i += 1; j -= 1 }
            return .none
        }
        method(t, "clear", 1, 1) { (a, _, _) throws(PyExc) in
            let l = try listArg(a[0])
            List.setCount(l, 0)
            words(l)[3] = try Heap.reallocate(words(l)[3], bytes: 16)
            words(l)[1] = 4
            return .none
        }
        method(t, "copy", 1, 1) { (a, _, _) throws(PyExc) in
            let l = try listArg(a[0])
            return try List.make(List.items(l), List.count(l))
        }
        method(t, "sort", 1, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in
            if n > 1 { throw PyExc.typeError("extra positional arguments given") }
            let kw = KwArgs(a, n, nKw)
            try kw.check([.key, .reverse])
            try ListSort.sort(try listArg(a[0]), key: kw.get(.key) ?? .none, reverse: try Runtime.isTrue(kw.get(.reverse) ?? .false))
            return .none
        }
    }

    static func dictArg(_ o: Obj) throws(PyExc) -> Obj {
        if kindOf(o) == .dict { return o }
        let n = Classes.nativePart(o)
        if !n.isNull && kindOf(n) == .dict { return n }
        throw PyExc.typeError("expected a dict")
    }

    /// A dict that Python may change: fixed (ROM) dicts raise TypeError.
    static func mutableDictArg(_ o: Obj) throws(PyExc) -> Obj {
        let d = try dictArg(o)
        if Dict.map(d).isFixed { throw PyExc.make(Exceptions.TypeError) }
        return d
    }

    static func installDictMethods() {
        let t = Types.dict
        method(t, "keys", 1, 1) { (a, _, _) throws(PyExc) in try Iteration.make(.keysView, try dictArg(a[0])) }
        method(t, "values", 1, 1) { (a, _, _) throws(PyExc) in try Iteration.make(.valuesView, try dictArg(a[0])) }
        method(t, "items", 1, 1) { (a, _, _) throws(PyExc) in try Iteration.make(.itemsView, try dictArg(a[0])) }
        method(t, "get", 2, 3) { (a, n, _) throws(PyExc) in
            try Dict.get(try dictArg(a[0]), a[1]) ?? (n == 3 ? a[2] : .none)
        }
        method(t, "pop", 2, 3) { (a, n, _) throws(PyExc) in
            if let v = try Dict.map(try mutableDictArg(a[0])).remove(a[1]) { return v }
            if n == 3 { return a[2] }
            throw PyExc.keyError(a[1])
        }
        method(t, "popitem", 1, 1) { (a, _, _) throws(PyExc) in
            let d = try mutableDictArg(a[0])
            let m = Dict.map(d)
            // MicroPython pops the first item in table order, or an OrderedDict's last.
            let ordered = m.isOrdered
            var i = ordered ? m.alloc - 1 : 0
            while i >= 0 && i < m.alloc {
                let s = m.table + 2 * i
                if !s[0].isNull && s[0] != .sentinel {
                    let k = s[0], v = s[1]
                    let r = try Tuple.make2(k, v)
                    _ = try m.remove(k)
                    return r
                }
                i += ordered ? -1 : 1
            }
            throw PyExc.keyError(Obj(qstr: Qstr("popitem(): dictionary is empty")))
        }
        method(t, "setdefault", 2, 3) { (a, n, _) throws(PyExc) in
            let d = try mutableDictArg(a[0])
            if let v = try Dict.get(d, a[1]) { return v }
            let v = n == 3 ? a[2] : .none
            try Dict.set(d, a[1], v)
            return v
        }
        method(t, "update", 1, 2, kw: true) { (a, n, nKw) throws(PyExc) in
            let d = try mutableDictArg(a[0])
            if n == 2 { try DictMethods.update(d, a[1]) }
            for i in 0..<nKw { try Dict.set(d, a[n + 2 * i], a[n + 2 * i + 1]) }
            return .none
        }
        method(t, "clear", 1, 1) { (a, _, _) throws(PyExc) in Dict.map(try mutableDictArg(a[0])).clear(); return .none }
        method(t, "copy", 1, 1) { (a, _, _) throws(PyExc) in try DictMethods.copy(try dictArg(a[0])) }
        classMethod(t, "fromkeys", 2, 3) { (a, n, _) throws(PyExc) in
            // Sized for the iterable's length when it has one, as MicroPython does (duplicates
            // counted): the table size decides the iteration order.
            var capacity = 0
            switch kindOf(a[1]) {
            case .str, .bytes, .bytearray, .list, .tuple, .dict, .set, .frozenset, .range:
                capacity = try Runtime.length(a[1])
                _ = try Heap.size(capacity, 8)   // MemoryError for a table that cannot exist
            default: break
            }
            let d = try Dict.make(capacity: capacity)
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = d
            let it = try Runtime.getIter(a[1])
            while true {
                let k = try Runtime.iterNext(it)
                if k.isNull { break }
                try Dict.set(d, k, n == 3 ? a[2] : .none)
            }
            return d
        }
        method(t, "__getitem__", 2, 2) { (a, _, _) throws(PyExc) in try Runtime.getItem(try dictArg(a[0]), a[1]) }
        method(t, "__setitem__", 3, 3) { (a, _, _) throws(PyExc) in try Dict.set(try mutableDictArg(a[0]), a[1], a[2]); return .none }
        method(t, "__delitem__", 2, 2) { (a, _, _) throws(PyExc) in
            try Runtime.storeSubscript(try mutableDictArg(a[0]), a[1], .null); return .none
        }
    }

    /// The set or frozenset a set method works on: `self`, or the native part of an instance
    /// of a subclass (the instance's own words are its attribute map, not a set's table).
    static func setArg(_ o: Obj) throws(PyExc) -> Obj {
        let k = kindOf(o)
        if k == .set || k == .frozenset { return o }
        let n = Classes.nativePart(o)
        if !n.isNull && (kindOf(n) == .set || kindOf(n) == .frozenset) { return n }
        throw PyExc.typeError("expected a set")
    }

    /// A set method whose `self` is made the set itself first.
    static func setMethod(_ t: Obj, _ name: String, _ minArgs: Int, _ maxArgs: Int, _ fn: @escaping NativeFn) {
        method(t, name, minArgs, maxArgs) { (a, n, kw) throws(PyExc) in
            a[0] = try setArg(a[0])
            return try fn(a, n, kw)
        }
    }

    static func installSetMethods() {
        for t in [Types.set, Types.frozenset] {
            let mutable = t == Types.set
            setMethod(t, "copy", 1, 1) { (a, _, _) throws(PyExc) in try SetObj.copy(a[0], type: typeOf(a[0])) }
            setMethod(t, "__contains__", 2, 2) { (a, _, _) throws(PyExc) in Obj(bool: try SetObj.contains(a[0], a[1])) }
            let ops: [(String, Int)] = [("union", BinOp.or), ("intersection", BinOp.and), ("difference", BinOp.sub),
                                        ("symmetric_difference", BinOp.xor)]
            for (name, op) in ops {
                // As C: only difference (and its update) takes any number of others; union,
                // intersection and symmetric_difference take one.
                let maxArgs = op == BinOp.sub ? Native.varArgs : 2
                setMethod(t, name, maxArgs == 2 ? 2 : 1, maxArgs) { (a, n, _) throws(PyExc) in
                    var r = try SetObj.copy(a[0], type: typeOf(a[0]))
                    let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
                    hold[0] = r
                    for i in 1..<n {
                        // s.intersection(s) is s's copy, table and all (C's set_intersect).
                        if op == BinOp.and && a[i] == a[0] { continue }
                        if SetObj.isSetLike(a[i]) {
                            r = try SetObj.binary(op, r, a[i], kindOf(a[i]))!
                        } else {
                            // Another iterable is walked in its own order, item by item, as
                            // MicroPython does (the order of the result's table follows it).
                            r = try SetObj.applyIterable(op, r, a[i])
                        }
                        hold[0] = r
                    }
                    return r
                }
                if mutable && op != BinOp.or {
                    setMethod(t, name + "_update", maxArgs == 2 ? 2 : 1, maxArgs) { (a, n, _) throws(PyExc) in
                        for i in 1..<n {
                            let other = SetObj.isSetLike(a[i]) ? a[i] : try SetObj.from(a[i])
                            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
                            hold[0] = other
                            _ = try SetObj.binary(op - BinOp.or + BinOp.inplaceOr, a[0], other, kindOf(other))
                        }
                        return .none
                    }
                }
            }
            setMethod(t, "isdisjoint", 2, 2) { (a, _, _) throws(PyExc) in
                let it = try Runtime.getIter(a[1])
                while true {
                    let v = try Runtime.iterNext(it)
                    if v.isNull { return .true }
                    if try SetObj.contains(a[0], v) { return .false }
                }
            }
            setMethod(t, "issubset", 2, 2) { (a, _, _) throws(PyExc) in
                let o = SetObj.isSetLike(a[1]) ? a[1] : try SetObj.from(a[1])
                return Obj(bool: try SetObj.isSubset(a[0], o))
            }
            setMethod(t, "issuperset", 2, 2) { (a, _, _) throws(PyExc) in
                let o = SetObj.isSetLike(a[1]) ? a[1] : try SetObj.from(a[1])
                return Obj(bool: try SetObj.isSubset(o, a[0]))
            }
        }
        let t = Types.set
        setMethod(t, "update", 1, Native.varArgs) { (a, n, _) throws(PyExc) in
            for i in 1..<n {
                let it = try Runtime.getIter(a[i])
                while true {
                    let v = try Runtime.iterNext(it)
                    if v.isNull { break }
                    try SetObj.add(a[0], v)
                }
            }
            return .none
        }
        setMethod(t, "add", 2, 2) { (a, _, _) throws(PyExc) in try SetObj.add(a[0], a[1]); return .none }
        setMethod(t, "remove", 2, 2) { (a, _, _) throws(PyExc) in
            if !(try SetObj.remove(a[0], a[1])) { throw PyExc.keyError(a[1]) }
            return .none
        }
        setMethod(t, "discard", 2, 2) { (a, _, _) throws(PyExc) in _ = try SetObj.remove(a[0], a[1]); return .none }
        setMethod(t, "clear", 1, 1) { (a, _, _) throws(PyExc) in SetObj.clear(a[0]); return .none }
        setMethod(t, "pop", 1, 1) { (a, _, _) throws(PyExc) in
            let s = a[0]
            let tb = SetObj.table(s)
            for i in 0..<SetObj.alloc(s) where !tb[i].isNull && tb[i] != .sentinel {
                let v = tb[i]
                _ = try SetObj.remove(s, v)
                return v
            }
            throw PyExc.keyError(Obj(qstr: Qstr("pop from an empty set")))
        }
    }
}

public enum DictMethods {
    static func update(_ d: Obj, _ src: Obj) throws(PyExc) {
        if kindOf(src) == .dict {
            let m = Dict.map(src)
            var i = 0
            while let s = m.next(from: &i) { try Dict.set(d, s[0], s[1]) }
            return
        }
        // Anything but a dict itself (a dict subclass or a class with keys() too) is an
        // iterable of pairs, as in C.
        let it = try Runtime.getIter(src)
        let hold = try PyStack.pushObjs(4); defer { PyStack.pop(to: hold) }
        hold[0] = it
        while true {
            let item = try Runtime.iterNext(it)
            if item.isNull { break }
            // Each item is iterated for exactly two values (C's text when it gives another
            // number); a tuple or list is read in place (C iterates it without allocating).
            let ki = kindOf(item)
            if ki == .tuple || ki == .list {
                let n = ki == .tuple ? Tuple.count(item) : List.count(item)
                if n != 2 { throw PyExc.valueError("dict update sequence has wrong length") }
                hold[1] = item
                if ki == .tuple { try Dict.set(d, Tuple.item(item, 0), Tuple.item(item, 1)) }
                else { try Dict.set(d, List.item(item, 0), List.item(item, 1)) }
                continue
            }
            let pair = try Runtime.getIter(item)
            hold[1] = pair
            let k = try Runtime.iterNext(pair)
            hold[2] = k
            var v = Obj.null
            if !k.isNull { v = try Runtime.iterNext(pair) }
            hold[3] = v
            var extra = Obj.null
            if !v.isNull { extra = try Runtime.iterNext(pair) }
            if k.isNull || v.isNull || !extra.isNull {
                throw PyExc.valueError("dict update sequence has wrong length")
            }
            try Dict.set(d, k, v)
        }
    }

    static func copy(_ d: Obj) throws(PyExc) -> Obj {
        let r = try Dict.make(capacity: Dict.map(d).alloc, type: typeOf(d) == Types.dict ? Types.dict : Types.dict)
        let m = Dict.map(d)
        // Copy the table verbatim so the copy iterates in the same order.
        if m.alloc > 0 {
            Dict.map(r).table.update(from: m.table, count: 2 * m.alloc)
            Dict.map(r).used = m.used
            Dict.map(r).takeKeyKind(of: m)
        }
        return r
    }

    static func binary(_ op: Int, _ a: Obj, _ b: Obj, _ kb: Kind) throws(PyExc) -> Obj? {
        switch op {
        case BinOp.equal, BinOp.notEqual:
            guard kb == .dict else { return Obj(bool: op == BinOp.notEqual) }
            let cost = try VM.enterNested()
            defer { VM.leave(cost) }
            var eq = Dict.count(a) == Dict.count(b)
            if eq && Dict.map(a).isOrdered && Dict.map(b).isOrdered {
                // Two OrderedDicts are equal only with their items in the same order.
                let ma = Dict.map(a), mb = Dict.map(b)
                for i in 0..<ma.used {
                    let x = ma.table + 2 * i, y = mb.table + 2 * i
                    guard try Runtime.equals(x[0], y[0]), try Runtime.equals(x[1], y[1]) else { eq = false; break }
                }
            } else if eq {
                let m = Dict.map(a)
                var i = 0
                while let s = m.next(from: &i) {
                    guard let v = try Dict.get(b, s[0]), try Runtime.equals(s[1], v) else { eq = false; break }
                }
            }
            return Obj(bool: op == BinOp.equal ? eq : !eq)
        case BinOp.or, BinOp.inplaceOr:
            guard kb == .dict else { return nil }
            let r = op == BinOp.or ? try copy(a) : a
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = r
            try update(r, b)
            return r
        default: return nil
        }
    }
}

/// list.sort and sorted(): MicroPython's quicksort, comparison for comparison, so that equal
/// keys end up in the same (unstable) order, the key function runs as often, and __lt__ sees
/// the same operands in the same order as on the C build.
public enum ListSort {
    public static func sort(_ l: Obj, key: Obj, reverse: Bool) throws(PyExc) {
        let n = List.count(l)
        if n < 2 { return }
        // The items are sorted in a copy on the value stack (a GC root), so a key function or
        // __lt__ that changes the list cannot move the array being sorted.
        let items = try PyStack.pushObjs(n)
        defer { PyStack.pop(to: items) }
        items.update(from: List.items(l), count: n)
        try quicksort(items, -1, n - 1, key: key == .none ? .null : key, lessResult: !reverse)
        if List.count(l) != n { throw PyExc.valueError("list modified during sort") }
        List.items(l).update(from: items, count: n)
    }

    /// Sorts a[head+1 ... tail]: the last element is the pivot; the smaller side is sorted by
    /// recursion and the larger by the loop (stack depth O(log n)). An element stays left of
    /// the pivot while `(element < pivot) == lessResult` (false when reversing).
    static func quicksort(_ a: UnsafeMutablePointer<Obj>, _ head0: Int, _ tail0: Int, key: Obj,
                          lessResult: Bool) throws(PyExc) {
        var head = head0, tail = tail0
        while tail - head > 1 {
            var h = head, t = tail
            let pivot = try keyed(a[tail], key)
            while true {
                while true {
                    h += 1
                    if h >= t { break }
                    if try less(try keyed(a[h], key), pivot) != lessResult { break }
                }
                while true {
                    t -= 1
                    if h >= t { break }
                    if try less(pivot, try keyed(a[t], key)) != lessResult { break }
                }
                if h >= t { break }
                let x = a[h]; a[h] = a[t]; a[t] = x
            }
            let x = a[h]; a[h] = a[tail]; a[tail] = x
            if t - head < tail - h {
                try quicksort(a, head, t, key: key, lessResult: lessResult)
                head = h
            } else {
                try quicksort(a, h, tail, key: key, lessResult: lessResult)
                tail = t
            }
        }
    }

    @inline(__always) static func keyed(_ o: Obj, _ key: Obj) throws(PyExc) -> Obj {
        key.isNull ? o : try Runtime.invoke(key, o)
    }

    /// a < b as the binary operator answers it (small ints inline).
    @inline(__always) static func less(_ a: Obj, _ b: Obj) throws(PyExc) -> Bool {
        if a.isSmallInt && b.isSmallInt { return a.smallValue < b.smallValue }
        return try Runtime.binaryOp(BinOp.less, a, b) == .true
    }
}
