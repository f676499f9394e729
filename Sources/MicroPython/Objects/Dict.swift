/// dict: [type, used, alloc, table]: a MapRef at word 1.
public enum Dict {
    @inline(__always) public static func map(_ d: Obj) -> MapRef { MapRef(d, 1) }

    public static func make(capacity n: Int = 0, type: Obj = Types.dict) throws(PyExc) -> Obj {
        let d = Obj(offset: try Heap.allocate(bytes: 16))
        setField(d, 0, type)
        if type != Types.dict && TypeObject.flags(type) & TypeFlags.orderedMap != 0 { map(d).makeOrdered() }
        try map(d).initialise(capacity: n)
        return d
    }

    /// The order names were first written into each builtin (static) dict: MicroPython's ROM
    /// tables keep their source order, and help() lists a module's or type's members in it.
    /// Kept as (dict, key) word pairs appended at start-up, the cheapest record to make; the
    /// rare reader filters and de-duplicates.
    nonisolated(unsafe) static var declared: UnsafeMutablePointer<UInt32>? = nil
    nonisolated(unsafe) static var declaredCount = 0, declaredCapacity = 0

    /// Sets `k` in a builtin module's or type's static dict, remembering the order of writes.
    static func setDeclared(_ d: Obj, _ k: Obj, _ v: Obj) {
        if !Heap.inPool(d) {
            if declaredCount == declaredCapacity {
                let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * max(2048, 2 * declaredCapacity))
                if let old = declared { bigger.update(from: old, count: 2 * declaredCount); old.deallocate() }
                declared = bigger
                declaredCapacity = max(2048, 2 * declaredCapacity)
            }
            declared![2 * declaredCount] = d.raw
            declared![2 * declaredCount + 1] = k.raw
            declaredCount += 1
        }
        try! map(d).setWhileBuildingROM(k, v)
    }

    /// The keys of a static dict in the order first written (nil for other dicts).
    static func declaredKeys(_ d: Obj) -> [Obj]? {
        guard let pairs = declared else { return nil }
        var keys: [Obj] = []
        var seen = Set<UInt32>()
        for i in 0..<declaredCount where pairs[2 * i] == d.raw && seen.insert(pairs[2 * i + 1]).inserted {
            keys.append(Obj(raw: pairs[2 * i + 1]))
        }
        return keys.isEmpty ? nil : keys
    }

    static func makeStatic() -> Obj {
        let d = Obj(offset: Heap.allocateStatic(bytes: 16))
        setField(d, 0, Types.dict)
        return d
    }

    public static func get(_ d: Obj, _ k: Obj) throws(PyExc) -> Obj? { try map(d).get(k) }
    public static func set(_ d: Obj, _ k: Obj, _ v: Obj) throws(PyExc) { try map(d).set(k, v) }
    public static func count(_ d: Obj) -> Int { map(d).used }

    /// Raises TypeError for a fixed (ROM) dict, which Python may not change.
    @inline(never) static func checkMutable(_ d: Obj) throws(PyExc) {
        if map(d).isFixed { throw PyExc.make(Exceptions.TypeError) }
    }
}

/// A cell holding a closed-over variable: [type, value] (NULL value = unbound).
public enum Cell {
    public static func make(_ v: Obj) throws(PyExc) -> Obj {
        let c = Obj(offset: try Heap.allocate(bytes: 8))
        setField(c, 0, Types.cell)
        setField(c, 1, v)
        return c
    }
}

/// A bound method: [type, function, self].
public enum BoundMethod {
    public static func make(_ f: Obj, _ selfObj: Obj) throws(PyExc) -> Obj {
        let m = Obj(offset: try Heap.allocate(bytes: 12))
        setField(m, 0, Types.boundMethod)
        setField(m, 1, f)
        setField(m, 2, selfObj)
        return m
    }
}

/// A module: [type, globals dict, name qstr]. Module contexts of compiled code extend this with
/// the module's qstr table and constant table (see RawCode.swift).
public enum Module {
    public static func make(name: Qstr) throws(PyExc) -> Obj {
        let m = Obj(offset: try Heap.allocate(bytes: 16))
        setField(m, 0, Types.module)
        let g = try Dict.make(capacity: 0)
        setField(m, 1, g)
        try Dict.set(g, Obj(qstr: .__name__), Obj(qstr: name))
        return m
    }
    @inline(__always) public static func globals(_ m: Obj) -> Obj { field(m, 1) }
}
