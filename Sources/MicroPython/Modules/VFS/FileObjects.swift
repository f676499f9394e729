import Storage

/// The Swift side of an open file.
final class FileState {
    let file: any OpenFile
    let vfs: VfsState
    let text: Bool
    let readable: Bool
    let writable: Bool
    var closed = false

    init(file: any OpenFile, vfs: VfsState, text: Bool, readable: Bool, writable: Bool) {
        self.file = file; self.vfs = vfs; self.text = text
        self.readable = readable; self.writable = writable
    }
}

/// File objects of native filesystems: `FileIO` (binary) and `TextIOWrapper` (text), as
/// MicroPython's VfsLfs2/VfsFat return them. Layout [type, host handle, Vfs object, 0] plus
/// the bytes MicroPython's file object occupies on a 32-bit build (its lfs2_file_t and
/// 128-byte cache), so that opening files costs the heap what it costs on the chip.
enum FileObjects {
    nonisolated(unsafe) static var fileIO = Obj.null
    nonisolated(unsafe) static var textIO = Obj.null
    static let objectBytes = 256

    static func isFile(_ o: Obj) -> Bool { o.isPointer && (typeOf(o) == fileIO || typeOf(o) == textIO) }

    static func state(_ o: Obj) throws(PyExc) -> FileState {
        guard isFile(o), let s = HostObjects.get(field(o, 1)) as? FileState, !s.closed else {
            // littlefs files say so; FatFs reports an invalid object (EINVAL).
            if isFile(o), let v = NativeVfs.state(field(o, 2)), v.driver.kind == .fat { throw PyExc.osError(22) }
            throw PyExc.valueError("I/O operation on closed file")
        }
        return s
    }

    static func open(_ vfsObj: Obj, _ vfs: VfsState, _ pathObj: Obj, _ modeObj: Obj) throws(PyExc) -> Obj {
        let fs = try vfs.mounted()
        var mode = OpenMode(read: false)
        var text = true, plus = false, kind: UInt8 = 0
        for c in try ModSupport.str(modeObj) {
            switch c {
            case UInt8(ascii: "r"), UInt8(ascii: "w"), UInt8(ascii: "a"), UInt8(ascii: "x"): kind = c
            case UInt8(ascii: "+"): plus = true
            case UInt8(ascii: "b"): text = false
            case UInt8(ascii: "t"): text = true
            default: throw PyExc.valueError("invalid mode")
            }
        }
        switch kind {
        case UInt8(ascii: "w"): mode.write = true; mode.create = true; mode.truncate = true
        case UInt8(ascii: "a"): mode.write = true; mode.create = true; mode.append = true
        case UInt8(ascii: "x"): mode.write = true; mode.create = true; mode.exclusive = true
        default: mode.read = true
        }
        if plus { mode.read = true; mode.write = true }
        if mode.write { try vfs.checkWritable() }
        let path = try vfs.path(pathObj)
        // Allocate first so that a MemoryError leaves no Swift file open.
        let o = Obj(offset: try Heap.allocate(bytes: objectBytes, finaliser: true))
        setField(o, 0, text ? textIO : fileIO)
        setField(o, 1, .none)
        setField(o, 2, vfsObj)
        let file = try VfsErrors.run { () throws(StorageError) in try fs.open(path, mode: mode) }
        setField(o, 1, HostObjects.add(FileState(file: file, vfs: vfs, text: text, readable: mode.read, writable: mode.write)))
        // A file opened for writing is stamped at once (so even open-then-close records it).
        if mode.write && vfs.stampsModificationTime {
            file.mtime = NativeVfs.clockNanoseconds()
        }
        return o
    }

    static func close(_ o: Obj) throws(PyExc) {
        guard isFile(o), let s = HostObjects.get(field(o, 1)) as? FileState, !s.closed else { return }
        s.closed = true
        defer { HostObjects.release(field(o, 1)); setField(o, 1, .none) }
        try VfsErrors.run { () throws(StorageError) in try s.file.close() }
    }

    /// Reads up to `count` bytes (all that is left when negative).
    static func readBytes(_ s: FileState, _ count: Int) throws(PyExc) -> [UInt8] {
        if !s.readable { throw PyExc.osError(9) }
        var out: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: count < 0 ? 4096 : max(1, min(count, 65536)), alignment: 8)
        defer { chunk.deallocate() }
        while count < 0 || out.count < count {
            let want = count < 0 ? chunk.count : min(chunk.count, count - out.count)
            // The bytes become a heap object: no more than the heap could hold (/dev/zero).
            try Heap.checkTemporary(out.count + want)
            let got = try VfsErrors.run { () throws(StorageError) in
                try s.file.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<want]))
            }
            if got == 0 { break }
            out.append(contentsOf: chunk[0..<got])
        }
        return out
    }

    /// Text reads count characters: keep reading until the last one is complete.
    static func readText(_ s: FileState, _ count: Int) throws(PyExc) -> [UInt8] {
        if count < 0 { return try readBytes(s, -1) }
        var out: [UInt8] = []
        var chars = 0
        while chars < count {
            let more = try readBytes(s, count - chars)
            if more.isEmpty { break }
            out += more
            // Finish a character cut at the end.
            while let last = out.lastIndex(where: { $0 & 0xC0 != 0x80 }), out[last] >= 0xC0 {
                let need = out[last] >= 0xF0 ? 4 : out[last] >= 0xE0 ? 3 : 2
                if out.count - last >= need { break }
                let tail = try readBytes(s, need - (out.count - last))
                if tail.isEmpty { break }
                out += tail
            }
            chars = UTF8Util.count(out, out.count)
        }
        return out
    }

    static func result(_ s: FileState, _ b: [UInt8]) throws(PyExc) -> Obj {
        // Text must be UTF-8, as MicroPython checks a str made from what a stream read.
        if s.text && !b.withUnsafeBufferPointer({ StrMethods.valid(.utf8, $0) }) {
            throw PyExc.make(Exceptions.UnicodeError)
        }
        return try Str.make(bytes: b, type: s.text ? Types.str : Types.bytes)
    }

    static func readline(_ s: FileState, _ limit: Int) throws(PyExc) -> [UInt8] {
        var line: [UInt8] = []
        while limit < 0 || line.count < limit {
            let b = try readBytes(s, 1)
            if b.isEmpty { break }
            // An endless line (/dev/zero) ends at what the heap could hold.
            try Heap.checkTemporary(line.count + 1)
            line.append(b[0])
            if b[0] == 0x0A { break }
        }
        return line
    }

    static func write(_ o: Obj, _ data: Obj, _ a: UnsafeMutablePointer<Obj>? = nil, _ nPos: Int = 2) throws(PyExc) -> Obj {
        let s = try state(o)
        if !s.writable { throw PyExc.osError(9) }
        // Written from the object's own bytes, as MicroPython does: objects never move and the
        // caller holds `data` while the filesystem (and any Python block device) runs.
        var view = try ModSupport.bufferView(data)
        if let a { view = try NativeStreamMethods.writeSlice(view, a, nPos) }
        let bytes = UnsafeRawBufferPointer(view)
        if s.vfs.stampsModificationTime { s.file.mtime = NativeVfs.clockNanoseconds() }
        let n = try VfsErrors.run { () throws(StorageError) in try s.file.write(from: bytes) }
        return Obj(small: n)
    }

    static func install() {
        fileIO = TypeObject.makeBuiltin(Qstr("FileIO"), .nativeObject, base: Types.object)
        textIO = TypeObject.makeBuiltin(Qstr("TextIOWrapper"), .nativeObject, base: Types.object)
        Finalisers.native.append { o in
            guard isFile(o) else { return false }
            try? close(o)
            return true
        }
        for t in [fileIO, textIO] {
            let name = TypeObject.name(t).string
            Builtins.method(t, "__repr__", 1, 1) { (a, _, _) throws(PyExc) in
                // VfsFat's files also print their address.
                if let v = NativeVfs.state(field(a[0], 2)), v.driver.kind != .littlefs {
                    return try Str.make("<io.\(name) \(String(a[0].raw, radix: 16))>")
                }
                return try Str.make("<io.\(name)>")
            }
            Builtins.method(t, "read", 1, 2) { (a, n, _) throws(PyExc) in
                let s = try state(a[0])
                let count = n > 1 && a[1] != .none ? try IntOps.toInt(a[1]) : -1
                return try result(s, s.text ? try readText(s, count) : try readBytes(s, count))
            }
            Builtins.method(t, "readinto", 2, 3) { (a, n, _) throws(PyExc) in
                let s = try state(a[0])
                let (p, cap) = try ModSupport.writeBuffer(a[1])
                let want = n > 2 ? min(cap, try IntOps.toInt(a[2])) : cap
                let got = try readBytes(s, want)
                for (i, b) in got.enumerated() { p[i] = b }
                return Obj(small: got.count)
            }
            Builtins.method(t, "readline", 1, 2) { (a, n, _) throws(PyExc) in
                let s = try state(a[0])
                return try result(s, try readline(s, n > 1 && a[1] != .none ? try IntOps.toInt(a[1]) : -1))
            }
            Builtins.method(t, "readlines", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try state(a[0])
                let list = try List.make(count: 0)
                let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
                hold[0] = list
                while true {
                    let line = try readline(s, -1)
                    if line.isEmpty { break }
                    try List.append(list, try result(s, line))
                }
                return list
            }
            Builtins.method(t, "write", 2, 4) { (a, nPos, _) throws(PyExc) in try write(a[0], a[1], a, nPos) }
            Builtins.method(t, "seek", 2, 3) { (a, n, _) throws(PyExc) in
                let s = try state(a[0])
                let offset = try IntOps.toInt(a[1])
                let whence = n > 2 ? try IntOps.toInt(a[2]) : 0
                let origin: SeekOrigin
                switch whence {
                case 0: origin = .start
                case 1: origin = .current
                case 2: origin = .end
                default: throw PyExc.osError(22)
                }
                let pos = try VfsErrors.run { () throws(StorageError) in try s.file.seek(offset, from: origin) }
                return try IntOps.make(pos)
            }
            Builtins.method(t, "tell", 1, 1) { (a, _, _) throws(PyExc) in try IntOps.make(try state(a[0]).file.position) }
            Builtins.method(t, "flush", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try state(a[0])
                try VfsErrors.run { () throws(StorageError) in try s.file.sync() }
                return .none
            }
            Builtins.method(t, "close", 1, 1) { (a, _, _) throws(PyExc) in try close(a[0]); return .none }
            Builtins.method(t, "__del__", 1, 1) { (a, _, _) throws(PyExc) in try close(a[0]); return .none }
            Builtins.method(t, "__enter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
            Builtins.method(t, "__exit__", 1, Native.varArgs) { (a, _, _) throws(PyExc) in try close(a[0]); return .none }
            Builtins.method(t, "__iter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
            Builtins.method(t, "__next__", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try state(a[0])
                let line = try readline(s, -1)
                if line.isEmpty { throw PyExc.make(Exceptions.StopIteration) }
                return try result(s, line)
            }
        }
    }
}
