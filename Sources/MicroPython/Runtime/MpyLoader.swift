import MicroPythonCompiler

/// Loads a bytecode .mpy file in one pass, straight from its bytes into heap objects: the
/// qstr table interned, the constants made, each function's data copied into its raw code
/// object and checked there (BytecodeCheck) before its prelude is decoded. Nothing is built
/// in between, as C MicroPython's loader builds nothing; importing the same module again and
/// again (what `mip`-installed packages and MicroPython's import benchmarks do) costs the
/// reading, the check and the objects only.
///
/// Files for a machine-code architecture take the full reader (`readMpy`, then `Loader` and
/// `NativeCode.link`), which also gives MicroPython's refusals of foreign code.
///
/// The heap sees the allocations the full path makes, in the same order: the context, the
/// qstr table, the interned names, the constant table, the constants, then each raw code
/// before its children.
struct MpyLoader {
    let b: UnsafePointer<UInt8>
    let count: Int
    var p = 0
    /// The machine-code architecture the runtime runs (0: none).
    let nativeArch: Int
    var file = BytecodeCheck.File(qstrCount: 0, objectCount: 0, baseException: -1)

    static func incompatible() -> PyExc { PyExc.valueError("incompatible .mpy file") }

    /// The module context and root raw code of the file, or nil when the file is one for the
    /// full reader (a machine-code architecture, or machine code in an architecture-free file).
    static func load(_ bytes: [UInt8], globals: Obj) throws(PyExc) -> (Obj, Obj)? {
        let nativeArch = MicroPythonRuntime.port.mpyArch
        let result = bytes.withUnsafeBufferPointer { buf in
            Result { () throws(PyExc) -> (Obj, Obj)? in
                guard let base = buf.baseAddress else { throw incompatible() }
                var loader = MpyLoader(b: base, count: buf.count, nativeArch: nativeArch)
                return try loader.module(globals: globals)
            }
        }
        return try result.get()
    }

    mutating func module(globals: Obj) throws(PyExc) -> (Obj, Obj)? {
        guard count >= 4, b[0] == 0x4d, b[1] == 6 else { throw MpyLoader.incompatible() }
        // An architecture: the full reader (which answers foreign ones with MicroPython's words).
        if (b[2] >> 2) & 0xf != 0 { return nil }
        guard b[3] <= 31, b[2] & 0x40 == 0 else { throw MpyLoader.incompatible() }
        p = 4
        let nq = try uint(), no = try uint()
        let ctx = Obj(offset: try Heap.allocate(bytes: 16))
        setField(ctx, 0, Types.module)
        setField(ctx, 1, globals)
        words(ctx)[2] = try Heap.allocate(bytes: 4 * max(1, nq))
        var baseException = -1
        for i in 0..<nq {
            let q = try qstr()
            UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(words(ctx)[2])).unsafelyUnwrapped[i] = q.id
            if q == .BaseException && baseException < 0 { baseException = i }
        }
        words(ctx)[3] = try Heap.allocate(bytes: 4 * max(1, no))
        for i in 0..<no {
            let v = try constant(depth: 0)
            objArray(words(ctx)[3])[i] = v
        }
        file = BytecodeCheck.File(qstrCount: nq, objectCount: no, baseException: baseException)
        let mark = BytecodeCheck.mark
        defer { BytecodeCheck.restore(mark) }
        guard let (rc, _) = try rawCode(depth: 0) else { return nil }
        return (ctx, rc)
    }

    // MARK: reading

    mutating func uint() throws(PyExc) -> Int {
        var v = 0
        for _ in 0..<10 {
            guard p < count else { throw MpyLoader.incompatible() }
            let c = b[p]
            p += 1
            v = (v << 7) | Int(c & 0x7f)
            if c & 0x80 == 0 { return v }
        }
        throw MpyLoader.incompatible()
    }

    /// `n` bytes and the byte after them (a NUL that is not looked at): where they start.
    mutating func text(_ n: Int, nul: Bool) throws(PyExc) -> UnsafePointer<UInt8> {
        guard n >= 0, n <= count - p - (nul ? 1 : 0) else { throw MpyLoader.incompatible() }
        let at = b + p
        p += n + (nul ? 1 : 0)
        return at
    }

    /// The static qstrs the file names by number, as found in our pool: ROM qstrs only (a
    /// heap qstr does not outlive a soft reset).
    nonisolated(unsafe) static var staticCache = UnsafeMutablePointer<UInt32>.allocate(capacity: 0)
    nonisolated(unsafe) static var staticCacheCount = 0

    mutating func qstr() throws(PyExc) -> Qstr {
        let x = try uint()
        if x & 1 == 0 {
            let n = x >> 1
            let at = try text(n, nul: true)
            if MpyLoader.isASCII(at, n) { return try QstrPool.intern(at, n) }
            // Other bytes are read as UTF-8 (a bad sequence becomes U+FFFD), as the full reader does.
            return try QstrPool.intern(data: String(decoding: UnsafeBufferPointer(start: at, count: n), as: UTF8.self))
        }
        let i = x >> 1
        if MpyLoader.staticCacheCount == 0 {
            MpyLoader.staticCacheCount = mpyStaticQstrCount + 1
            MpyLoader.staticCache = .allocate(capacity: MpyLoader.staticCacheCount)
            MpyLoader.staticCache.initialize(repeating: 0, count: MpyLoader.staticCacheCount)
        }
        if i < MpyLoader.staticCacheCount && MpyLoader.staticCache[i] != 0 { return Qstr(id: MpyLoader.staticCache[i]) }
        guard let s = mpyStaticQstr(i) else { throw MpyLoader.incompatible() }
        let q = try QstrPool.intern(data: s)
        if Int(q.id) < QstrPool.romCount { MpyLoader.staticCache[i] = q.id }
        return q
    }

    mutating func constant(depth: Int) throws(PyExc) -> Obj {
        guard depth <= 64, p < count else { throw MpyLoader.incompatible() }
        let t = b[p]
        p += 1
        switch t {
        // MicroPython's table of runtime functions: machine code's, seen by Python as None.
        case 0 where nativeArch != 0: return .none
        case 1: return .none
        case 2: return .false
        case 3: return .true
        case 4: return Singletons.ellipsis
        case 5, 6:
            let n = try uint()
            let at = try text(n, nul: true)
            if t == 5 && n == 0 { return Obj(qstr: .empty) }
            if t == 5 && !MpyLoader.isASCII(at, n) {
                return try Str.make(String(decoding: UnsafeBufferPointer(start: at, count: n), as: UTF8.self))
            }
            let o = try Str.allocate(n, type: t == 5 ? Types.str : Types.bytes)
            arenaBytes(words(o)[3]).update(from: at, count: n)
            return Str.finish(o)
        case 7:
            let n = try uint()
            let at = try text(n, nul: false)
            if let v = MpyLoader.smallDecimal(at, n) { return try IntOps.make(v) }
            let s = String(decoding: UnsafeBufferPointer(start: at, count: n), as: UTF8.self)
            if let v = Int(s) { return try IntOps.make(v) }
            return try IntOps.parse(s, base: 10)
        case 8:
            let n = try uint()
            let at = try text(n, nul: false)
            if let d = FloatText.parse(UnsafeBufferPointer(start: at, count: n), model: Float.model) {
                return try Float.make(d)
            }
            guard let d = Double(String(decoding: UnsafeBufferPointer(start: at, count: n), as: UTF8.self)) else {
                throw PyExc.valueError("invalid float")
            }
            return try Float.make(d)
        case 9:
            let n = try uint()
            let at = try text(n, nul: false)
            return try Complex.constant(String(decoding: UnsafeBufferPointer(start: at, count: n), as: UTF8.self))
        case 10:
            let n = try uint()
            // Each item takes a byte at least: a count past the file's end is no tuple.
            guard n <= count - p else { throw MpyLoader.incompatible() }
            let tuple = try Tuple.make(count: n)
            for i in 0..<n { setField(tuple, 2 + i, .none) }
            for i in 0..<n {
                let v = try constant(depth: depth + 1)
                setField(tuple, 2 + i, v)
            }
            return tuple
        default:
            throw MpyLoader.incompatible()
        }
    }

    static func isASCII(_ s: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for i in 0..<n where s[i] >= 0x80 { return false }
        return true
    }

    /// Decimal text of at most 18 digits with an optional sign (what mpy-cross writes for
    /// ints past the small-int range), as an Int.
    static func smallDecimal(_ s: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        var negative = false
        if n > 0 && (s[0] == UInt8(ascii: "-") || s[0] == UInt8(ascii: "+")) {
            negative = s[0] == UInt8(ascii: "-")
            i = 1
        }
        guard n > i && n - i <= 18 else { return nil }
        var v = 0
        while i < n {
            let c = s[i] &- UInt8(ascii: "0")
            guard c <= 9 else { return nil }
            v = v * 10 + Int(c)
            i += 1
        }
        return negative ? -v : v
    }

    /// One raw code and its children: the object, and what the check found its closure must
    /// bring. Nil: machine code, for the full reader.
    mutating func rawCode(depth: Int) throws(PyExc) -> (Obj, Int)? {
        guard depth <= 64 else { throw MpyLoader.incompatible() }
        let kl = try uint()
        if kl & 3 != 0 {
            // Machine code in a file without an architecture: refused, unless the runtime runs
            // machine code (then the full reader decides).
            if nativeArch == 0 { throw MpyLoader.incompatible() }
            return nil
        }
        let n = kl >> 3
        let at = try text(n, nul: false)
        let rc = Obj(offset: try Heap.allocate(bytes: RawCodeObj.headerBytes + n))
        setField(rc, 0, Types.rawCode)
        RawCodeObj.data(rc).update(from: at, count: n)
        words(rc)[6] = UInt32(n)
        var children = 0
        if kl & 4 != 0 {
            children = try uint()
            guard children <= count - p else { throw MpyLoader.incompatible() }
            words(rc)[4] = try Heap.allocate(bytes: 4 * children)
            for j in 0..<children {
                guard let (child, free) = try rawCode(depth: depth + 1) else { return nil }
                objArray(words(rc)[4])[j] = child
                BytecodeCheck.childChecked(free)
            }
        }
        let free: Int
        do throws(MpyError) {
            free = try BytecodeCheck.function(RawCodeObj.data(rc), count: n, childCount: children, root: depth == 0, file: file)
        } catch {
            throw PyExc.valueError(error.message)
        }
        RawCodeObj.decodePrelude(rc, childCount: children)
        return (rc, free)
    }
}
