/// Interned strings, laid out as MicroPython's py/qstr.c lays them out on a 32-bit ESP8266 build.
///
/// Numbers 1...165 are MicroPython's static qstrs, in the order the .mpy format fixes;
/// `RuntimeNames` follow, then every other name interned while the runtime starts. Those are
/// the ROM qstrs: their bytes live in host memory and cost no heap, as the firmware's const
/// pools cost none. After start-up (`sealROM`), a qstr made from program data (identifiers of
/// compiled code, setattr/getattr names, ...) is charged to the GC heap exactly as qstr.c
/// charges it: its bytes (NUL-ended) go into a chunk (128 bytes at first, grown in place when
/// the next blocks are free, else a new chunk), and its entry into the last pool, a heap object
///
///     [prev, total_prev_len, alloc, len, hashes, lengths, qstrs[alloc]] hashes: u16[alloc] lengths: u8[alloc]
///
/// (24 + 7·alloc bytes), the first one of 20 entries, each next one twice its predecessor.
/// Root slots hold the last pool (which reaches the older pools and, through each chunk's first
/// string, every chunk) and the current chunk.
///
/// The host arrays below (bytes pointer, length and hash per qstr number, an open-addressing
/// index keyed by the MicroPython hash, and the presence table) are an index over both kinds,
/// for speed; the heap copies are what the collector and gc.mem_free() see.
///
/// Names Swift code interns after start-up (`Qstr("...")` with a name start-up did not see)
/// are ROM names too: they go to host memory and take no pool entry.
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

    // ROM bytes: host chunks that never move. Those made during start-up live as long as the process;
    // chunks added after start-up (late ROM names) are listed so that `reset` can free them.
    nonisolated(unsafe) static var romChunkAddress: UInt = 0
    nonisolated(unsafe) static var romChunkUsed = 0
    nonisolated(unsafe) static var romChunkSize = 65536
    nonisolated(unsafe) static var firstRomChunk: UInt = 0
    nonisolated(unsafe) static var extraRomChunks: [UInt] = []

    /// Set once start-up is over: from then on, program data makes heap qstrs.
    nonisolated(unsafe) public static var romSealed = false
    // The state `reset` returns to, recorded by `sealROM`.
    nonisolated(unsafe) public static var romCount = 0
    nonisolated(unsafe) static var sealedRomChunkUsed = 0
    nonisolated(unsafe) static var sealedRomChunk: UInt = 0
    nonisolated(unsafe) static var sealedRomChunkSize = 0
    nonisolated(unsafe) static var sealedIndexSize = 0

    // The heap side: the last pool's entry count and capacity, mirrored here so that adding a
    // qstr does not read the pool header. The ROM pool counts as full with `romPoolAlloc`
    // entries, so the first heap pool gets twice that.
    static let romPoolAlloc = 10
    nonisolated(unsafe) static var poolLen = 0
    nonisolated(unsafe) static var poolAlloc = 0
    // The current chunk's capacity and use, in bytes (its offset is the root slot).
    nonisolated(unsafe) static var chunkAlloc = 0
    nonisolated(unsafe) static var chunkUsed = 0

    // MicroPython's sizes on a 32-bit ESP8266 build (MICROPY_QSTR_BYTES_IN_HASH = 2,
    // MICROPY_QSTR_BYTES_IN_LEN = 1, MICROPY_ALLOC_QSTR_CHUNK_INIT = 128).
    static let poolHeaderBytes = 24
    static let entryBytes = 4 + 2 + 1
    static let chunkInit = 128
    static let maxLength = 255

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
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: romChunkSize)
        romChunkAddress = UInt(bitPattern: chunk)
        firstRomChunk = romChunkAddress
        index = .allocate(capacity: indexSize)
        index.initialize(repeating: 0, count: indexSize)
        // qstr 0 is the null qstr.
        append(UnsafePointer(chunk), 0, hash(chunk, 0))
        for name in staticQstrs { _ = intern(name) }
        for name in RuntimeNames.all { _ = intern(name) }
        for name in LiteralNames.all { _ = intern(name) }
    }

    /// Ends start-up: the qstrs made so far are the ROM, and `reset` returns to this state.
    public static func sealROM() {
        romSealed = true
        romCount = count
        sealedRomChunkUsed = romChunkUsed
        sealedRomChunk = romChunkAddress
        sealedRomChunkSize = romChunkSize
        sealedIndexSize = indexSize
        poolLen = romPoolAlloc
        poolAlloc = romPoolAlloc
        chunkAlloc = 0
        chunkUsed = 0
    }

    /// Drops every qstr made since `sealROM`, as MicroPython's qstr_init does on a soft reset:
    /// the heap pools and chunks are forgotten (the caller wipes the heap; the root slots are
    /// cleared here), late ROM names are dropped too and their host chunks freed, and everything
    /// keyed by qstr number (the hash index, the presence table, the builtin attribute cache)
    /// is rebuilt for the ROM qstrs alone.
    public static func reset() {
        precondition(romSealed, "reset before start-up ended")
        if Heap.rootsAddress != 0 {
            Heap.roots[Root.qstrLastPool] = .null
            Heap.roots[Root.qstrLastChunk] = .null
        }
        for c in extraRomChunks { UnsafeMutablePointer<UInt8>(bitPattern: c)?.deallocate() }
        extraRomChunks.removeAll()
        romChunkAddress = sealedRomChunk
        romChunkSize = sealedRomChunkSize
        romChunkUsed = sealedRomChunkUsed
        count = romCount
        poolLen = romPoolAlloc
        poolAlloc = romPoolAlloc
        chunkAlloc = 0
        chunkUsed = 0
        presence.update(repeating: 0, count: 256)
        if indexSize != sealedIndexSize {
            // Back to the start-up size (the per-number arrays keep their capacity for reuse).
            index.deallocate()
            indexSize = sealedIndexSize
            index = .allocate(capacity: indexSize)
        }
        index.initialize(repeating: 0, count: indexSize)
        for q in 1..<count {
            let n = Int(lengths[q])
            if n > 0 { presence[Int(starts[q][0])] |= presenceBit(n) }
            insertIndex(UInt32(q))
        }
        Classes.clearCache()
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

    /// The qstr for program data: found, or made on the heap once start-up is over (raises
    /// MemoryError when the heap is full, RuntimeError for names over 255 bytes, as qstr.c).
    public static func intern(_ p: UnsafePointer<UInt8>, _ n: Int) throws(PyExc) -> Qstr {
        if let q = find(p, n) { return q }
        if !romSealed { return addROM(p, n, hash(p, n)) }
        return try addHeap(p, n, hash(p, n))
    }

    /// `intern` for a Swift string of program data (compiled code's names, -m's module name).
    public static func intern(data s: String) throws(PyExc) -> Qstr {
        var s = s
        let found = s.withUTF8 { b in find(b.baseAddress ?? emptyBytes, b.count) }
        if let q = found { return q }
        let n = s.utf8.count
        // The stdlib's closure accessors are untyped-rethrows: copy out, then intern.
        let tmp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, n))
        defer { tmp.deallocate() }
        s.withUTF8 { b in if n > 0 { tmp.update(from: b.baseAddress.unsafelyUnwrapped, count: n) } }
        return try intern(tmp, n)
    }

    /// A name Swift code uses: a ROM qstr (never on the heap, never fails).
    public static func intern(_ s: String) -> Qstr {
        var s = s
        return s.withUTF8 { b in
            let p = b.baseAddress ?? emptyBytes
            if let q = find(p, b.count) { return q }
            return addROM(p, b.count, hash(p, b.count))
        }
    }

    /// A valid pointer for empty strings (whose buffer may have no address).
    static var emptyBytes: UnsafePointer<UInt8> {
        UnsafePointer(UnsafeMutablePointer<UInt8>(bitPattern: firstRomChunk).unsafelyUnwrapped)
    }

    static func addROM(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt32) -> Qstr {
        if n + 1 > romChunkSize - romChunkUsed {
            romChunkSize = max(65536, n + 1)
            romChunkAddress = UInt(bitPattern: UnsafeMutablePointer<UInt8>.allocate(capacity: romChunkSize))
            if romSealed { extraRomChunks.append(romChunkAddress) }
            romChunkUsed = 0
        }
        let dst = UnsafeMutablePointer<UInt8>(bitPattern: romChunkAddress).unsafelyUnwrapped + romChunkUsed
        dst.update(from: p, count: n)
        dst[n] = 0
        romChunkUsed += n + 1
        return append(UnsafePointer(dst), n, h)
    }

    /// Raises the error interning a name of `n` bytes gives when it is over the limit.
    static func checkLength(_ n: Int) throws(PyExc) {
        if n > maxLength { throw PyExc.make(Exceptions.RuntimeError, "name too long") }
    }

    /// qstr.c's qstr_from_strn and qstr_add, on the GC heap.
    static func addHeap(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt32) throws(PyExc) -> Qstr {
        try checkLength(n)
        let need = n + 1
        var chunk = Heap.roots[Root.qstrLastChunk].raw
        if chunk != 0 && chunkUsed + need > chunkAlloc {
            // Grow the chunk where it is; if the next blocks are taken, trim it to what it holds
            // and start a new one.
            if Heap.resizeInPlace(chunk, bytes: chunkAlloc + need) {
                chunkAlloc += need
            } else {
                _ = Heap.resizeInPlace(chunk, bytes: chunkUsed)
                chunk = 0
                Heap.roots[Root.qstrLastChunk] = .null
            }
        }
        if chunk == 0 {
            // A chunk of at least chunkInit bytes; failing that, exactly this string's.
            var size = max(need, chunkInit)
            if let c = tryAllocate(size) {
                chunk = c
            } else {
                size = need
                chunk = try Heap.allocate(bytes: size)
            }
            Heap.roots[Root.qstrLastChunk] = Obj(raw: chunk)
            chunkAlloc = size
            chunkUsed = 0
        }
        let at = chunk + UInt32(chunkUsed)
        let dst = arenaBytes(at)
        dst.update(from: p, count: n)
        dst[n] = 0
        chunkUsed += need

        var pool = Heap.roots[Root.qstrLastPool].raw
        if poolLen >= poolAlloc {
            let alloc = poolAlloc * 2
            guard let np = tryAllocate(poolHeaderBytes + entryBytes * alloc) else {
                // As qstr.c: the chunk is only reachable from a pool, so it is let go.
                Heap.roots[Root.qstrLastChunk] = .null
                throw PyExc(Heap.memoryError)
            }
            let w = words(Obj(raw: np))
            w[0] = pool                                  // prev (0: the ROM pool, in host memory)
            w[1] = UInt32(count)                         // total_prev_len; is_sorted (bit 31) false
            w[2] = UInt32(alloc)
            w[3] = 0
            w[4] = np + UInt32(poolHeaderBytes + 4 * alloc)      // hashes
            w[5] = np + UInt32(poolHeaderBytes + 6 * alloc)      // lengths
            pool = np
            Heap.roots[Root.qstrLastPool] = Obj(raw: np)
            poolAlloc = alloc
            poolLen = 0
        }
        let w = words(Obj(raw: pool))
        w[6 + poolLen] = at
        UnsafeMutableRawPointer(arenaBytes(w[4])).storeBytes(of: UInt16(truncatingIfNeeded: h), toByteOffset: 2 * poolLen, as: UInt16.self)
        arenaBytes(w[5])[poolLen] = UInt8(n)
        poolLen += 1
        w[3] = UInt32(poolLen)
        return append(UnsafePointer(dst), n, h)
    }

    /// m_malloc_maybe: an allocation (after a collection if needed) or nil, without raising.
    static func tryAllocate(_ bytes: Int) -> UInt32? {
        do throws(PyExc) { return try Heap.allocate(bytes: bytes) } catch { return nil }
    }

    @discardableResult
    static func append(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt32) -> Qstr {
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
        hashes[count] = h
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

    /// The heap qstrs in qstr_dump_data's order: pools newest first, each in entry order.
    public static func heapQstrs() -> [Qstr] {
        var out: [Qstr] = []
        var pool = Heap.roots[Root.qstrLastPool].raw
        while pool != 0 {
            let w = words(Obj(raw: pool))
            for i in 0..<Int(w[3]) {
                let p = arenaBytes(w[6 + i]), n = Int(arenaBytes(w[5])[i])
                if let q = find(p, n) { out.append(q) }
            }
            pool = w[0]
        }
        return out
    }

    /// micropython.qstr_info()'s figures for the heap pools, as qstr_pool_info computes them:
    /// (pools, qstrs, string bytes with their NULs, pool bytes on the heap plus string bytes).
    public static func info() -> (pools: Int, qstrs: Int, dataBytes: Int, totalBytes: Int) {
        var pools = 0, qstrs = 0, data = 0, total = 0
        var pool = Heap.roots[Root.qstrLastPool].raw
        while pool != 0 {
            let w = words(Obj(raw: pool))
            pools += 1
            let len = Int(w[3])
            qstrs += len
            let lens = arenaBytes(w[5])
            for i in 0..<len { data += Int(lens[i]) + 1 }
            total += Heap.allocationBytes(pool)
            pool = w[0]
        }
        return (pools, qstrs, data, total + data)
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
