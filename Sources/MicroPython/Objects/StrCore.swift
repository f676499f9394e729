/// str operators: concatenation, comparison, repetition, indexing by code point, `in`.
public enum StrMethods {
    static func binary(_ op: Int, _ a: Obj, _ b: Obj) throws(PyExc) -> Obj? {
        switch op {
        case BinOp.add, BinOp.inplaceAdd: return try concat(a, b, type: Types.str)
        case BinOp.equal: return Obj(bool: Str.equal(a, b))
        case BinOp.notEqual: return Obj(bool: !Str.equal(a, b))
        case BinOp.less, BinOp.more, BinOp.lessEqual, BinOp.moreEqual:
            let c = compareBytes(Str.buffer(a), Str.buffer(b))
            switch op {
            case BinOp.less: return Obj(bool: c < 0)
            case BinOp.more: return Obj(bool: c > 0)
            case BinOp.lessEqual: return Obj(bool: c <= 0)
            default: return Obj(bool: c >= 0)
            }
        default: return nil
        }
    }

    static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    static func concat(_ a: Obj, _ b: Obj, type: Obj) throws(PyExc) -> Obj {
        let na = Str.length(a), nb = Str.length(b)
        if nb == 0 && type == Types.str { return a }
        if na == 0 && type == Types.str { return b }
        let r = try Str.allocate(na + nb, type: type)
        let dst = arenaBytes(words(r)[3])
        let (pa, _) = Str.data(a)
        dst.update(from: pa, count: na)
        let (pb, _) = Str.data(b)
        (dst + na).update(from: pb, count: nb)
        return Str.finish(r)
    }

    static func repeatStr(_ s: Obj, _ times: Obj) throws(PyExc) -> Obj? {
        guard IntOps.isInt(times) else { return nil }
        let n = Str.length(s)
        let t = n == 0 ? 0 : max(0, try IntOps.toInt(times))
        let type = typeOf(s)
        // Sized as the C port counts it (with the terminating NUL), for the same message.
        let r = try Str.allocate(try Heap.size(n, t, 1) - 1, type: type)
        let dst = arenaBytes(words(r)[3])
        let (p, _) = Str.data(s)
        for k in 0..<t { (dst + k * n).update(from: p, count: n) }
        return Str.finish(r)
    }

    static func getItem(_ s: Obj, _ index: Obj) throws(PyExc) -> Obj {
        let (p, n) = Str.data(s)
        let ascii = UTF8Util.isASCII(p, n)
        let len = ascii ? n : UTF8Util.count(p, n)
        if kindOf(index) == .slice {
            // C looks at the step before the bounds, and names str's indices.
            let stepObj = field(index, 3)
            if stepObj != .none && stepObj != Obj(small: 1) { throw PyExc.notImplemented(Msg.onlyStepOne) }
            let (start, _, step, count) = try Slice.indices(index, len, what: "string indices")
            if step != 1 { throw PyExc.notImplemented(Msg.onlyStepOne) }
            if ascii { return try Str.make(p + start, count) }
            var out: [UInt8] = []
            for i in 0..<count {
                let cp = start + i * step
                let o = ascii ? cp : UTF8Util.offset(p, n, cp)
                let l = ascii ? 1 : UTF8Util.sequenceLength(p[o])
                for j in 0..<l { out.append(p[o + j]) }
            }
            return try Str.make(bytes: out)
        }
        var i = try IntOps.toIndex(index, "string indices")
        if i < 0 { i += len }
        if i < 0 || i >= len { throw PyExc.indexError("string index out of range") }
        if ascii { return try Str.make(p + i, 1) }
        let o = UTF8Util.offset(p, n, i)
        return try Str.make(p + o, UTF8Util.sequenceLength(p[o]))
    }

    static func contains(_ s: Obj, _ item: Obj) throws(PyExc) -> Bool {
        guard Str.isStr(item) else {
            throw PyExc.typeError("can't convert '\(typeName(item))' object to str implicitly")
        }
        return find(Str.buffer(s), Str.buffer(item), 0, Str.length(s)) >= 0
    }

    /// Byte offset of the first occurrence of `needle` in hay[start..<end], or -1.
    public static func find(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let m = needle.count
        if m == 0 { return start <= end ? start : -1 }
        if end - start < m { return -1 }
        var i = start
        let first = needle[0]
        while i <= end - m {
            if hay[i] == first {
                var j = 1
                while j < m && hay[i + j] == needle[j] { j += 1 }
                if j == m { return i }
            }
            i += 1
        }
        return -1
    }

    public static func rfind(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let m = needle.count
        if end - start < m { return -1 }
        var i = end - m
        while i >= start {
            var j = 0
            while j < m && hay[i + j] == needle[j] { j += 1 }
            if j == m { return i }
            i -= 1
        }
        return -1
    }
}

/// bytes and bytearray operators.
public enum BytesMethods {
    /// Bytes of a bytes, bytearray or memoryview object.
    public static func data(_ o: Obj) -> (UnsafeMutablePointer<UInt8>, Int) {
        switch kindOf(o) {
        case .bytearray: return (arenaBytes(words(o)[3]), ByteArray.count(o))
        case .memoryview: return MemoryView.data(o)
        case .nativeObject: return ArrayModule.buffer(o) ?? NativeProtocols.bytes(o) ?? (arenaBytes(0), 0)
        case .str, .bytes: return Str.data(o)
        case .instance:
            let n = Classes.nativePart(o)
            return n.isNull ? (arenaBytes(0), 0) : data(n)
        // Never read another layout's words as a buffer: callers check isBuffer first.
        default: return (arenaBytes(0), 0)
        }
    }

    public static func isBuffer(_ o: Obj) -> Bool {
        let k = kindOf(o)
        if k == .instance {
            // A Python subclass of a buffer type (a FrameBuffer's) is a buffer through its native part.
            let n = Classes.nativePart(o)
            return !n.isNull && kindOf(n) != .instance && isBuffer(n)
        }
        return k == .bytes || k == .bytearray || k == .memoryview || (k == .nativeObject && (ArrayModule.buffer(o) != nil || NativeProtocols.bytes(o) != nil))
    }

    static func getItem(_ o: Obj, _ index: Obj) throws(PyExc) -> Obj {
        let (p, n) = data(o)
        if kindOf(index) == .slice {
            let (start, _, step, count) = try Slice.indices(index, n)
            if step != 1 { throw PyExc.notImplemented(Msg.onlyStepOne) }
            var out = [UInt8](repeating: 0, count: count)
            for i in 0..<count { out[i] = p[start + i * step] }
            if kindOf(o) == .bytearray { return try ByteArray.make(out) }
            return try Str.make(bytes: out, type: Types.bytes)
        }
        var i = try IntOps.toIndex(index, kindOf(o) == .bytearray ? "bytearray indices" : "bytes indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError(kindOf(o) == .bytearray ? "bytearray index out of range" : "bytes index out of range") }
        return Obj(small: Int(p[i]))
    }

    static func store(_ o: Obj, _ index: Obj, _ value: Obj) throws(PyExc) {
        if kindOf(o) == .memoryview { return try MemoryView.store(o, index, value) }
        let (p, n) = data(o)
        if kindOf(index) == .slice {
            let (start, _, step, count) = try Slice.indices(index, n)
            if value.isNull {
                var out: [UInt8] = []
                var skip = Set<Int>()
                for i in 0..<count { skip.insert(start + i * step) }
                for i in 0..<n where !skip.contains(i) { out.append(p[i]) }
                try ByteArray.replaceContents(o, out)
                return
            }
            // MicroPython assigns only step-1 slices, from a buffer.
            if step != 1 { throw PyExc.notImplemented(Msg.onlyStepOne) }
            guard isBuffer(value) else { throw PyExc.notImplemented("array/bytes required on right side") }
            if step == 1 {
                // Same length: copy in place (memmove: the source may be this very bytearray).
                let (q, m) = data(value)
                if m == count {
                    if m > 0 { UnsafeMutableRawPointer(p + start).copyMemory(from: q, byteCount: m) }
                    return
                }
            }
            let src = try ByteArray.bytesOf(value)
            if step == 1 {
                var out = Array(UnsafeBufferPointer(start: p, count: start))
                out += src
                out += Array(UnsafeBufferPointer(start: p + start + count, count: n - start - count))
                try ByteArray.replaceContents(o, out)
            } else {
                if src.count != count { throw PyExc.valueError("attempt to assign sequence of wrong size") }
                for i in 0..<count { p[start + i * step] = src[i] }
            }
            return
        }
        var i = try IntOps.toIndex(index, "bytearray indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("bytearray index out of range") }
        if value.isNull {
            var out = Array(UnsafeBufferPointer(start: p, count: n))
            out.remove(at: i)
            try ByteArray.replaceContents(o, out)
            return
        }
        // Truncated to a byte, as MicroPython 1.x stores it (CPython raises ValueError).
        p[i] = UInt8(truncatingIfNeeded: try IntOps.toInt(value))
    }

    static func binary(_ op: Int, _ a: Obj, _ b: Obj, _ ka: Kind, _ kb: Kind) throws(PyExc) -> Obj? {
        let bIsBuf = isBuffer(b)
        switch op {
        case BinOp.add, BinOp.inplaceAdd:
            // Anything with the buffer protocol, str included, as MicroPython concatenates.
            guard bIsBuf || kb == .str else { return nil }
            let (pa, na) = data(a), (pb, nb) = data(b)
            // bytes + bytes with an empty side is the other side (no new object), as in C.
            if ka == .bytes && na == 0 && kb == .bytes { return b }
            if ka == .bytes && nb == 0 { return a }
            var out = Array(UnsafeBufferPointer(start: pa, count: na))
            out += UnsafeBufferPointer(start: pb, count: nb)
            if ka == .bytearray {
                if op == BinOp.inplaceAdd { try ByteArray.replaceContents(a, out); return a }
                return try ByteArray.make(out)
            }
            return try Str.make(bytes: out, type: Types.bytes)
        case BinOp.mul, BinOp.inplaceMul:
            guard IntOps.isInt(b) else { return nil }
            let (pa, na) = data(a)
            let t = na == 0 ? 0 : max(0, try IntOps.toInt(b))
            try Heap.checkTemporary(try Heap.size(na, t))
            var out: [UInt8] = []
            for _ in 0..<t { out += UnsafeBufferPointer(start: pa, count: na) }
            return ka == .bytearray ? try ByteArray.make(out) : try Str.make(bytes: out, type: Types.bytes)
        case BinOp.equal, BinOp.notEqual:
            return try BufferCompare.equality(op, a, b)
        case BinOp.less...BinOp.moreEqual:
            if ka == .bytes { return isBuffer(b) ? BufferCompare.raw(op, a, b) : nil }
            return try BufferCompare.compareTyped(op, a, b)
        default: return nil
        }
    }

    static func contains(_ o: Obj, _ item: Obj) throws(PyExc) -> Bool {
        let (p, n) = data(o)
        // As C: a bytearray (an array there) looks for no numbers; bytes look for a small int
        // as a byte; a str is searched by its UTF-8 bytes; anything else is just not in them.
        if item.isSmallInt || IntOps.isBig(item) {
            if kindOf(o) == .bytearray { throw PyExc.make(Exceptions.NotImplementedError) }
            guard item.isSmallInt else { return false }
            let v = item.smallValue
            for i in 0..<n where Int(p[i]) == v { return true }
            return false
        }
        if kindOf(o) == .bytearray && Float.isFloat(item) { throw PyExc.make(Exceptions.NotImplementedError) }
        if Str.isStr(item) {
            let b = Str.buffer(item)
            return StrMethods.find(UnsafeBufferPointer(start: p, count: n), b, 0, n) >= 0
        }
        guard isBuffer(item) else { return false }
        let (q, m) = data(item)
        return StrMethods.find(UnsafeBufferPointer(start: p, count: n), UnsafeBufferPointer(start: q, count: m), 0, n) >= 0
    }
}

/// bytearray: [type, 0, count, data] with a separately allocated buffer. A bytearray over
/// memory it does not own (uctypes.bytearray_at, a struct's UINT8 array) is
/// [type, backing, count, data]: `data` points into the pool allocation `backing`, which the
/// word keeps alive; it can't be resized.
public enum ByteArray {
    @inline(__always) public static func count(_ o: Obj) -> Int { Int(words(o)[2]) }

    /// A bytearray of `n` bytes at arena offset `data`, inside the pool allocation at `backing`.
    public static func make(referencing data: UInt32, count n: Int, backing: UInt32) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, Types.bytearray)
        words(o)[1] = backing
        words(o)[2] = UInt32(n)
        words(o)[3] = data
        return o
    }

    public static func make(_ bytes: [UInt8], type: Obj = Types.bytearray) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, type)
        try replaceContents(o, bytes)
        return o
    }

    public static func make(count n: Int) throws(PyExc) -> Obj {
        if n < 0 { throw PyExc.valueError("negative count") }
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, Types.bytearray)
        words(o)[3] = try Heap.allocate(bytes: max(1, n))
        words(o)[2] = UInt32(n)
        return o
    }

    public static func replaceContents(_ target: Obj, _ bytes: [UInt8]) throws(PyExc) {
        // A bytearray subclass's instance holds its bytes in its native part (its own words
        // are its attribute map).
        var o = target
        if kindOf(o) != .bytearray {
            let n = Classes.nativePart(o)
            guard !n.isNull && kindOf(n) == .bytearray else { throw PyExc.typeError("expected a bytearray") }
            o = n
        }
        if words(o)[1] != 0 {
            guard bytes.count == count(o) else { throw PyExc.valueError("can't resize a bytearray over fixed memory") }
            let p = arenaBytes(words(o)[3])
            for (i, b) in bytes.enumerated() { p[i] = b }
            return
        }
        // Growing asks the heap to resize, even into room the block has (as C's array
        // extend does with m_renew): a locked heap refuses it.
        if bytes.count > count(o) || words(o)[3] == 0 {
            words(o)[3] = try Heap.reallocate(words(o)[3], bytes: max(1, bytes.count))
        }
        let p = arenaBytes(words(o)[3])
        for (i, b) in bytes.enumerated() { p[i] = b }
        words(o)[2] = UInt32(bytes.count)
    }

    /// The bytes of a buffer object or an iterable of ints.
    public static func bytesOf(_ v: Obj) throws(PyExc) -> [UInt8] {
        if BytesMethods.isBuffer(v) {
            let (p, n) = BytesMethods.data(v)
            return Array(UnsafeBufferPointer(start: p, count: n))
        }
        var out: [UInt8] = []
        let it = try Runtime.getIter(v)
        while true {
            let x = try Runtime.iterNext(it)
            if x.isNull { break }
            let i = try IntOps.toInt(x)
            if i < 0 || i > 255 { throw PyExc.valueError("bytes value out of range") }
            out.append(UInt8(i))
        }
        return out
    }
}

/// memoryview: [type, base object, byte offset, item count | typecode index << 28] over any
/// buffer (bytes, bytearray, array, a native buffer). The item type is the array's typecode
/// ('B' for byte buffers), as objarray.c keeps it in the view; the base object is kept rather
/// than a raw pointer, so a view never outlives or overruns its buffer.
public enum MemoryView {
    /// The typecodes a view can have; the index is stored in the top 4 bits of word 3.
    static let typecodes: StaticString = "BbhHiIlLqQfd"
    static let countMask: UInt32 = (1 << 28) - 1

    public static func make(_ base: Obj, offset: Int, length: Int, code: UInt8 = 0x42) throws(PyExc) -> Obj {
        var index: UInt32 = 0
        let codes = typecodes.utf8Start
        for i in 0..<typecodes.utf8CodeUnitCount where codes[i] == code { index = UInt32(i) }
        guard length <= Int(countMask) else { throw PyExc.make(Exceptions.MemoryError) }
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, Types.memoryview)
        setField(o, 1, base)
        words(o)[2] = UInt32(offset)
        words(o)[3] = UInt32(length) | index << 28
        return o
    }

    /// A view of the whole of buffer `x` (memoryview(x)).
    static func over(_ x: Obj) throws(PyExc) -> Obj {
        if kindOf(x) == .memoryview {
            return try make(field(x, 1), offset: Int(words(x)[2]), length: count(x), code: code(x))
        }
        let (_, len) = BytesMethods.data(x)
        if ArrayModule.isArray(x) {
            let c = ArrayModule.code(x)
            return try make(x, offset: 0, length: len / ArrayModule.itemSize(c), code: c)
        }
        return try make(x, offset: 0, length: len)
    }

    static func code(_ o: Obj) -> UInt8 { typecodes.utf8Start[Int(words(o)[3] >> 28)] }
    static func itemSize(_ o: Obj) -> Int { ArrayModule.itemSize(code(o)) }
    /// The number of items the view shows (its len()), cut to what its buffer still holds.
    static func count(_ o: Obj) -> Int {
        let n = Int(words(o)[3] & countMask)
        let (_, have) = BytesMethods.data(field(o, 1))
        let room = max(0, have - Int(words(o)[2])) / itemSize(o)
        return min(n, room)
    }

    /// The bytes the view covers.
    static func data(_ o: Obj) -> (UnsafeMutablePointer<UInt8>, Int) {
        let (p, _) = BytesMethods.data(field(o, 1))
        return (p + Int(words(o)[2]), count(o) * itemSize(o))
    }

    /// Writable over a bytearray, an array or a port object with a writable buffer (also
    /// through a subclass instance).
    static func writable(_ o: Obj) -> Bool {
        writableBuffer(field(o, 1)) || (try? ModSupport.writeBuffer(field(o, 1))) != nil
    }

    /// Whether buffer `b` may be written through a view (bytes and str may not).
    static func writableBuffer(_ b: Obj) -> Bool {
        switch kindOf(b) {
        case .bytearray: return true
        case .nativeObject: return ArrayModule.isArray(b) || NativeProtocols.of(b)?.bufferIsWritable == true
        case .memoryview: return writable(b)
        case .instance:
            let n = Classes.nativePart(b)
            return !n.isNull && writableBuffer(n)
        default: return false
        }
    }

    static func getItem(_ o: Obj, _ index: Obj) throws(PyExc) -> Obj {
        let n = count(o)
        let sz = itemSize(o)
        if kindOf(index) == .slice {
            let (start, _, step, k) = try Slice.indices(index, n)
            if step != 1 { throw PyExc.notImplemented("only slices with step=1 (aka None) are supported") }
            return try make(field(o, 1), offset: Int(words(o)[2]) + start * sz, length: k, code: code(o))
        }
        var i = try IntOps.toIndex(index, "memoryview indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("memoryview index out of range") }
        return try ArrayModule.load(data(o).0 + i * sz, code(o))
    }

    static func store(_ o: Obj, _ index: Obj, _ value: Obj) throws(PyExc) {
        guard writable(o) else { throw PyExc.typeError("'memoryview' object doesn't support item assignment") }
        let n = count(o)
        let sz = itemSize(o)
        let p = data(o).0
        if kindOf(index) == .slice {
            let (start, _, step, k) = try Slice.indices(index, n)
            if step != 1 { throw PyExc.notImplemented("only slices with step=1 (aka None) are supported") }
            guard BytesMethods.isBuffer(value) else { throw PyExc.notImplemented("array/bytes required on right side") }
            // The source's items must be the same size and as many (objarray.c's rule).
            let srcSize = kindOf(value) == .memoryview ? itemSize(value)
                : ArrayModule.isArray(value) ? ArrayModule.itemSize(ArrayModule.code(value)) : 1
            let (q, m) = BytesMethods.data(value)
            if srcSize != sz || m != k * sz { throw PyExc.valueError("lhs and rhs should be compatible") }
            // Views of one buffer may overlap: move, not copy.
            if m > 0 { UnsafeMutableRawPointer(p + start * sz).copyMemory(from: q, byteCount: m) }
            return
        }
        var i = try IntOps.toIndex(index, "memoryview indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("memoryview index out of range") }
        try ArrayModule.storeItem(p + i * sz, code(o), value)
    }
}
