/// array: typed arrays (py/objarray.c). Layout, 4 words as mp_obj_array_t:
/// [type, typecode | free << 8, length, items (GC allocation of (length + free) * itemsize)].
/// Protocol methods (__len__, __getitem__, ...) are native methods for the runtime's hooks.
public enum ArrayModule {
    nonisolated(unsafe) public static var type = Obj(raw: 0)

    /// The array inside `o`: itself, or the native part of an instance of a subclass.
    static func native(_ o: Obj) throws(PyExc) -> Obj {
        let n = kindOf(o) == .instance ? Classes.nativePart(o) : o
        guard isArray(n) else { throw PyExc.wrongSelf("array", o) }
        return n
    }

    static func isArray(_ o: Obj) -> Bool { o.isPointer && type != .null && typeOf(o) == type }
    static func code(_ o: Obj) -> UInt8 { UInt8(words(o)[1] & 0xFF) }
    static func free(_ o: Obj) -> Int { Int(words(o)[1] >> 8) }
    static func count(_ o: Obj) -> Int { Int(words(o)[2]) }
    static func items(_ o: Obj) -> UnsafeMutablePointer<UInt8> { arenaBytes(words(o)[3]) }

    /// The raw bytes of an array (for the buffer protocol), or nil for other objects.
    public static func buffer(_ o: Obj) -> (UnsafeMutablePointer<UInt8>, Int)? {
        guard isArray(o) else { return nil }
        return (items(o), count(o) * itemSize(code(o)))
    }

    static func itemSize(_ c: UInt8) -> Int {
        switch c {
        case 0x62, 0x42: return 1
        case 0x68, 0x48: return 2
        case 0x69, 0x49, 0x6C, 0x4C, 0x66: return 4
        case 0x4F, 0x50, 0x53: return 4  // O P S: an object, a pointer, a C string (32-bit words)
        case 0x71, 0x51, 0x64: return 8
        default: return 0
        }
    }

    static func make(_ c: UInt8, _ n: Int) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, type)
        words(o)[1] = UInt32(c)
        words(o)[2] = UInt32(n)
        words(o)[3] = try Heap.allocate(bytes: max(1, n * itemSize(c)))
        return o
    }

    static func get(_ o: Obj, _ i: Int) throws(PyExc) -> Obj {
        let c = code(o)
        return try load(items(o) + i * itemSize(c), c)
    }

    static func set(_ o: Obj, _ i: Int, _ v: Obj) throws(PyExc) {
        let c = code(o)
        try storeItem(items(o) + i * itemSize(c), c, v)
    }

    /// The item of typecode `c` at `p` (little-endian, as the targets MicroPython runs on).
    static func load(_ p: UnsafeMutablePointer<UInt8>, _ c: UInt8) throws(PyExc) -> Obj {
        let sz = itemSize(c)
        var v: UInt64 = 0
        for k in 0..<sz { v |= UInt64(p[k]) << UInt64(8 * k) }
        switch c {
        case 0x66: return try Float.make(Double(Swift.Float(bitPattern: UInt32(v))))
        case 0x64: return try Float.make(Double(bitPattern: v))
        case 0x4F: return try AddressSpace.object(word: UInt32(truncatingIfNeeded: v))
        case 0x53: return try AddressSpace.cString(at: v)
        case 0x62, 0x68, 0x69, 0x6C, 0x71:
            let shift = UInt64(64 - 8 * sz)
            let s = Int64(bitPattern: v << shift) >> Int64(shift)
            return Obj.fitsSmall(Int(s)) ? Obj(small: Int(s)) : try IntOps.store(BigIntValue(s))
        default:
            return v <= UInt64(Obj.smallIntMax) ? Obj(small: Int(v)) : try IntOps.store(BigIntValue(v))
        }
    }

    /// Stores `v` as an item of typecode `c` at `p`.
    static func storeItem(_ p: UnsafeMutablePointer<UInt8>, _ c: UInt8, _ v: Obj) throws(PyExc) {
        let sz = itemSize(c)
        var bits: UInt64
        switch c {
        case 0x66: bits = UInt64(Swift.Float(try ModSupport.float(v)).bitPattern)
        case 0x64: bits = (try ModSupport.float(v)).bitPattern
        case 0x4F: bits = UInt64(AddressSpace.exposeObject(v))
        default:
            if !IntOps.isInt(v) { _ = try IntOps.toInt(v) }
            bits = try ModSupport.truncated64(v)
        }
        for k in 0..<sz { p[k] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * k)) }
    }

    /// Makes room for `extra` more items (growing as objarray.c: by the needed amount + 8).
    static func reserve(_ o: Obj, _ extra: Int) throws(PyExc) {
        if free(o) >= extra { return }
        let sz = itemSize(code(o))
        let grow = extra + 8
        words(o)[3] = try Heap.reallocate(words(o)[3], bytes: (count(o) + grow) * sz)
        words(o)[1] = UInt32(code(o)) | UInt32(grow) << 8
    }

    static func append(_ o: Obj, _ v: Obj) throws(PyExc) {
        try reserve(o, 1)
        let n = count(o)
        words(o)[2] = UInt32(n + 1)
        words(o)[1] = UInt32(code(o)) | UInt32(free(o) - 1) << 8
        do throws(PyExc) { try set(o, n, v) } catch {
            words(o)[2] = UInt32(n)
            words(o)[1] = UInt32(code(o)) | UInt32(free(o) + 1) << 8
            throw error
        }
    }

    static func appendBytes(_ o: Obj, _ b: [UInt8]) throws(PyExc) {
        let sz = itemSize(code(o))
        // A trailing partial item is dropped, as objarray.c converts byte counts to items.
        let k = b.count / sz
        try reserve(o, k)
        let p = items(o) + count(o) * sz
        for i in 0..<k * sz { p[i] = b[i] }
        words(o)[2] = UInt32(count(o) + k)
        words(o)[1] = UInt32(code(o)) | UInt32(free(o) - k) << 8
    }

    static func extend(_ o: Obj, _ src: Obj) throws(PyExc) {
        if isArray(src) || (BytesMethods.isBuffer(src)) {
            if isArray(src) && code(src) != code(o) && itemSize(code(src)) != itemSize(code(o)) {
                // objarray.c copies raw bytes of any buffer; lengths must fit the item size.
            }
            try appendBytes(o, try ModSupport.readBuffer(src))
            return
        }
        try appendAll(o, src)
    }

    /// Appends every item of iterable `src`, converting each to the array's type.
    static func appendAll(_ o: Obj, _ src: Obj) throws(PyExc) {
        let it = try Runtime.getIter(src)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = it
        while true {
            let v = try Runtime.iterNext(it)
            if v.isNull { break }
            try append(o, v)
        }
    }

    static func checkCode(_ s: Obj) throws(PyExc) -> UInt8 {
        guard Str.isStr(s) else { throw PyExc.typeError("can't convert '\(typeName(s))' object to str implicitly") }
        let b = Str.buffer(s)
        guard b.count == 1, itemSize(b[0]) > 0 else { throw PyExc.valueError("bad typecode") }
        return b[0]
    }

    static func item(_ o: Obj, _ index: Obj) throws(PyExc) -> Obj {
        let n = count(o)
        if kindOf(index) == .slice {
            let (start, _, step, k) = try Slice.indices(index, n)
            if step != 1 { throw PyExc.notImplemented("only slices with step=1 (aka None) are supported") }
            let r = try make(code(o), k)
            let sz = itemSize(code(o))
            if k > 0 { items(r).update(from: items(o) + start * sz, count: k * sz) }
            return r
        }
        var i = try IntOps.toIndex(index, "array indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("array index out of range") }
        return try get(o, i)
    }

    static func install() {
        let m = ModuleBuilder("array", extensible: true)
        type = TypeObject.makeBuiltin(Qstr("array"), .nativeObject, base: Types.object, flags: TypeFlags.subclassable)
        Builtins.constructor(type, 1, 2) { (a, n, _) throws(PyExc) in
            let c = try checkCode(a[1])
            let o = try make(c, 0)
            if n > 2 {
                let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
                hold[0] = o
                let initial = a[2]
                // Only bytes and bytearray initialise raw (the length rounded down to whole
                // items); anything else, other arrays included, item by item.
                let k = kindOf(initial)
                if k == .bytes || k == .bytearray {
                    let b = try ModSupport.readBuffer(initial)
                    try appendBytes(o, Array(b.prefix(b.count - b.count % itemSize(c))))
                } else {
                    try appendAll(o, initial)
                }
            }
            return o
        }
        Builtins.method(type, "append", 2, 2) { (a, _, _) throws(PyExc) in try append(native(a[0]), a[1]); return .none }
        Builtins.method(type, "extend", 2, 2) { (a, _, _) throws(PyExc) in try extend(native(a[0]), a[1]); return .none }
        Builtins.method(type, "__len__", 1, 1) { (a, _, _) throws(PyExc) in Obj(small: count(try native(a[0]))) }
        Builtins.method(type, "__getitem__", 2, 2) { (a, _, _) throws(PyExc) in try item(native(a[0]), a[1]) }
        Builtins.method(type, "__setitem__", 3, 3) { (a, _, _) throws(PyExc) in
            let n = count(try native(a[0]))
            if kindOf(a[1]) == .slice { throw PyExc.notImplemented("array slice assignment") }
            var i = try IntOps.toIndex(a[1], "array indices")
            if i < 0 { i += n }
            if i < 0 || i >= n { throw PyExc.indexError("array index out of range") }
            try set(native(a[0]), i, a[2])
            return .none
        }
        Builtins.method(type, "__iter__", 1, 1) { (a, _, _) throws(PyExc) in
            try Iteration.make(.getitem, native(a[0]), Obj(small: 0))
        }
        Builtins.method(type, "__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            var p = Printer()
            let o = try native(a[0])
            p.write("array('")
            p.byte(code(o))
            p.write("'")
            let n = count(o)
            if n > 0 {
                p.write(", [")
                for i in 0..<n {
                    if i > 0 { p.write(", ") }
                    try Runtime.write(try get(o, i), &p, .repr)
                }
                p.write("]")
            }
            p.write(")")
            return try Str.make(bytes: p.bytes)
        }
        Builtins.method(type, "__add__", 2, 2) { (a, _, _) throws(PyExc) in
            guard ModSupport.isBufferLike(a[1]), kindOf(a[1]) != .str else { return Singletons.notImplemented }
            let r = try make(code(native(a[0])), 0)
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = r
            try appendBytes(r, try ModSupport.readBuffer(native(a[0])))
            try appendBytes(r, try ModSupport.readBuffer(a[1]))
            return r
        }
        Builtins.method(type, "__iadd__", 2, 2) { (a, _, _) throws(PyExc) in
            guard ModSupport.isBufferLike(a[1]), kindOf(a[1]) != .str else { return Singletons.notImplemented }
            try appendBytes(native(a[0]), try ModSupport.readBuffer(a[1]))
            return a[0]
        }
        Builtins.method(type, "__eq__", 2, 2) { (a, _, _) throws(PyExc) in
            try BufferCompare.equality(BinOp.equal, native(a[0]), a[1]) ?? Obj(bool: a[0] == a[1])
        }
        for (name, op) in [("__lt__", BinOp.less), ("__le__", BinOp.lessEqual),
                           ("__gt__", BinOp.more), ("__ge__", BinOp.moreEqual)] {
            Builtins.method(type, name, 2, 2) { (a, _, _) throws(PyExc) in
                try BufferCompare.compareTyped(op, native(a[0]), a[1])
            }
        }
        m.set("array", type)
    }
}
