/// Operators and slicing shared by list and tuple.
public enum Sequences {
    static func listSubscript(_ l: Obj, _ index: Obj) throws(PyExc) -> Obj {
        if kindOf(index) == .slice {
            let (start, _, step, count) = try Slice.indices(index, List.count(l))
            let r = try List.make(count: count)
            let src = List.items(l), dst = List.items(r)
            for i in 0..<count { dst[i] = src[start + i * step] }
            return r
        }
        let n = List.count(l)
        var i = try IntOps.toIndex(index, "list indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("list index out of range") }
        return List.item(l, i)
    }

    static func tupleSubscript(_ t: Obj, _ index: Obj) throws(PyExc) -> Obj {
        if kindOf(index) == .slice {
            let (start, _, step, count) = try Slice.indices(index, Tuple.count(t))
            if step != 1 { throw PyExc.notImplemented(Msg.onlyStepOne) }
            let r = try Tuple.make(count: count)
            for i in 0..<count { setField(r, 2 + i, Tuple.item(t, start + i * step)) }
            return r
        }
        let n = Tuple.count(t)
        var i = try IntOps.toIndex(index, "tuple indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("tuple index out of range") }
        return Tuple.item(t, i)
    }

    /// list[index] = value / del list[index], including slices.
    static func listStore(_ l: Obj, _ index: Obj, _ value: Obj) throws(PyExc) {
        let n = List.count(l)
        if kindOf(index) == .slice {
            let (start, _, step, count) = try Slice.indices(index, n)
            // MicroPython stores to and deletes only step-1 slices of a list.
            if step != 1 { throw PyExc.make(Exceptions.NotImplementedError) }
            if value.isNull {
                // Delete the selected items, keeping order.
                var keep = [Bool](repeating: true, count: n)
                for i in 0..<count { keep[start + i * step] = false }
                let p = List.items(l)
                var j = 0
                for i in 0..<n where keep[i] { p[j] = p[i]; j += 1 }
                for i in j..<n { p[i] = .null }
                List.setCount(l, j)
                return
            }
            let src = try Builtins.listFrom(value)
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            hold[0] = src
            let m = List.count(src)
            if step != 1 {
                if m != count { throw PyExc.valueError("attempt to assign sequence of size \(m) to extended slice of size \(count)") }
                for i in 0..<m { List.items(l)[start + i * step] = List.item(src, i) }
                return
            }
            let stop = max(start, start + count)
            let newCount = n - (stop - start) + m
            if newCount > List.alloc(l) { try List.reserve(l, newCount - n) }
            let p = List.items(l)
            if m != stop - start {
                if m > stop - start {
                    var i = n - 1
                    while i >= stop { p[i + m - (stop - start)] = p[i]; i -= 1 }
                } else {
                    for i in stop..<n { p[i - (stop - start) + m] = p[i] }
                    for i in newCount..<n { p[i] = .null }
                }
            }
            for i in 0..<m { p[start + i] = List.item(src, i) }
            List.setCount(l, newCount)
            return
        }
        var i = try IntOps.toIndex(index, "list indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("list index out of range") }
        if value.isNull { _ = List.remove(at: i, l) } else { List.items(l)[i] = value }
    }

    static func compare(_ op: Int, _ a: UnsafeMutablePointer<Obj>, _ na: Int, _ b: UnsafeMutablePointer<Obj>, _ nb: Int) throws(PyExc) -> Obj {
        let cost = try VM.enterNested()
        defer { VM.leave(cost) }
        if op == BinOp.equal || op == BinOp.notEqual {
            var eq = na == nb
            if eq {
                for i in 0..<na where !(try Runtime.equals(a[i], b[i])) { eq = false; break }
            }
            return Obj(bool: op == BinOp.equal ? eq : !eq)
        }
        var i = 0
        while i < na && i < nb {
            if !(try Runtime.equals(a[i], b[i])) { return try Runtime.binaryOp(op, a[i], b[i]) }
            i += 1
        }
        switch op {
        case BinOp.less: return Obj(bool: na < nb)
        case BinOp.lessEqual: return Obj(bool: na <= nb)
        case BinOp.more: return Obj(bool: na > nb)
        default: return Obj(bool: na >= nb)
        }
    }

    static func listBinary(_ op: Int, _ a: Obj, _ b: Obj, _ kb: Kind) throws(PyExc) -> Obj? {
        switch op {
        case BinOp.add where kb == .list:
            let na = List.count(a), nb = List.count(b)
            let r = try List.make(count: na + nb)
            List.items(r).update(from: List.items(a), count: na)
            (List.items(r) + na).update(from: List.items(b), count: nb)
            return r
        case BinOp.inplaceAdd:
            try Builtins.listExtend(a, b)
            return a
        case BinOp.mul, BinOp.inplaceMul:
            guard IntOps.isInt(b) else { return nil }
            let na = List.count(a)
            // No copies of nothing (a huge count of an empty list must not loop).
            let times = na == 0 ? 0 : max(0, try IntOps.toInt(b))
            let r = try List.make(count: try Heap.size(na, times))
            for k in 0..<times { (List.items(r) + k * na).update(from: List.items(a), count: na) }
            return r
        case BinOp.less...BinOp.notEqual where kb == .list:
            return try compare(op, List.items(a), List.count(a), List.items(b), List.count(b))
        default: return nil
        }
    }

    static func tupleBinary(_ op: Int, _ a: Obj, _ b: Obj, _ kb: Kind) throws(PyExc) -> Obj? {
        switch op {
        case BinOp.add, BinOp.inplaceAdd:
            guard kb == .tuple else { return nil }
            let na = Tuple.count(a), nb = Tuple.count(b)
            let r = try Tuple.make(count: na + nb)
            for i in 0..<na { setField(r, 2 + i, Tuple.item(a, i)) }
            for i in 0..<nb { setField(r, 2 + na + i, Tuple.item(b, i)) }
            return r
        case BinOp.mul, BinOp.inplaceMul:
            guard IntOps.isInt(b) else { return nil }
            let na = Tuple.count(a)
            let times = na == 0 ? 0 : max(0, try IntOps.toInt(b))
            let r = try Tuple.make(count: try Heap.size(na, times))
            for k in 0..<times { for i in 0..<na { setField(r, 2 + k * na + i, Tuple.item(a, i)) } }
            return r
        case BinOp.less...BinOp.notEqual where kb == .tuple:
            return try compare(op, Tuple.items(a), Tuple.count(a), Tuple.items(b), Tuple.count(b))
        default: return nil
        }
    }
}
