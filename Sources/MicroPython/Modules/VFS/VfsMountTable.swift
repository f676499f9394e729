import Storage

/// The mount table (extmod/vfs.c's model): a linked list of 16-byte records
/// [mount-point str, filesystem object, next record, 0] with anything mounted at "/" kept
/// last, plus the record of the current directory (null: the virtual root). Filesystem
/// objects are driven only through their Python methods (mount, open, ilistdir, stat...),
/// so native VfsLfs2/VfsFat objects and user-written classes are treated alike.
enum VfsMountTable {
    enum Lookup {
        case root                       // "/" itself, the virtual directory of mount points
        case none                       // no filesystem holds this path
        case mount(Obj, [UInt8])        // the record, and the path inside its filesystem
    }

    static var head: Obj { Heap.roots[Root.vfsMounts] }
    static func path(_ r: Obj) -> Obj { field(r, 0) }
    static func filesystem(_ r: Obj) -> Obj { field(r, 1) }
    static func next(_ r: Obj) -> Obj { field(r, 2) }
    static func pathBytes(_ r: Obj) -> [UInt8] { Array(Str.buffer(path(r))) }

    static func records() -> [Obj] {
        var out: [Obj] = []
        var r = head
        while !r.isNull { out.append(r); r = next(r) }
        return out
    }

    /// Which filesystem a path belongs to, and the path within it.
    static func lookup(_ path: [UInt8]) -> Lookup {
        let slash = UInt8(ascii: "/")
        let current = Heap.roots[Root.vfsCurrent]
        guard path.first == slash || current.isNull else { return .mount(current, path) }
        let isAbsolute = path.first == slash
        // The path without its leading slash is compared in place with each mount point's
        // name (its path without the slash): allocation-free, as every import stats here.
        let restStart = isAbsolute ? 1 : 0
        let restCount = path.count - restStart
        if restCount == 0 { return .root }
        var r = head
        while !r.isNull {
            let mp = Str.buffer(Self.path(r))
            let nameCount = max(0, mp.count - 1)
            if nameCount == 0 { return .mount(r, isAbsolute ? path : Array(path[restStart...])) }
            if restCount >= nameCount && (0..<nameCount).allSatisfy({ path[restStart + $0] == mp[1 + $0] }) {
                if restCount == nameCount { return .mount(r, [slash]) }
                if path[restStart + nameCount] == slash { return .mount(r, Array(path[(restStart + nameCount)...])) }
            }
            r = next(r)
        }
        return .none
    }

    /// A path object of the same type (str or bytes) as `like`.
    static func pathObject(_ b: [UInt8], like: Obj) throws(PyExc) -> Obj {
        try Str.make(bytes: b, type: kindOf(like) == .bytes ? Types.bytes : Types.str)
    }

    static func pathArgument(_ o: Obj) throws(PyExc) -> [UInt8] {
        guard Str.isStr(o) || kindOf(o) == .bytes else {
            throw PyExc.typeError("can't convert '\(TypeObject.name(typeOf(o)).string)' object to str implicitly")
        }
        return Array(Str.buffer(o))
    }

    /// Calls a method of the filesystem that holds `lookup`'s path (ENODEV if none does,
    /// EPERM on the virtual root).
    static func proxy(_ l: Lookup, _ method: String, _ args: [Obj]) throws(PyExc) -> Obj {
        switch l {
        case .none: throw PyExc.osError(19)
        case .root: throw PyExc.osError(1)
        case .mount(let r, _): return try Runtime.callMethodByName(filesystem(r), Qstr(method), args)
        }
    }

    static func insert(path: Obj, filesystem fs: Obj) throws(PyExc) {
        let r = Obj(offset: try Heap.allocate(bytes: 16))
        setField(r, 0, path)
        setField(r, 1, fs)
        setField(r, 2, .null)
        let isRoot = Str.buffer(path).count == 1
        // Insert before a root mount, else at the end, so "/" is always searched last.
        var prev = Obj.null
        var cur = head
        while !cur.isNull {
            if !isRoot && pathBytes(cur).count == 1 { break }
            prev = cur
            cur = next(cur)
        }
        setField(r, 2, cur)
        if prev.isNull { Heap.roots[Root.vfsMounts] = r } else { setField(prev, 2, r) }
    }

    static func remove(_ r: Obj) {
        var prev = Obj.null
        var cur = head
        while !cur.isNull && cur != r { prev = cur; cur = next(cur) }
        guard !cur.isNull else { return }
        if prev.isNull { Heap.roots[Root.vfsMounts] = next(cur) } else { setField(prev, 2, next(cur)) }
        if Heap.roots[Root.vfsCurrent] == r { Heap.roots[Root.vfsCurrent] = .null }
    }

    static func rootMount() -> Obj? { records().first { pathBytes($0).count == 1 } }
}

/// Turns a Storage failure into the Python exception to raise: the exception a Python block
/// device raised, if that was the cause, else OSError(errno).
enum VfsErrors {
    static func exception(_ e: StorageError) -> PyExc {
        let pending = Heap.roots[Root.vfsPending]
        if !pending.isNull {
            Heap.roots[Root.vfsPending] = .null
            return PyExc(pending)
        }
        return PyExc.osError(Int(e.errno))
    }

    static func isOSError(_ e: Obj, errno: Int) -> Bool {
        guard isInstance(e, Exceptions.OSError) else { return false }
        let args = Exceptions.args(e)
        return Tuple.count(args) > 0 && Tuple.item(args, 0) == Obj(small: errno)
    }

    /// Runs a Storage operation, converting its error.
    static func run<T>(_ body: () throws(StorageError) -> T) throws(PyExc) -> T {
        Heap.roots[Root.vfsPending] = .null
        do { return try body() } catch { throw exception(error) }
    }
}
