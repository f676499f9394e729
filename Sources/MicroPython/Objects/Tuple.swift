/// tuple: one allocation, [type, count, items...] (8 + 4n bytes, as MicroPython's).
/// The empty tuple is a single static object.
public enum Tuple {
    nonisolated(unsafe) public static var empty = Obj(raw: 0)

    @inline(__always) public static func count(_ t: Obj) -> Int { Int(words(t)[1]) }
    @inline(__always) public static func item(_ t: Obj, _ i: Int) -> Obj { field(t, 2 + i) }
    @inline(__always) public static func items(_ t: Obj) -> UnsafeMutablePointer<Obj> { slots(t, 2) }

    /// A tuple of `n` NULL items to be filled by the caller before anything else allocates.
    public static func make(count n: Int, type: Obj = Types.tuple) throws(PyExc) -> Obj {
        if n == 0 && type == Types.tuple && !empty.isNull { return empty }
        let t = Obj(offset: try Heap.allocate(bytes: try Heap.size(n, 4, 8)))
        setField(t, 0, type)
        words(t)[1] = UInt32(n)
        return t
    }

    public static func make(_ items: UnsafePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let t = try make(count: n)
        if n > 0 { Tuple.items(t).update(from: items, count: n) }
        return t
    }

    public static func make2(_ a: Obj, _ b: Obj) throws(PyExc) -> Obj {
        let t = try make(count: 2)
        setField(t, 2, a); setField(t, 3, b)
        return t
    }

    static func makeStatic(_ items: [Obj]) -> Obj {
        let t = Obj(offset: Heap.allocateStatic(bytes: 8 + 4 * items.count))
        setField(t, 0, Types.tuple)
        words(t)[1] = UInt32(items.count)
        for (i, x) in items.enumerated() { setField(t, 2 + i, x) }
        return t
    }
}
