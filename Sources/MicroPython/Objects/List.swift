/// list: [type, alloc, count, items] with a separate item array of `alloc` words, grown ×2 when
/// full (MicroPython's policy: literals allocate max(n, 4)).
public enum List {
    @inline(__always) public static func count(_ l: Obj) -> Int { Int(words(l)[2]) }
    @inline(__always) public static func alloc(_ l: Obj) -> Int { Int(words(l)[1]) }
    @inline(__always) public static func items(_ l: Obj) -> UnsafeMutablePointer<Obj> { objArray(words(l)[3]) }
    @inline(__always) public static func item(_ l: Obj, _ i: Int) -> Obj { items(l)[i] }

    /// A list with `n` NULL items (the caller fills them) and room for max(n, 4).
    public static func make(count n: Int, type: Obj = Types.list) throws(PyExc) -> Obj {
        let a = max(n, 4)
        let bytes = try Heap.size(a, 4)
        let l = Obj(offset: try Heap.allocate(bytes: 16))
        setField(l, 0, type)
        words(l)[1] = UInt32(a)
        words(l)[2] = UInt32(n)
        words(l)[3] = try Heap.allocate(bytes: bytes)
        return l
    }

    public static func make(_ items: UnsafePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let l = try make(count: n)
        if n > 0 { List.items(l).update(from: items, count: n) }
        return l
    }

    public static func append(_ l: Obj, _ v: Obj) throws(PyExc) {
        let n = count(l)
        if n >= alloc(l) {
            let newAlloc = max(4, alloc(l) * 2)
            words(l)[3] = try Heap.reallocate(words(l)[3], bytes: 4 * newAlloc)
            words(l)[1] = UInt32(newAlloc)
        }
        items(l)[n] = v
        words(l)[2] = UInt32(n + 1)
    }

    /// Makes room for `extra` more items (extend), growing to exactly what is needed, like
    /// MicroPython's list_extend.
    public static func reserve(_ l: Obj, _ extra: Int) throws(PyExc) {
        let need = count(l) + extra
        if need > alloc(l) {
            words(l)[3] = try Heap.reallocate(words(l)[3], bytes: try Heap.size(need, 4))
            words(l)[1] = UInt32(need)
        }
    }

    public static func setCount(_ l: Obj, _ n: Int) { words(l)[2] = UInt32(n) }

    public static func insert(_ l: Obj, _ index: Int, _ v: Obj) throws(PyExc) {
        try append(l, .none)
        let n = count(l)
        let p = items(l)
        var i = n - 1
        while i > index { p[i] = p[i - 1]; i -= 1 }
        p[index] = v
    }

    public static func remove(at index: Int, _ l: Obj) -> Obj {
        let n = count(l)
        let p = items(l)
        let v = p[index]
        for i in index..<(n - 1) { p[i] = p[i + 1] }
        p[n - 1] = .null
        words(l)[2] = UInt32(n - 1)
        // Shrink as MicroPython does when the list is less than a quarter full.
        return v
    }
}
