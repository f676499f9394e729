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
            var i = try IntOps.toInt(a[1])
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
            throw PyExc.valueError("list.remove(x): x not in list")
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
        method(t, "sort", 1, 1, kw: true) { (a, n, nKw) throws(PyExc) in
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
            // MicroPython pops from the end of the table.
            var i = m.alloc - 1
            while i >= 0 {
                let s = m.table + 2 * i
                if !s[0].isNull && s[0] != .sentinel {
                    let k = s[0], v = s[1]
                    let r = try Tuple.make2(k, v)
                    _ = try m.remove(k)
                    return r
                }
                i -= 1
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

    static func installSetMethods() {
        for t in [Types.set, Types.frozenset] {
            let mutable = t == Types.set
            method(t, "copy", 1, 1) { (a, _, _) throws(PyExc) in try SetObj.copy(a[0], type: typeOf(a[0])) }
            method(t, "__contains__", 2, 2) { (a, _, _) throws(PyExc) in Obj(bool: try SetObj.contains(a[0], a[1])) }
            let ops: [(String, Int)] = [("union", BinOp.or), ("intersection", BinOp.and), ("difference", BinOp.sub),
                                        ("symmetric_difference", BinOp.xor)]
            for (name, op) in ops {
                method(t, name, 1, Native.varArgs) { (a, n, _) throws(PyExc) in
                    var r = try SetObj.copy(a[0], type: typeOf(a[0]))
                    let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
                    hold[0] = r
                    for i in 1..<n {
                        let other = SetObj.isSetLike(a[i]) ? a[i] : try SetObj.from(a[i])
                        hold[1] = other
                        r = try SetObj.binary(op, r, other, kindOf(other))!
                        hold[0] = r
                    }
                    return r
                }
                if mutable {
                    method(t, name + "_update", 1, Native.varArgs) { (a, n, _) throws(PyExc) in
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
            method(t, "isdisjoint", 2, 2) { (a, _, _) throws(PyExc) in
                let it = try Runtime.getIter(a[1])
                while true {
                    let v = try Runtime.iterNext(it)
                    if v.isNull { return .true }
                    if try SetObj.contains(a[0], v) { return .false }
                }
            }
            method(t, "issubset", 2, 2) { (a, _, _) throws(PyExc) in
                let o = SetObj.isSetLike(a[1]) ? a[1] : try SetObj.from(a[1])
                return Obj(bool: try SetObj.isSubset(a[0], o))
            }
            method(t, "issuperset", 2, 2) { (a, _, _) throws(PyExc) in
                let o = SetObj.isSetLike(a[1]) ? a[1] : try SetObj.from(a[1])
                return Obj(bool: try SetObj.isSubset(o, a[0]))
            }
        }
        let t = Types.set
        method(t, "update", 1, Native.varArgs) { (a, n, _) throws(PyExc) in
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
        method(t, "add", 2, 2) { (a, _, _) throws(PyExc) in try SetObj.add(a[0], a[1]); return .none }
        method(t, "remove", 2, 2) { (a, _, _) throws(PyExc) in
            if !(try SetObj.remove(a[0], a[1])) { throw PyExc.keyError(a[1]) }
            return .none
        }
        method(t, "discard", 2, 2) { (a, _, _) throws(PyExc) in _ = try SetObj.remove(a[0], a[1]); return .none }
        method(t, "clear", 1, 1) { (a, _, _) throws(PyExc) in SetObj.clear(a[0]); return .none }
        method(t, "pop", 1, 1) { (a, _, _) throws(PyExc) in
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
        if kindOf(src) == .instance && Classes.lookup(typeOf(src), .keys) != nil {
            try Runtime.mergeKwargs(into: d, from: src)
            return
        }
        let it = try Runtime.getIter(src)
        let hold = try PyStack.pushObjs(3); defer { PyStack.pop(to: hold) }
        hold[0] = it
        while true {
            let item = try Runtime.iterNext(it)
            if item.isNull { break }
            hold[1] = item
            try Runtime.unpackSequence(item, 2, hold + 1)
            try Dict.set(d, hold[2], hold[1])
        }
    }

    static func copy(_ d: Obj) throws(PyExc) -> Obj {
        let r = try Dict.make(capacity: Dict.map(d).alloc, type: typeOf(d) == Types.dict ? Types.dict : Types.dict)
        let m = Dict.map(d)
        // Copy the table verbatim so the copy iterates in the same order.
        if m.alloc > 0 {
            Dict.map(r).table.update(from: m.table, count: 2 * m.alloc)
            Dict.map(r).used = m.used
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

/// list.sort and sorted(): a stable merge sort (MicroPython's quicksort is not stable, but
/// results agree wherever the order is determined by the keys).
public enum ListSort {
    /// a < b, with small ints compared inline.
    @inline(__always) static func less(_ a: Obj, _ b: Obj) throws(PyExc) -> Bool {
        if a.isSmallInt && b.isSmallInt { return a.smallValue < b.smallValue }
        return try Runtime.less(a, b)
    }

    public static func sort(_ l: Obj, key: Obj, reverse: Bool) throws(PyExc) {
        let n = List.count(l)
        if n < 2 { return }
        // Keys and a scratch area on the value stack (GC roots).
        let area = try PyStack.pushObjs(4 * n)
        defer { PyStack.pop(to: area) }
        let items = area, keys = area + n, tmpItems = area + 2 * n, tmpKeys = area + 3 * n
        for i in 0..<n { items[i] = List.item(l, i) }
        for i in 0..<n { keys[i] = key == .none ? items[i] : try Runtime.invoke(key, items[i]) }
        var width = 1
        while width < n {
            var lo = 0
            while lo < n {
                let mid = min(lo + width, n), hi = min(lo + 2 * width, n)
                var i = lo, j = mid, k = lo
                while i < mid && j < hi {
                    let takeRight = reverse ? try less(keys[i], keys[j]) : try less(keys[j], keys[i])
                    if takeRight { tmpItems[k] = items[j]; tmpKeys[k] = keys[j]; j += 1 }
                    else { tmpItems[k] = items[i]; tmpKeys[k] = keys[i]; i += 1 }
                    k += 1
                }
                while i < mid { tmpItems[k] = items[i]; tmpKeys[k] = keys[i]; i += 1; k += 1 }
                while j < hi { tmpItems[k] = items[j]; tmpKeys[k] = keys[j]; j += 1; k += 1 }
                lo = hi
            }
            items.update(from: tmpItems, count: n)
            keys.update(from: tmpKeys, count: n)
            width *= 2
        }
        if List.count(l) != n { throw PyExc.valueError("list modified during sort") }
        for i in 0..<n { List.items(l)[i] = items[i] }
    }
}
