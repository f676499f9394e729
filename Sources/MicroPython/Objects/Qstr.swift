/// Interned strings. Numbers 1...165 are MicroPython's static qstrs, in the order the .mpy format
/// fixes; `RuntimeNames` follow; runtime interns after them. The bytes live outside the Python
/// heap in chunks that never move, so a qstr's bytes can be used without copying.
public enum QstrPool {
    nonisolated(unsafe) static var startsAddress: UInt = 0
    static var starts: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>> {
        @inline(__always) get { UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>(bitPattern: startsAddress).unsafelyUnwrapped }
        set { startsAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var lengthsAddress: UInt = 0
    static var lengths: UnsafeMutablePointer<Int32> {
        @inline(__always) get { UnsafeMutablePointer<Int32>(bitPattern: lengthsAddress).unsafelyUnwrapped }
        set { lengthsAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var hashesAddress: UInt = 0
    static var hashes: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer<UInt32>(bitPattern: hashesAddress).unsafelyUnwrapped }
        set { hashesAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) public static var count = 0
    nonisolated(unsafe) static var capacity = 1024
    nonisolated(unsafe) static var chunkAddress: UInt = 0
    static var chunk: UnsafeMutablePointer<UInt8> {
        @inline(__always) get { UnsafeMutablePointer<UInt8>(bitPattern: chunkAddress).unsafelyUnwrapped }
        set { chunkAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var chunkUsed = 0
    nonisolated(unsafe) static var chunkSize = 65536
    // Open-addressing index from full hash to qstr number (0 = empty slot).
    nonisolated(unsafe) static var indexAddress: UInt = 0
    static var index: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer<UInt32>(bitPattern: indexAddress).unsafelyUnwrapped }
        set { indexAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var indexSize = 2048
    nonisolated(unsafe) static var started = false
    // Quick rejection for `find`: bit min(length, 63) of entry [first byte] is set when some
    // qstr has that first byte and length. Most strings a program builds fail this test.
    nonisolated(unsafe) static var presenceAddress: UInt = 0
    static var presence: UnsafeMutablePointer<UInt64> {
        @inline(__always) get { UnsafeMutablePointer<UInt64>(bitPattern: presenceAddress).unsafelyUnwrapped }
        set { presenceAddress = UInt(bitPattern: newValue) }
    }

    @inline(__always) static func presenceBit(_ n: Int) -> UInt64 { 1 << UInt64(min(n, 63)) }

    /// MicroPython's string hash (djb2 variant, 16 bits kept, never 0).
    @inline(__always) public static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        var h: UInt32 = 5381
        for i in 0..<n { h = (h &* 33) ^ UInt32(p[i]) }
        h &= 0xFFFF
        return h == 0 ? 1 : h
    }

    static func start() {
        if started { return }
        started = true
        presence = .allocate(capacity: 256)
        presence.initialize(repeating: 0, count: 256)
        starts = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
        hashes = .allocate(capacity: capacity)
        chunk = .allocate(capacity: chunkSize)
        index = .allocate(capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
        // qstr 0 is the null qstr.
        append(UnsafePointer(chunk), 0)
        for name in staticQstrs { _ = intern(name) }
        for name in RuntimeNames.all { _ = intern(name) }
    }

    public static func bytes(_ q: Qstr) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: starts[Int(q.id)], count: Int(lengths[Int(q.id)]))
    }
    @inline(__always) public static func length(_ q: Qstr) -> Int { Int(lengths[Int(q.id)]) }
    @inline(__always) public static func hashOf(_ q: Qstr) -> UInt32 { hashes[Int(q.id)] }
    public static func string(_ q: Qstr) -> String { String(decoding: bytes(q), as: UTF8.self) }

    /// The qstr with these bytes, if it exists.
    public static func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Qstr? {
        if n > 0 && presence[Int(p[0])] & presenceBit(n) == 0 { return nil }
        return find(p, n, hash: hash(p, n))
    }

    /// `find` for a caller that already has the string's hash (new str objects store it).
    @inline(__always)
    public static func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt32) -> Qstr? {
        if n > 0 && presence[Int(p[0])] & presenceBit(n) == 0 { return nil }
        var slot = indexSlot(h)
        while true {
            let q = index[slot]
            if q == 0 { return nil }
            if hashes[Int(q)] == h && Int(lengths[Int(q)]) == n && memEqual(starts[Int(q)], p, n) {
                return Qstr(id: q)
            }
            slot = (slot + 1) & (indexSize - 1)
        }
    }

    /// The index is keyed by the MicroPython hash (16 bits, spread over bigger indexes).
    @inline(__always) static func indexSlot(_ h: UInt32) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E37_79B1) >> 8) & (indexSize - 1)
    }

    @inline(__always) static func memEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for i in 0..<n where a[i] != b[i] { return false }
        return true
    }

    public static func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Qstr {
        if let q = find(p, n) { return q }
        if n + 1 > chunkSize - chunkUsed {
            chunkSize = max(65536, n + 1)
            chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
            if romCount > 0 { laterChunks.append(chunk) }
            chunkUsed = 0
        }
        let dst = chunk + chunkUsed
        dst.update(from: p, count: n)
        dst[n] = 0
        chunkUsed += n + 1
        return append(UnsafePointer(dst), n)
    }

    public static func intern(_ s: String) -> Qstr {
        var s = s
        return s.withUTF8 { b in intern(b.baseAddress ?? UnsafePointer(chunk), b.count) }
    }

    @discardableResult
    static func append(_ p: UnsafePointer<UInt8>, _ n: Int) -> Qstr {
        if count == capacity {
            let c = capacity * 2
            let s2 = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>.allocate(capacity: c)
            s2.moveInitialize(from: starts, count: count); starts.deallocate(); starts = s2
            let l2 = UnsafeMutablePointer<Int32>.allocate(capacity: c)
            l2.moveInitialize(from: lengths, count: count); lengths.deallocate(); lengths = l2
            let h2 = UnsafeMutablePointer<UInt32>.allocate(capacity: c)
            h2.moveInitialize(from: hashes, count: count); hashes.deallocate(); hashes = h2
            capacity = c
        }
        let q = UInt32(count)
        starts[count] = UnsafeMutablePointer(mutating: p)
        lengths[count] = Int32(n)
        hashes[count] = hash(p, n)
        if n > 0 { presence[Int(p[0])] |= presenceBit(n) }
        count += 1
        if q != 0 {
            if count * 2 > indexSize { growIndex() }
            insertIndex(q)
        }
        return Qstr(id: q)
    }

    static func insertIndex(_ q: UInt32) {
        var slot = indexSlot(hashes[Int(q)])
        while index[slot] != 0 { slot = (slot + 1) & (indexSize - 1) }
        index[slot] = q
    }

    static func growIndex() {
        index.deallocate()
        indexSize *= 2
        index = UnsafeMutablePointer<UInt32>.allocate(capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
        for q in 1..<count { insertIndex(UInt32(q)) }
    }
}

extension Qstr {
    public init(_ s: String) { self = QstrPool.intern(s) }
    public var string: String { QstrPool.string(self) }
}

/// MicroPython's static qstrs 1...165 (the .mpy format's fixed list).
let staticQstrs: [String] = [
    "", "__dir__", "\n", " ", "*", "/", "<module>", "_", "__call__", "__class__",
    "__delitem__", "__enter__", "__exit__", "__getattr__", "__getitem__", "__hash__", "__init__", "__int__", "__iter__", "__len__",
    "__main__", "__module__", "__name__", "__new__", "__next__", "__qualname__", "__repr__", "__setitem__", "__str__", "ArithmeticError",
    "AssertionError", "AttributeError", "BaseException", "EOFError", "Ellipsis", "Exception", "GeneratorExit", "ImportError", "IndentationError", "IndexError",
    "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "NameError", "NoneType", "NotImplementedError", "OSError", "OverflowError", "RuntimeError",
    "StopIteration", "SyntaxError", "SystemExit", "TypeError", "ValueError", "ZeroDivisionError", "abs", "all", "any", "append",
    "args", "bool", "builtins", "bytearray", "bytecode", "bytes", "callable", "chr", "classmethod", "clear",
    "close", "const", "copy", "count", "dict", "dir", "divmod", "end", "endswith", "eval",
    "exec", "extend", "find", "format", "from_bytes", "get", "getattr", "globals", "hasattr", "hash",
    "id", "index", "insert", "int", "isalpha", "isdigit", "isinstance", "islower", "isspace", "issubclass",
    "isupper", "items", "iter", "join", "key", "keys", "len", "list", "little", "locals",
    "lower", "lstrip", "main", "map", "micropython", "next", "object", "open", "ord", "pop",
    "popitem", "pow", "print", "range", "read", "readinto", "readline", "remove", "replace", "repr",
    "reverse", "rfind", "rindex", "round", "rsplit", "rstrip", "self", "send", "sep", "set",
    "setattr", "setdefault", "sort", "sorted", "split", "start", "startswith", "staticmethod", "step", "stop",
    "str", "strip", "sum", "super", "throw", "to_bytes", "tuple", "type", "update", "upper",
    "utf-8", "value", "values", "write", "zip",
]
