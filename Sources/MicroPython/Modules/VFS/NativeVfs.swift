#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Storage

/// Options of a littlefs mount as MicroPython's VfsLfs2(bdev, readsize, progsize, lookahead,
/// mtime) takes them (FAT ignores them).
public struct VfsOptions {
    public var readSize = 32, progSize = 32, lookahead = 32
    public var mtime = true
}

/// A filesystem implementation the native Vfs classes can drive.
public struct VfsDriver {
    /// littlefs erases and programs at offsets (the extended block protocol); FAT writes whole
    /// blocks; posix is a directory of the host's filesystem, with no block device.
    public enum Kind { case littlefs, fat, posix }

    public let name: String
    public let kind: Kind
    public let format: (any BlockDevice, VfsOptions) throws(StorageError) -> Void
    public let mount: (any BlockDevice, VfsOptions) throws(StorageError) -> any FileSystem
    public init(name: String, kind: Kind,
                format: @escaping (any BlockDevice, VfsOptions) throws(StorageError) -> Void = { (_, _) throws(StorageError) in throw .invalid },
                mount: @escaping (any BlockDevice, VfsOptions) throws(StorageError) -> any FileSystem = { (_, _) throws(StorageError) in throw .invalid }) {
        self.name = name; self.kind = kind
        self.format = format; self.mount = mount
    }

    public var extendedBlockProtocol: Bool { kind == .littlefs }
}

/// The Swift side of a VfsLfs2/VfsFat object.
final class VfsState {
    let driver: VfsDriver
    let device: (any BlockDevice)?
    var options: VfsOptions
    var fs: (any FileSystem)?
    var cwd: [UInt8] = [UInt8(ascii: "/")]
    var readonly = false

    init(driver: VfsDriver, device: (any BlockDevice)?, options: VfsOptions) {
        self.driver = driver; self.device = device; self.options = options
    }

    func mounted() throws(PyExc) -> any FileSystem {
        guard let fs else { throw PyExc.osError(19) }
        return fs
    }

    func path(_ p: Obj) throws(PyExc) -> String {
        VfsPath.string(VfsPath.resolve(try VfsMountTable.pathArgument(p), cwd: cwd))
    }

    func checkWritable() throws(PyExc) { if readonly { throw PyExc.osError(30) } }

    /// Do written files record a modification time? littlefs only when asked
    /// (VfsLfs2(mtime=True)); FAT always.
    var stampsModificationTime: Bool { options.mtime || driver.kind == .fat }
}

/// VfsLfs1, VfsLfs2, VfsFat: native classes over Storage filesystems. Object layout:
/// [type, host handle, block device object, 0], with a finaliser that drops the handle.
public enum NativeVfs {
    nonisolated(unsafe) public static var drivers: [VfsDriver] = []
    nonisolated(unsafe) static var types: [Obj] = []
    /// Nanoseconds since 1970 for file timestamps: the runtime's clock.
    static let clockNanoseconds: () -> Int64 = { MicroPythonRuntime.clock.wallClockNanoseconds() }

    static func state(_ o: Obj) -> VfsState? {
        guard o.isPointer, types.contains(typeOf(o)) else { return nil }
        return HostObjects.get(field(o, 1)) as? VfsState
    }

    static func this(_ o: Obj) throws(PyExc) -> VfsState {
        guard let s = state(o) else { throw PyExc.typeError("expected a Vfs object") }
        return s
    }

    static func driver(of type: Obj) -> VfsDriver { drivers[types.firstIndex(of: type)!] }

    static func options(_ a: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int, first: Int) throws(PyExc) -> VfsOptions {
        let kw = KwArgs(a, n, nKw)
        try kw.check([Qstr("readsize"), Qstr("progsize"), Qstr("lookahead"), Qstr("mtime")])
        var o = VfsOptions()
        func int(_ i: Int, _ name: String, _ dflt: Int) throws(PyExc) -> Int {
            if n > i { return try IntOps.toInt(a[i]) }
            if let v = kw.get(Qstr(name)) { return try IntOps.toInt(v) }
            return dflt
        }
        o.readSize = try int(first, "readsize", 32)
        o.progSize = try int(first + 1, "progsize", 32)
        o.lookahead = try int(first + 2, "lookahead", 32)
        if let m = kw.get(Qstr("mtime")) { o.mtime = try Runtime.isTrue(m) }
        return o
    }

    /// Makes a Vfs object of `type` over the Python (or native) block device `bdev`.
    static func make(_ type: Obj, _ bdev: Obj, _ opts: VfsOptions) throws(PyExc) -> Obj {
        let drv = driver(of: type)
        let device = try PythonBlockDevice(bdev, extended: drv.extendedBlockProtocol)
        let st = VfsState(driver: drv, device: device, options: opts)
        if drv.extendedBlockProtocol {
            st.fs = try VfsErrors.run { () throws(StorageError) in try drv.mount(device, opts) }
        } else {
            // FAT: a device without a filesystem is accepted, for mount(mkfs=True) to format.
            do throws(PyExc) {
                st.fs = try VfsErrors.run { () throws(StorageError) in try drv.mount(device, opts) }
            } catch {
                if !VfsErrors.isOSError(error.obj, errno: 19) { throw error }
            }
        }
        return try wrap(type, st, bdev)
    }

    static func autodetect(_ bdev: Obj) throws(PyExc) -> Obj {
        // littlefs keeps its superblock in blocks 0 and 1, "littlefs" 8 bytes in (v2) or
        // 40 bytes in (v1); anything else is taken to be FAT.
        if let probe = try? PythonBlockDevice(bdev, extended: true) {
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 44, alignment: 8)
            defer { raw.deallocate() }
            for block in 0...1 {
                let ok = (try? probe.read(block: block, offset: 8, into: raw)) != nil
                let buf = Array(raw)
                Heap.roots[Root.vfsPending] = .null
                guard ok else { continue }
                if let i = drivers.firstIndex(where: { $0.name == "VfsLfs1" }), Array(buf[32..<40]) == Array("littlefs".utf8) {
                    return try make(types[i], bdev, VfsOptions())
                }
                if let i = drivers.firstIndex(where: { $0.name == "VfsLfs2" }), Array(buf[0..<8]) == Array("littlefs".utf8) {
                    return try make(types[i], bdev, VfsOptions())
                }
            }
        }
        if let i = drivers.firstIndex(where: { $0.name == "VfsFat" }) { return try make(types[i], bdev, VfsOptions()) }
        throw PyExc.osError(19)
    }

    /// Seconds since the port's epoch (1970 on the host, 2000 on the ESP8266) for stat().
    static func statTime(_ ns: Int64?) -> Int {
        guard let ns else { return 0 }
        let s = Int(ns / 1_000_000_000)
        return s - TimeModule.epochOffset
    }

    static func entryTuple(_ e: EntryInfo, bytesName: Bool) throws(PyExc) -> Obj {
        let name = try Str.make(bytes: Array(e.name.utf8), type: bytesName ? Types.bytes : Types.str)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = name
        let mode = e.type == .directory ? VfsModule.dirMode : VfsModule.fileMode
        let size = try IntOps.make(e.type == .directory ? 0 : e.size)
        hold[0] = size
        return try ModSupport.tuple(4) { i throws(PyExc) in [name, Obj(small: mode), Obj(small: 0), size][i] }
    }

    static func install() {
        registerDrivers(hostFilesystems: MicroPythonRuntime.port.hostFilesystems)
        RootDirectoryIterator.install()
        DirectoryIterators.install()
        Finalisers.native.append { o in
            guard types.contains(typeOf(o)) else { return false }
            HostObjects.release(field(o, 1))
            return true
        }
        for drv in drivers {
            let t = TypeObject.makeBuiltin(Qstr(drv.name), .nativeObject, base: Types.object)
            types.append(t)
            addMethods(t, drv)
        }
    }

    /// VfsPosix(root=None): the host's files below `root`, starting in the host's current
    /// directory when there is no root.
    static func makePosix(_ type: Obj, _ rootObj: Obj) throws(PyExc) -> Obj {
        let root = rootObj == .none ? "" : Str.string(rootObj)
        let st = VfsState(driver: driver(of: type), device: nil, options: VfsOptions())
        st.fs = HostFileSystem(root: root)
        if root.isEmpty, let cwd = hostWorkingDirectory() { st.cwd = Array(cwd.utf8) }
        return try wrap(type, st, rootObj)
    }

    /// The Vfs object [type, state handle, block device or root, spare], with a finaliser.
    static func wrap(_ type: Obj, _ st: VfsState, _ held: Obj) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16, finaliser: true))
        setField(o, 0, type)
        setField(o, 1, HostObjects.add(st))
        setField(o, 2, held)
        setField(o, 3, .none)
        return o
    }

    static func hostWorkingDirectory() -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return nil }
        return String(cString: buf)
    }

    /// The unix port's start-up: the host's filesystem mounted at "/" and made current.
    public static func mountHostRoot() {
        guard let i = drivers.firstIndex(where: { $0.kind == .posix }) else { return }
        do throws(PyExc) {
            let fs = try makePosix(types[i], .none)
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = fs
            try VfsMountTable.insert(path: Obj(qstr: Qstr("/")), filesystem: fs)
            Heap.roots[Root.vfsCurrent] = VfsMountTable.head
        } catch {}
    }

    static func addMethods(_ t: Obj, _ drv: VfsDriver) {
        let lfs = drv.extendedBlockProtocol
        if drv.kind == .posix {
            Builtins.constructor(t, 0, 1) { (a, n, _) throws(PyExc) in try makePosix(a[0], n > 1 ? a[1] : .none) }
        } else {
            Builtins.constructor(t, 1, lfs ? 4 : 1, kw: lfs) { (a, n, nKw) throws(PyExc) in
                try make(a[0], a[1], lfs ? try options(a, n, nKw, first: 2) : VfsOptions())
            }
        }
        if drv.kind != .posix { addMkfs(t, drv) }
        addFilesystemMethods(t, drv)
    }

    static func addMkfs(_ t: Obj, _ drv: VfsDriver) {
        let lfs = drv.extendedBlockProtocol
        Builtins.staticMethod(t, "mkfs", 1, lfs ? 4 : 1, kw: lfs) { (a, n, nKw) throws(PyExc) in
            let opts = lfs ? try options(a, n, nKw, first: 1) : VfsOptions()
            let device = try PythonBlockDevice(a[0], extended: lfs)
            if !lfs {
                // VfsFat.mkfs makes a VfsFat first, which reads the boot sector: an exception
                // from the device's readblocks comes out here.
                do throws(PyExc) {
                    _ = try VfsErrors.run { () throws(StorageError) in try drv.mount(device, opts) }
                } catch {
                    if !isInstance(error.obj, Exceptions.OSError) { throw error }
                }
            }
            try VfsErrors.run { () throws(StorageError) in try drv.format(device, opts) }
            return .none
        }
    }

    static func addFilesystemMethods(_ t: Obj, _ drv: VfsDriver) {
        Builtins.method(t, "mount", 3, 3) { (a, _, _) throws(PyExc) in
            let st = try this(a[0])
            st.readonly = try Runtime.isTrue(a[1])
            if st.fs == nil, let device = st.device {
                if try Runtime.isTrue(a[2]) {
                    try VfsErrors.run { () throws(StorageError) in try drv.format(device, st.options) }
                    st.fs = try VfsErrors.run { () throws(StorageError) in try drv.mount(device, st.options) }
                } else {
                    throw PyExc.osError(19)
                }
            }
            return .none
        }
        Builtins.method(t, "umount", 1, 1) { (a, _, _) throws(PyExc) in
            let st = try this(a[0])
            if let fs = st.fs { try VfsErrors.run { () throws(StorageError) in try fs.sync() } }
            return .none
        }
        Builtins.method(t, "open", 3, 3) { (a, _, _) throws(PyExc) in
            try FileObjects.open(a[0], try this(a[0]), a[1], a[2])
        }
        Builtins.method(t, "ilistdir", 1, 2) { (a, n, _) throws(PyExc) in
            let st = try this(a[0])
            let p = n > 1 ? a[1] : Obj(qstr: .empty)
            let fs = try st.mounted()
            let path = try st.path(p)
            let it = try VfsErrors.run { () throws(StorageError) in try fs.listDirectory(path) }
            return try DirectoryIterators.make(it, owner: a[0], bytesNames: kindOf(p) == .bytes)
        }
        Builtins.method(t, "mkdir", 2, 2) { (a, _, _) throws(PyExc) in
            let st = try this(a[0]); try st.checkWritable()
            let fs = try st.mounted(), path = try st.path(a[1])
            try VfsErrors.run { () throws(StorageError) in try fs.makeDirectory(path) }
            return .none
        }
        Builtins.method(t, "rmdir", 2, 2) { (a, _, _) throws(PyExc) in
            let st = try this(a[0]); try st.checkWritable()
            let fs = try st.mounted(), path = try st.path(a[1])
            // FatFs refuses to remove its current directory.
            if drv.kind == .fat && Array(path.utf8) == st.cwd && st.cwd.count > 1 { throw PyExc.osError(13) }
            try VfsErrors.run { () throws(StorageError) in try fs.removeDirectory(path) }
            return .none
        }
        Builtins.method(t, "remove", 2, 2) { (a, _, _) throws(PyExc) in
            let st = try this(a[0]); try st.checkWritable()
            let fs = try st.mounted(), path = try st.path(a[1])
            try VfsErrors.run { () throws(StorageError) in try fs.remove(path) }
            return .none
        }
        Builtins.method(t, "rename", 3, 3) { (a, _, _) throws(PyExc) in
            let st = try this(a[0]); try st.checkWritable()
            let fs = try st.mounted(), from = try st.path(a[1]), to = try st.path(a[2])
            try VfsErrors.run { () throws(StorageError) in try fs.rename(from, to) }
            return .none
        }
        Builtins.method(t, "chdir", 2, 2) { (a, _, _) throws(PyExc) in
            let st = try this(a[0])
            let fs = try st.mounted()
            let resolved = VfsPath.resolve(try VfsMountTable.pathArgument(a[1]), cwd: st.cwd)
            // Any failure (absent, not a directory) is ENOENT, as in MicroPython's VfsLfs2.
            if resolved.count > 1 {
                let info = try? VfsErrors.run { () throws(StorageError) in try fs.stat(VfsPath.string(resolved)) }
                if info?.type != .directory { throw PyExc.osError(2) }
            }
            st.cwd = resolved
            return .none
        }
        Builtins.method(t, "getcwd", 1, 1) { (a, _, _) throws(PyExc) in
            try Str.make(bytes: try this(a[0]).cwd)
        }
        Builtins.method(t, "stat", 2, 2) { (a, _, _) throws(PyExc) in
            let st = try this(a[0])
            let fs = try st.mounted(), path = try st.path(a[1])
            let e = try VfsErrors.run { () throws(StorageError) in try fs.stat(path) }
            let mode = e.type == .directory ? VfsModule.dirMode : VfsModule.fileMode
            let size = try IntOps.make(e.type == .directory ? 0 : e.size)
            let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
            hold[0] = size
            hold[1] = try IntOps.make(statTime(e.mtime))
            return try ModSupport.tuple(10) { i throws(PyExc) in
                switch i { case 0: Obj(small: mode); case 6: hold[0]; case 7, 8, 9: hold[1]; default: Obj(small: 0) }
            }
        }
        Builtins.method(t, "statvfs", 2, 2) { (a, _, _) throws(PyExc) in
            let st = try this(a[0])
            let fs = try st.mounted()
            let s = try VfsErrors.run { () throws(StorageError) in try fs.statistics() }
            return try ModSupport.tuple(10) { i throws(PyExc) in
                switch i {
                case 0, 1: try IntOps.make(s.blockSize)
                case 2: try IntOps.make(s.blockCount)
                case 3, 4: try IntOps.make(s.freeBlocks)
                case 9: Obj(small: s.nameMax)
                default: Obj(small: 0)
                }
            }
        }
    }
}

/// The iterator ilistdir returns: [type, host handle, owner Vfs object, names-as-bytes flag],
/// finalised so that an abandoned iterator releases its directory.
enum DirectoryIterators {
    nonisolated(unsafe) static var type = Obj.null

    static func make(_ it: any DirectoryIterator, owner: Obj, bytesNames: Bool) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16, finaliser: true))
        setField(o, 0, type)
        setField(o, 1, HostObjects.add(it))
        setField(o, 2, owner)
        setField(o, 3, bytesNames ? .true : .false)
        return o
    }

    static func install() {
        type = TypeObject.makeBuiltin(Qstr("iterator"), .nativeObject, base: Types.object)
        Builtins.method(type, "__iter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
        Builtins.method(type, "__next__", 1, 1) { (a, _, _) throws(PyExc) in
            guard let it = HostObjects.get(field(a[0], 1)) as? any DirectoryIterator else {
                throw PyExc.make(Exceptions.StopIteration)
            }
            let e = try VfsErrors.run { () throws(StorageError) in try it.next() }
            guard let e else {
                it.close()
                HostObjects.release(field(a[0], 1))
                setField(a[0], 1, .none)
                throw PyExc.make(Exceptions.StopIteration)
            }
            return try NativeVfs.entryTuple(e, bytesName: field(a[0], 3) == .true)
        }
        Finalisers.native.append { o in
            guard typeOf(o) == type else { return false }
            if let it = HostObjects.get(field(o, 1)) as? any DirectoryIterator { it.close() }
            HostObjects.release(field(o, 1))
            return true
        }
    }
}
