/// str and bytes. A str is either a qstr (immediate) or a heap object
/// [type, hash, length, data] whose data is a separate allocation of length+1 bytes (NUL-ended),
/// as MicroPython's mp_obj_str_t. bytes uses the same layout with the bytes type.
/// New strings equal to an existing qstr are returned as that qstr (no heap use), as MicroPython does.
public enum Str {
    /// Bytes and length of a str or bytes object (qstr or heap).
    @inline(__always) public static func data(_ o: Obj) -> (UnsafeMutablePointer<UInt8>, Int) {
        if o.isQstr {
            let q = o.qstrValue
            return (QstrPool.starts[Int(q.id)], Int(QstrPool.lengths[Int(q.id)]))
        }
        return (arenaBytes(words(o)[3]), Int(words(o)[2]))
    }

    @inline(__always) public static func buffer(_ o: Obj) -> UnsafeBufferPointer<UInt8> {
        let (p, n) = data(o)
        return UnsafeBufferPointer(start: p, count: n)
    }

    @inline(__always) public static func length(_ o: Obj) -> Int {
        o.isQstr ? QstrPool.length(o.qstrValue) : Int(words(o)[2])
    }

    public static func hash(_ o: Obj) -> UInt32 {
        if o.isQstr { return QstrPool.hashOf(o.qstrValue) }
        let h = words(o)[1]
        if h != 0 { return h }
        // Not computed yet (made with `allocate` but not `finish`ed): compute it now.
        let (p, n) = data(o)
        words(o)[1] = QstrPool.hash(p, n)
        return words(o)[1]
    }

    /// Heap str/bytes with uninitialised data of `n` bytes; caller fills it, then calls `finish`.
    public static func allocate(_ n: Int, type: Obj = Types.str) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, type)
        let d = try Heap.allocate(bytes: try Heap.size(n, 1, 1))
        words(o)[2] = UInt32(n)
        words(o)[3] = d
        return o
    }

    /// Computes the hash of a filled heap str, or swaps it for an equal qstr.
    public static func finish(_ o: Obj) -> Obj {
        let (p, n) = data(o)
        let h = QstrPool.hash(p, n)
        if typeOf(o) == Types.str, let q = QstrPool.find(p, n, hash: h) {
            Heap.release(words(o)[3]); Heap.release(o.raw)
            return Obj(qstr: q)
        }
        words(o)[1] = h
        return o
    }

    public static func make(_ p: UnsafePointer<UInt8>, _ n: Int, type: Obj = Types.str) throws(PyExc) -> Obj {
        if type == Types.str, let q = QstrPool.find(p, n) { return Obj(qstr: q) }
        let o = try allocate(n, type: type)
        arenaBytes(words(o)[3]).update(from: p, count: n)
        words(o)[1] = QstrPool.hash(p, n)
        return o
    }

    public static func make(_ s: String) throws(PyExc) -> Obj {
        var s = s
        let n = s.utf8.count
        if n == 0 { return Obj(qstr: .empty) }
        let o = try allocate(n, type: Types.str)
        let dst = arenaBytes(words(o)[3])
        s.withUTF8 { src in dst.update(from: src.baseAddress!, count: n) }
        return finish(o)
    }

    public static func make(bytes: [UInt8], type: Obj = Types.str) throws(PyExc) -> Obj {
        let n = bytes.count
        if n == 0 && type == Types.str { return Obj(qstr: .empty) }
        // Allocate first, then copy (the stdlib's closure accessors are untyped-rethrows, so the
        // copy is done by a non-throwing closure).
        let o = try allocate(n, type: type)
        let dst = arenaBytes(words(o)[3])
        bytes.withUnsafeBufferPointer { src in if n > 0 { dst.update(from: src.baseAddress!, count: n) } }
        return finish(o)
    }

    public static func make(bytes b: UnsafeBufferPointer<UInt8>, type: Obj = Types.str) throws(PyExc) -> Obj {
        guard let base = b.baseAddress else { return try make(bytes: [UInt8](), type: type) }
        return try make(base, b.count, type: type)
    }

    /// A str whose bytes are interned (used for identifiers and attribute names).
    public static func intern(_ o: Obj) throws(PyExc) -> Qstr {
        if o.isQstr { return o.qstrValue }
        let (p, n) = data(o)
        return try QstrPool.intern(p, n)
    }

    /// The qstr equal to a str, if there is one (never interns).
    public static func existingQstr(_ o: Obj) -> Qstr? {
        if o.isQstr { return o.qstrValue }
        let (p, n) = data(o)
        return QstrPool.find(p, n)
    }

    /// The text of a str (or bytes); "" for anything else, whose words are no text.
    public static func string(_ o: Obj) -> String {
        guard isStr(o) || kindOf(o) == .bytes else { return "" }
        return String(decoding: buffer(o), as: UTF8.self)
    }

    @inline(__always) public static func isStr(_ o: Obj) -> Bool {
        o.isQstr || (o.raw & 3 == 0 && o.raw != 0 && TypeObject.kind(field(o, 0)) == .str)
    }

    public static func equal(_ a: Obj, _ b: Obj) -> Bool {
        if a == b { return true }
        if a.isQstr && b.isQstr { return false }
        let (p, n) = data(a), (q, m) = data(b)
        if n != m { return false }
        if !a.isQstr && !b.isQstr && words(a)[1] != words(b)[1] { return false }
        return memcmpEq(p, q, n)
    }

    @inline(__always) static func memcmpEq(_ p: UnsafePointer<UInt8>, _ q: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n { if p[i] != q[i] { return false }; i += 1 }
        return true
    }

    static func makeStatic(_ s: String) -> Obj {
        Obj(qstr: QstrPool.intern(s))
    }
}
