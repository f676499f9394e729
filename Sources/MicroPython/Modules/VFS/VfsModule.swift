import Storage

/// The `vfs` module, the filesystem half of `os`, and `open` (extmod/vfs.c's behaviour).
public enum VfsModule {
    static let dirMode = 0x4000, fileMode = 0x8000

    static func mount(_ a: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int) throws(PyExc) -> Obj {
        if n == 0 {
            let list = try List.make(count: 0)
            for r in VfsMountTable.records() {
                try List.append(list, try Tuple.make2(VfsMountTable.filesystem(r), VfsMountTable.path(r)))
            }
            return list
        }
        guard n == 2 else { throw PyExc.typeError("function missing required positional argument") }
        let kw = KwArgs(a, n, nKw)
        try kw.check([Qstr("readonly"), Qstr("mkfs")])
        let readonly = kw.get(Qstr("readonly")) ?? .false
        let mkfs = kw.get(Qstr("mkfs")) ?? .false
        let point = a[1]
        _ = try VfsMountTable.pathArgument(point)
        var fs = a[0]
        let d = try PyStack.pushObjs(3); defer { PyStack.pop(to: d) }
        if try Runtime.findAttr(fs, Qstr("mount"), d) != true {
            fs = try NativeVfs.autodetect(fs)
        }
        d[2] = fs
        _ = try Runtime.callMethodByName(fs, Qstr("mount"), [readonly, mkfs])
        let pointBytes = Array(Str.buffer(point))
        if case .mount(let existing, _) = VfsMountTable.lookup(pointBytes) {
            let existingIsRoot = VfsMountTable.pathBytes(existing).count == 1
            if !(pointBytes.count != 1 && existingIsRoot) { throw PyExc.osError(1) }
        }
        try VfsMountTable.insert(path: point, filesystem: fs)
        return .none
    }

    static func umount(_ target: Obj) throws(PyExc) -> Obj {
        let asPath: [UInt8]? = Str.isStr(target) ? Array(Str.buffer(target)) : nil
        guard let r = VfsMountTable.records().first(where: {
            (asPath != nil && VfsMountTable.pathBytes($0) == asPath!) || VfsMountTable.filesystem($0) == target
        }) else { throw PyExc.osError(22) }
        VfsMountTable.remove(r)
        _ = try Runtime.callMethodByName(VfsMountTable.filesystem(r), Qstr("umount"), [])
        return .none
    }

    /// The path argument looked up, and the inner path as an object of the caller's type.
    static func resolve(_ p: Obj) throws(PyExc) -> (VfsMountTable.Lookup, Obj) {
        let l = VfsMountTable.lookup(try VfsMountTable.pathArgument(p))
        if case .mount(_, let inner) = l { return (l, try VfsMountTable.pathObject(inner, like: p)) }
        return (l, .none)
    }

    static func open(_ a: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let kw = KwArgs(a, n, nKw)
        try kw.check([Qstr("file"), Qstr("mode"), Qstr("buffering"), Qstr("encoding")])
        guard let file = n > 0 ? a[0] : kw.get(Qstr("file")) else {
            throw PyExc.typeError("function missing 1 required positional arguments")
        }
        let mode = n > 1 ? a[1] : kw.get(Qstr("mode")) ?? Obj(qstr: Qstr("r"))
        let (l, inner) = try resolve(file)
        return try VfsMountTable.proxy(l, "open", [inner, mode])
    }

    static func chdir(_ p: Obj) throws(PyExc) -> Obj {
        let (l, inner) = try resolve(p)
        switch l {
        case .root:
            // A filesystem mounted at "/" also goes back to its root.
            if let r = VfsMountTable.rootMount() {
                _ = try Runtime.callMethodByName(VfsMountTable.filesystem(r), Qstr("chdir"), [Obj(qstr: Qstr("/"))])
            }
            Heap.roots[Root.vfsCurrent] = .null
        case .none:
            throw PyExc.osError(19)
        case .mount(let r, _):
            _ = try Runtime.callMethodByName(VfsMountTable.filesystem(r), Qstr("chdir"), [inner])
            Heap.roots[Root.vfsCurrent] = r
        }
        return .none
    }

    static func getcwd() throws(PyExc) -> Obj {
        let r = Heap.roots[Root.vfsCurrent]
        if r.isNull { return Obj(qstr: Qstr("/")) }
        let cwd = try Runtime.callMethodByName(VfsMountTable.filesystem(r), Qstr("getcwd"), [])
        let mp = VfsMountTable.pathBytes(r)
        if mp.count == 1 { return cwd }
        let c = Array(Str.buffer(cwd))
        return try Str.make(bytes: c == [UInt8(ascii: "/")] ? mp : mp + c)
    }

    static func ilistdir(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let p = n > 0 ? a[0] : Obj(qstr: .empty)
        let (l, inner) = try resolve(p)
        if case .root = l { return try RootDirectoryIterator.make(bytesNames: kindOf(p) == .bytes) }
        return try VfsMountTable.proxy(l, "ilistdir", [inner])
    }

    static func listdir(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let it = try ilistdir(a, n)
        let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
        hold[0] = it
        let list = try List.make(count: 0)
        hold[1] = list
        let iter = try Runtime.getIter(it)
        hold[0] = iter
        while true {
            let entry = try Runtime.iterNext(iter)
            if entry.isNull { break }
            try List.append(list, try Runtime.getItem(entry, Obj(small: 0)))
        }
        return list
    }

    static func stat(_ p: Obj) throws(PyExc) -> Obj {
        let (l, inner) = try resolve(p)
        if case .root = l {
            return try ModSupport.tuple(10) { i throws(PyExc) in Obj(small: i == 0 ? dirMode : 0) }
        }
        return try VfsMountTable.proxy(l, "stat", [inner])
    }

    static func statvfs(_ p: Obj) throws(PyExc) -> Obj {
        var (l, inner) = try resolve(p)
        if case .root = l {
            guard let r = VfsMountTable.rootMount() else {
                return try ModSupport.tuple(10) { i throws(PyExc) in Obj(small: i == 9 ? MicroPythonRuntime.port.pathMax : 0) }
            }
            l = .mount(r, [UInt8(ascii: "/")])
            inner = Obj(qstr: Qstr("/"))
        }
        return try VfsMountTable.proxy(l, "statvfs", [inner])
    }

    static func simple(_ method: String, _ p: Obj, existsOnRoot: Bool = false) throws(PyExc) -> Obj {
        let (l, inner) = try resolve(p)
        if existsOnRoot {
            if case .root = l { throw PyExc.osError(17) }
            if case .mount(_, let path) = l, path == [UInt8(ascii: "/")] { throw PyExc.osError(17) }
        }
        return try VfsMountTable.proxy(l, method, [inner])
    }

    static func rename(_ old: Obj, _ new: Obj) throws(PyExc) -> Obj {
        let (l1, p1) = try resolve(old)
        let (l2, p2) = try resolve(new)
        var same = false
        switch (l1, l2) {
        case (.root, .root), (.none, .none): same = true
        case (.mount(let a, _), .mount(let b, _)): same = a == b
        default: same = false
        }
        if !same { throw PyExc.osError(1) }
        return try VfsMountTable.proxy(l1, "rename", [p1, p2])
    }

    /// Adds the filesystem functions to `os` (and its legacy mount/umount/Vfs* names).
    static func addOSFunctions(_ m: ModuleBuilder) {
        m.function("mount", 0, 2, kw: true, mount)
        m.function("umount", 1, 1) { (a, _, _) throws(PyExc) in try umount(a[0]) }
        m.function("chdir", 1, 1) { (a, _, _) throws(PyExc) in try chdir(a[0]) }
        m.function("getcwd", 0, 0) { (_, _, _) throws(PyExc) in try getcwd() }
        m.function("ilistdir", 0, 1) { (a, n, _) throws(PyExc) in try ilistdir(a, n) }
        m.function("listdir", 0, 1) { (a, n, _) throws(PyExc) in try listdir(a, n) }
        m.function("mkdir", 1, 1) { (a, _, _) throws(PyExc) in try simple("mkdir", a[0], existsOnRoot: true) }
        m.function("remove", 1, 1) { (a, _, _) throws(PyExc) in try simple("remove", a[0]) }
        m.function("unlink", 1, 1) { (a, _, _) throws(PyExc) in try simple("remove", a[0]) }
        m.function("rmdir", 1, 1) { (a, _, _) throws(PyExc) in try simple("rmdir", a[0]) }
        m.function("rename", 2, 2) { (a, _, _) throws(PyExc) in try rename(a[0], a[1]) }
        m.function("stat", 1, 1) { (a, _, _) throws(PyExc) in try stat(a[0]) }
        m.function("statvfs", 1, 1) { (a, _, _) throws(PyExc) in try statvfs(a[0]) }
        m.function("sync", 0, 0) { (_, _, _) throws(PyExc) in
            for r in VfsMountTable.records() {
                let fs = VfsMountTable.filesystem(r)
                if let state = NativeVfs.state(fs), let f = state.fs { try VfsErrors.run { () throws(StorageError) in try f.sync() } }
            }
            return .none
        }
        m.set("sep", Obj(qstr: Qstr("/")))
    }

    static func install() {
        VfsScratch.install()
        PythonBlockDevice.Names.install()
        NativeVfs.install()
        FileObjects.install()
        let os = ModuleBuilder("os", extensible: true)
        addOSFunctions(os)
        os.function("urandom", 1, 1) { (a, _, _) throws(PyExc) in try RandomModule.urandom(a[0]) }
        if let u = MicroPythonRuntime.port.uname {
            // os.uname(): one static attrtuple, as the firmware returns the same object each time.
            let info = AttrTuple.makeStatic([("sysname", Str.makeStatic(u.sysname)), ("nodename", Str.makeStatic(u.nodename)),
                                             ("release", Str.makeStatic(u.release)), ("version", Str.makeStatic(u.version)),
                                             ("machine", Str.makeStatic(u.machine))])
            os.function("uname", 0, 0) { (_, _, _) throws(PyExc) in info }
        }
        for t in NativeVfs.types { os.set(TypeObject.name(t).string, t) }
        let v = ModuleBuilder("vfs")
        v.function("mount", 0, 2, kw: true, mount)
        v.function("umount", 1, 1) { (a, _, _) throws(PyExc) in try umount(a[0]) }
        for t in NativeVfs.types { v.set(TypeObject.name(t).string, t) }
        let open = Native.make("open", 0, 4, kw: true, open)
        Builtins.add("open", open)
        if let io = ModuleRegistry.module("io") { try! Dict.set(field(io, 1), Obj(qstr: Qstr("open")), open) }
    }
}

/// Iterates the virtual root: one (name, S_IFDIR, 0) per mount point, then the entries of
/// whatever is mounted at "/".
enum RootDirectoryIterator {
    nonisolated(unsafe) static var type = Obj.null

    /// [type, next record or null, inner iterator or null, names-as-bytes flag]
    static func make(bytesNames: Bool) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, type)
        setField(o, 1, VfsMountTable.head)
        setField(o, 2, .null)
        setField(o, 3, bytesNames ? .true : .false)
        return o
    }

    static func next(_ o: Obj) throws(PyExc) -> Obj {
        if !field(o, 2).isNull { return try Runtime.iterNext(field(o, 2)) }
        let r = field(o, 1)
        if r.isNull { return .null }
        setField(o, 1, VfsMountTable.next(r))
        let name = VfsMountTable.pathBytes(r)
        if name.count == 1 {
            let inner = try Runtime.callMethodByName(VfsMountTable.filesystem(r), Qstr("ilistdir"), [Obj(qstr: Qstr("/"))])
            let it = try Runtime.getIter(inner)
            setField(o, 2, it)
            return try Runtime.iterNext(it)
        }
        let n = try Str.make(bytes: Array(name.dropFirst()), type: field(o, 3) == .true ? Types.bytes : Types.str)
        return try ModSupport.tuple(3) { i throws(PyExc) in i == 0 ? n : Obj(small: i == 1 ? VfsModule.dirMode : 0) }
    }

    static func install() {
        type = TypeObject.makeBuiltin(Qstr("iterator"), .nativeObject, base: Types.object)
        Builtins.method(type, "__iter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
        Builtins.method(type, "__next__", 1, 1) { (a, _, _) throws(PyExc) in
            let v = try next(a[0])
            if v.isNull { throw PyExc.make(Exceptions.StopIteration) }
            return v
        }
    }
}
