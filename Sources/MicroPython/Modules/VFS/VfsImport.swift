/// Import through the VFS: `stat` decides file/directory/absent with the filesystem's
/// stat(), and `read` opens the file "rb" and reads it with the stream protocol, as
/// MicroPython's reader does (so a user filesystem sees ioctl(GET_BUFFER_SIZE) ... ioctl(CLOSE)).
public enum VfsImport {
    enum Kind { case file, directory, absent }

    /// nil when no mounted filesystem holds the path (the host's files are used then).
    static func stat(_ path: String) -> Kind? {
        let l = VfsMountTable.lookup(Array(path.utf8))
        guard case .mount(let r, let inner) = l else { return nil }
        do throws(PyExc) {
            let st = try Runtime.callMethodByName(VfsMountTable.filesystem(r), Qstr.stat,
                                                  try Str.make(bytes: inner))
            let mode = try IntOps.toInt(try Runtime.getItem(st, Obj(small: 0)))
            return mode & VfsModule.dirMode != 0 ? .directory : .file
        } catch {
            return .absent
        }
    }

    static let getBufferSize = 11, close = 4

    // The reader's buffer sizes (extmod/vfs_reader.c), which a Python stream sees as the
    // length of readinto's buffer: what is left of one or two GC blocks (4 machine words each)
    // after the reader's header (the file object's word and three bytes).
    static var gcBlockBytes: Int { 4 * MicroPythonRuntime.port.wordBits / 8 }
    static var readerHeader: Int { MicroPythonRuntime.port.wordBits / 8 + 3 }
    static var readerDefaultBuffer: Int { 2 * gcBlockBytes - readerHeader }
    static var readerMinimumBuffer: Int { gcBlockBytes - readerHeader }
    static let readerMaximumBuffer = 255

    /// The content of a file on a mounted filesystem (relative paths from the current
    /// directory), or nil when it is not there (pyexec_file_if_exists).
    public static func readFileIfExists(_ path: String) -> [UInt8]? {
        guard stat(path) == .file else { return nil }
        return try? read(path)
    }

    /// The file's bytes; what opening or reading it raises is raised (as an import does).
    static func read(_ path: String) throws(PyExc) -> [UInt8]? {
        let l = VfsMountTable.lookup(Array(path.utf8))
        guard case .mount(let r, let inner) = l else { return nil }
        let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
        let f = try Runtime.callMethodByName(VfsMountTable.filesystem(r), Qstr.open,
                                             try Str.make(bytes: inner), Obj(qstr: Qstr.rb))
        hold[0] = f
        if FileObjects.isFile(f) {
            let s = try FileObjects.state(f)
            defer { try? FileObjects.close(f) }
            return try FileObjects.readBytes(s, -1)
        }
        // A Python stream: buffer size from ioctl, else the default, then readinto.
        var size = readerDefaultBuffer
        if let n = try? IntOps.toInt(try Runtime.callMethodByName(f, Qstr.ioctl, Obj(small: getBufferSize), Obj(small: 0))), n > 0 {
            size = min(max(n, readerMinimumBuffer), readerMaximumBuffer)
        }
        let buf = try ByteArray.make(count: size)
        hold[1] = buf
        var out: [UInt8] = []
        defer { _ = try? Runtime.callMethodByName(f, Qstr.ioctl, Obj(small: close), Obj(small: 0)) }
        while true {
            let n = try IntOps.toInt(try Runtime.callMethodByName(f, Qstr.readinto, buf))
            if n <= 0 { break }
            let (p, _) = BytesMethods.data(buf)
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: min(n, size)))
            // A short read is the end of the file, as the reader takes it.
            if n < size { break }
        }
        return out
    }
}
