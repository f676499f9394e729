#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// File-scope wrappers: inside the class, `stat`/`statvfs` name its own methods.
private func hostStat(_ path: String) -> stat? {
    var st = stat()
    return stat(path, &st) == 0 ? st : nil
}

private func hostFstat(_ fd: Int32) -> stat? {
    var st = stat()
    return fstat(fd, &st) == 0 ? st : nil
}

private func hostStatvfs(_ path: String) -> statvfs? {
    var s = statvfs()
    return statvfs(path, &s) == 0 ? s : nil
}

/// A directory of the host's own filesystem as a `FileSystem` (MicroPython's VfsPosix):
/// paths are taken below `root` ("" for the host's "/"); errors are the host's errno values.
public final class HostFileSystem: FileSystem {
    public let root: String

    public init(root: String = "") {
        var r = root
        while r.hasSuffix("/") { r.removeLast() }
        self.root = r
    }

    func host(_ path: String) -> String { root + path }

    static func failure() -> StorageError { StorageError(errno: Int32(errno)) }

    public func open(_ path: String, mode: OpenMode) throws(StorageError) -> any OpenFile {
        var flags: Int32 = mode.read && mode.write ? O_RDWR : mode.write ? O_WRONLY : O_RDONLY
        if mode.create { flags |= O_CREAT }
        if mode.truncate { flags |= O_TRUNC }
        if mode.append { flags |= O_APPEND }
        if mode.exclusive { flags |= O_EXCL }
        let fd = Glibc.open(host(path), flags | O_CLOEXEC, 0o666)
        if fd < 0 { throw Self.failure() }
        if let st = hostFstat(fd), (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw StorageError.isDirectory
        }
        return HostFile(fd: fd)
    }

    public func remove(_ path: String) throws(StorageError) {
        if unlink(host(path)) != 0 { throw Self.failure() }
    }

    public func removeDirectory(_ path: String) throws(StorageError) {
        if rmdir(host(path)) != 0 { throw Self.failure() }
    }

    public func makeDirectory(_ path: String) throws(StorageError) {
        if mkdir(host(path), 0o777) != 0 { throw Self.failure() }
    }

    public func rename(_ from: String, _ to: String) throws(StorageError) {
        if Glibc.rename(host(from), host(to)) != 0 { throw Self.failure() }
    }

    public func stat(_ path: String) throws(StorageError) -> EntryInfo {
        guard let st = hostStat(host(path)) else { throw Self.failure() }
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        return EntryInfo(name: name, type: (st.st_mode & S_IFMT) == S_IFDIR ? .directory : .file,
                         size: Int(st.st_size),
                         mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    public func listDirectory(_ path: String) throws(StorageError) -> any DirectoryIterator {
        guard let d = opendir(host(path)) else { throw Self.failure() }
        return HostDirectory(dir: d, base: host(path))
    }

    public func statistics() throws(StorageError) -> FileSystemStatistics {
        guard let s = hostStatvfs(host("/")) else { throw Self.failure() }
        return FileSystemStatistics(blockSize: Int(s.f_bsize), blockCount: Int(s.f_blocks),
                                    freeBlocks: Int(s.f_bavail), nameMax: Int(s.f_namemax))
    }

    public func sync() throws(StorageError) { Glibc.sync() }
}

final class HostFile: OpenFile {
    var fd: Int32
    var mtime: Int64?

    init(fd: Int32) { self.fd = fd }
    deinit { if fd >= 0 { Glibc.close(fd) } }

    func check() throws(StorageError) { if fd < 0 { throw StorageError.badFile } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
        try check()
        if buffer.count == 0 { return 0 }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw HostFileSystem.failure() }
        }
    }

    func write(from buffer: UnsafeRawBufferPointer) throws(StorageError) -> Int {
        try check()
        var done = 0
        while done < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 { if errno == EINTR { continue }; throw HostFileSystem.failure() }
            done += n
        }
        return done
    }

    func seek(_ offset: Int, from origin: SeekOrigin) throws(StorageError) -> Int {
        try check()
        let whence: Int32 = origin == .start ? SEEK_SET : origin == .current ? SEEK_CUR : SEEK_END
        let r = lseek(fd, off_t(offset), whence)
        if r < 0 { throw HostFileSystem.failure() }
        return Int(r)
    }

    var position: Int { fd < 0 ? 0 : Int(lseek(fd, 0, SEEK_CUR)) }

    func size() throws(StorageError) -> Int {
        try check()
        guard let st = hostFstat(fd) else { throw HostFileSystem.failure() }
        return Int(st.st_size)
    }

    func truncate(to size: Int) throws(StorageError) {
        try check()
        if ftruncate(fd, off_t(size)) != 0 { throw HostFileSystem.failure() }
    }

    func sync() throws(StorageError) { try check() }

    func close() throws(StorageError) {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }
}

final class HostDirectory: DirectoryIterator {
    var dir: OpaquePointer?
    let base: String

    init(dir: OpaquePointer, base: String) { self.dir = dir; self.base = base }
    deinit { close() }

    func next() throws(StorageError) -> EntryInfo? {
        guard let d = dir else { return nil }
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type: EntryType = Int32(e.pointee.d_type) == Int32(DT_DIR) ? .directory : .file
            var size = 0
            let full = base.hasSuffix("/") ? base + name : base + "/" + name
            if let st = hostStat(full) {
                size = Int(st.st_size)
                type = (st.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
            }
            return EntryInfo(name: name, type: type, size: size)
        }
        close()
        return nil
    }

    func close() {
        if let d = dir { closedir(d); dir = nil }
    }
}
