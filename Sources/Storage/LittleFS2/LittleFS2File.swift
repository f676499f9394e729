// Open files: data is written through a per-file cache into new blocks (copy on write)
// or, for small files, kept inline in the directory entry; a sync commits the new
// location, size and attributes to the directory in one metadata commit.

enum FileFlags {
    static let rdonly: UInt32 = 1
    static let wronly: UInt32 = 2
    static let rdwr: UInt32 = 3
    static let creat: UInt32 = 0x0100
    static let excl: UInt32 = 0x0200
    static let trunc: UInt32 = 0x0400
    static let append: UInt32 = 0x0800
    static let dirty: UInt32 = 0x0001_0000
    static let dusty: UInt32 = 0x0002_0000
    static let writing: UInt32 = 0x0004_0000
    static let reading: UInt32 = 0x0008_0000
    static let erred: UInt32 = 0x0010_0000
    static let inline: UInt32 = 0x0100_0000
}

/// MicroPython's attribute type for a file's modification time (8 bytes, little-endian
/// nanoseconds since 1970).
let mtimeAttributeType: UInt8 = 1

final class FileHandle: MListEntry, OpenFile {
    let fs: LittleFS2
    var flags: UInt32
    var pos = 0
    var off = 0
    var block: UInt32 = lfsBlockNull
    var ctzHead: UInt32 = lfsBlockNull
    var ctzSize = 0
    let cache: Cache
    var closed = false

    var mtime: Int64? {
        didSet {
            // as littlefs does for a file opened for writing with attributes: the
            // attribute is committed at the next sync even if no data was written
            if mtime != nil && flags & FileFlags.wronly != 0 { flags |= FileFlags.dirty }
        }
    }

    init(fs: LittleFS2, flags: UInt32) {
        self.fs = fs
        self.flags = flags
        self.cache = Cache(size: fs.cacheSize)
        super.init()
        self.type = LFSType.reg
    }

    var isWritable: Bool { flags & FileFlags.wronly != 0 }
    var isReadable: Bool { flags & FileFlags.rdonly != 0 }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
        guard !closed, isReadable else { throw .badFile }
        return try fs.fileRead(self, buffer)
    }

    func write(from buffer: UnsafeRawBufferPointer) throws(StorageError) -> Int {
        guard !closed, isWritable else { throw .badFile }
        return try fs.fileWrite(self, buffer)
    }

    func seek(_ offset: Int, from origin: SeekOrigin) throws(StorageError) -> Int {
        guard !closed else { throw .badFile }
        return try fs.fileSeek(self, offset, origin)
    }

    var position: Int { pos }

    func size() throws(StorageError) -> Int {
        guard !closed else { throw .badFile }
        return fs.fileSize(self)
    }

    func truncate(to size: Int) throws(StorageError) {
        guard !closed, isWritable else { throw .badFile }
        try fs.fileTruncate(self, size)
    }

    func sync() throws(StorageError) {
        guard !closed else { throw .badFile }
        if isWritable { try fs.fileSync(self) }
    }

    func close() throws(StorageError) {
        guard !closed else { return }
        closed = true
        defer { fs.mlistRemove(self) }
        if isWritable && flags & FileFlags.erred == 0 {
            try fs.fileSync(self)
        }
    }
}

extension LittleFS2 {
    func openFile(_ names: [[UInt8]], flags: UInt32) throws(StorageError) -> FileHandle {
        if flags & FileFlags.wronly != 0 {
            try fsForceConsistency()
        }
        let f = FileHandle(fs: self, flags: flags)
        var m = MDir()
        var id: UInt16 = 0
        let res = try dirFind(names, &m, id: &id)
        f.m = m
        f.id = id
        var tag: UInt32
        var structData: [UInt8] = []
        mlistAppend(f)
        do throws(StorageError) {
            switch res {
            case .missing(let index):
                if index != names.count - 1 { throw .noEntry }
                if flags & FileFlags.creat == 0 { throw .noEntry }
                let name = names[index]
                if name.count > nameMax { throw .nameTooLong }
                do throws(StorageError) {
                    try dirCommit(f, [MAttr(Tag.make(LFSType.create, UInt32(f.id), 0)),
                                      MAttr(Tag.make(LFSType.reg, UInt32(f.id), UInt32(name.count)), .bytes(name)),
                                      MAttr(Tag.make(LFSType.inlineStruct, UInt32(f.id), 0))])
                } catch {
                    throw error == .noSpace ? .nameTooLong : error
                }
                tag = Tag.make(LFSType.inlineStruct, 0, 0)
            case .found(let t):
                if flags & FileFlags.excl != 0 { throw .exists }
                if Tag.type3(t) != LFSType.reg { throw .isDirectory }
                if flags & FileFlags.trunc != 0 {
                    tag = Tag.make(LFSType.inlineStruct, UInt32(f.id), 0)
                    f.flags |= FileFlags.dirty
                } else {
                    (tag, structData) = try dirGet(f.m, gmask: Tag.make(0x700, 0x3FF, 0),
                                                   gtag: Tag.make(LFSType.structure, UInt32(f.id), 8))
                }
            }

            f.cache.zero()
            if Tag.type3(tag) == LFSType.inlineStruct {
                f.ctzHead = lfsBlockInline
                f.ctzSize = Int(Tag.size(tag))
                f.flags |= FileFlags.inline
                f.cache.block = lfsBlockInline
                f.cache.off = 0
                f.cache.size = cacheSize
                if f.ctzSize > 0 {
                    let (_, data) = try dirGet(f.m, gmask: Tag.make(0x700, 0x3FF, 0),
                                               gtag: Tag.make(LFSType.structure, UInt32(f.id), UInt32(min(f.cache.size, 0x3FE))))
                    for i in 0..<min(data.count, f.cache.buffer.count) { f.cache.buffer[i] = data[i] }
                }
            } else {
                f.ctzHead = le32(structData, 0)
                f.ctzSize = Int(le32(structData, 4))
            }
        } catch {
            f.closed = true
            mlistRemove(f)
            throw error
        }
        return f
    }

    func fileRelocate(_ f: FileHandle) throws(StorageError) {
        while true {
            let nblock = try alloc()
            do throws(StorageError) {
                try bdErase(nblock)
                var i = 0
                var chunk = [UInt8](repeating: 0, count: 1)
                while i < f.off {
                    try mutBytes(&chunk) { (b) throws(StorageError) in
                        if f.flags & FileFlags.inline != 0 {
                            try dirGetRead(f.m, nil, f.cache, hint: f.off - i, gmask: Tag.make(0xFFF, 0x1FF, 0),
                                           gtag: Tag.make(LFSType.inlineStruct, UInt32(f.id), 0), off: i, into: b)
                        } else {
                            try bdRead(f.cache, rcache, hint: f.off - i, block: f.block, off: i, into: b)
                        }
                    }
                    try bdProg(pcache, rcache, validate: true, block: nblock, off: i, bytes: chunk)
                    i += 1
                }
                f.cache.copy(from: pcache)
                pcache.zero()
                f.block = nblock
                f.flags |= FileFlags.writing
                return
            } catch {
                if error != .corrupt { throw error }
                pcache.drop()
            }
        }
    }

    func fileOutline(_ f: FileHandle) throws(StorageError) {
        f.off = f.pos
        allocCheckpoint()
        try fileRelocate(f)
        f.flags &= ~FileFlags.inline
    }

    func fileFlush(_ f: FileHandle) throws(StorageError) {
        if f.flags & FileFlags.reading != 0 {
            if f.flags & FileFlags.inline == 0 { f.cache.drop() }
            f.flags &= ~FileFlags.reading
        }
        guard f.flags & FileFlags.writing != 0 else { return }
        let pos = f.pos
        if f.flags & FileFlags.inline == 0 {
            // copy the rest of the old contents after what was written
            if f.pos < f.ctzSize {
                let orig = FileHandle(fs: self, flags: FileFlags.rdonly)
                orig.ctzHead = f.ctzHead
                orig.ctzSize = f.ctzSize
                orig.pos = f.pos
                if f.ctzHead == lfsBlockInline {
                    // an inline file larger than our inline limit (written elsewhere)
                    // that was just moved out: the old data is still in the directory
                    orig.flags |= FileFlags.inline
                    orig.m = f.m
                    orig.id = f.id
                }
                rcache.drop()
                var buf = [UInt8](repeating: 0, count: blockSize)
                while f.pos < f.ctzSize {
                    let n = try mutBytes(&buf) { (b) throws(StorageError) -> Int in
                        try fileFlushedRead(orig, UnsafeMutableRawBufferPointer(rebasing: b[0..<min(b.count, f.ctzSize - f.pos)]))
                    }
                    if n == 0 { throw .corrupt }
                    try roBytes(buf) { (b) throws(StorageError) in
                        _ = try fileFlushedWrite(f, UnsafeRawBufferPointer(rebasing: b[0..<n]))
                    }
                }
            }
            while true {
                do throws(StorageError) {
                    try bdFlush(f.cache, rcache, validate: true)
                    break
                } catch {
                    if error != .corrupt { throw error }
                }
                try fileRelocate(f)
            }
        } else {
            f.pos = max(f.pos, f.ctzSize)
        }
        f.ctzHead = f.block
        f.ctzSize = f.pos
        f.flags &= ~FileFlags.writing
        f.flags |= FileFlags.dirty
        f.pos = pos
    }

    func fileSync(_ f: FileHandle) throws(StorageError) {
        do throws(StorageError) {
            try fileFlush(f)
        } catch {
            f.flags |= FileFlags.erred
            throw error
        }
        if f.flags & FileFlags.dirty != 0 && !f.m.pair.isNull {
            do throws(StorageError) {
                if f.flags & FileFlags.inline == 0 {
                    try bdSync(pcache, rcache, validate: false)
                }
                var list: [MAttr] = []
                if f.flags & FileFlags.inline != 0 {
                    var data: [UInt8]
                    if f.ctzSize <= f.cache.buffer.count {
                        data = Array(f.cache.buffer[0..<f.ctzSize])
                    } else {
                        (_, data) = try dirGet(f.m, gmask: Tag.make(0x700, 0x3FF, 0),
                                               gtag: Tag.make(LFSType.structure, UInt32(f.id), UInt32(min(f.ctzSize, 0x3FE))))
                    }
                    list.append(MAttr(Tag.make(LFSType.inlineStruct, UInt32(f.id), UInt32(data.count)), .bytes(data)))
                } else {
                    list.append(MAttr(Tag.make(LFSType.ctzStruct, UInt32(f.id), 8),
                                      .bytes(leBytesOf(f.ctzHead) + leBytesOf(UInt32(truncatingIfNeeded: f.ctzSize)))))
                }
                var user: [(UInt8, [UInt8])] = []
                if let t = f.mtime {
                    var v = UInt64(bitPattern: t)
                    var b: [UInt8] = []
                    for _ in 0..<8 { b.append(UInt8(v & 0xFF)); v >>= 8 }
                    user.append((mtimeAttributeType, b))
                }
                list.append(MAttr(Tag.make(LFSType.fromUserAttrs, UInt32(f.id), UInt32(user.count)), .user(user)))
                try dirCommit(f, list)
            } catch {
                f.flags |= FileFlags.erred
                throw error
            }
            f.flags &= ~FileFlags.dirty
        }
        for e in liveEntries() {
            if let o = e as? FileHandle, o !== f, o.m.pair.overlaps(f.m.pair), o.id == f.id {
                o.flags |= FileFlags.dusty
            }
        }
        f.flags &= ~(FileFlags.erred | FileFlags.dusty)
    }

    func fileFlushedRead(_ f: FileHandle, _ dst: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
        if f.pos >= f.ctzSize { return 0 }
        let size = min(dst.count, f.ctzSize - f.pos)
        var nsize = size
        var p = 0
        while nsize > 0 {
            if f.flags & FileFlags.reading == 0 || f.off == blockSize {
                if f.flags & FileFlags.inline == 0 {
                    (f.block, f.off) = try ctzFind(nil, f.cache, head: f.ctzHead, size: f.ctzSize, pos: f.pos)
                } else {
                    f.block = lfsBlockInline
                    f.off = f.pos
                }
                f.flags |= FileFlags.reading
            }
            let diff = min(nsize, blockSize - f.off)
            if diff <= 0 { throw .corrupt }
            let part = UnsafeMutableRawBufferPointer(rebasing: dst[p..<p + diff])
            if f.flags & FileFlags.inline != 0 {
                try dirGetRead(f.m, nil, f.cache, hint: blockSize, gmask: Tag.make(0xFFF, 0x1FF, 0),
                               gtag: Tag.make(LFSType.inlineStruct, UInt32(f.id), 0), off: f.off, into: part)
            } else {
                try bdRead(nil, f.cache, hint: blockSize, block: f.block, off: f.off, into: part)
            }
            f.pos += diff
            f.off += diff
            p += diff
            nsize -= diff
        }
        return size
    }

    func fileRead(_ f: FileHandle, _ dst: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
        if f.flags & FileFlags.writing != 0 {
            try fileFlush(f)
        }
        return try fileFlushedRead(f, dst)
    }

    func fileFlushedWrite(_ f: FileHandle, _ src: UnsafeRawBufferPointer) throws(StorageError) -> Int {
        var nsize = src.count
        var p = 0
        if f.flags & FileFlags.inline != 0 && max(f.pos + nsize, f.ctzSize) > inlineMax {
            do throws(StorageError) {
                try fileOutline(f)
            } catch {
                f.flags |= FileFlags.erred
                throw error
            }
        }
        while nsize > 0 {
            if f.flags & FileFlags.writing == 0 || f.off == blockSize {
                if f.flags & FileFlags.inline == 0 {
                    do throws(StorageError) {
                        if f.flags & FileFlags.writing == 0 && f.pos > 0 {
                            (f.block, _) = try ctzFind(nil, f.cache, head: f.ctzHead, size: f.ctzSize, pos: f.pos - 1)
                            f.cache.zero()
                        }
                        allocCheckpoint()
                        (f.block, f.off) = try ctzExtend(f.cache, rcache, head: f.block, size: f.pos)
                    } catch {
                        f.flags |= FileFlags.erred
                        throw error
                    }
                } else {
                    f.block = lfsBlockInline
                    f.off = f.pos
                }
                f.flags |= FileFlags.writing
            }
            let diff = min(nsize, blockSize - f.off)
            if diff <= 0 { throw .corrupt }
            while true {
                do throws(StorageError) {
                    try bdProg(f.cache, rcache, validate: true, block: f.block, off: f.off,
                               UnsafeRawBufferPointer(rebasing: src[p..<p + diff]))
                    break
                } catch {
                    if error != .corrupt {
                        f.flags |= FileFlags.erred
                        throw error
                    }
                }
                do throws(StorageError) {
                    try fileRelocate(f)
                } catch {
                    f.flags |= FileFlags.erred
                    throw error
                }
            }
            f.pos += diff
            f.off += diff
            p += diff
            nsize -= diff
            allocCheckpoint()
        }
        return src.count
    }

    func fileWrite(_ f: FileHandle, _ src: UnsafeRawBufferPointer) throws(StorageError) -> Int {
        if f.flags & FileFlags.reading != 0 {
            try fileFlush(f)
        }
        if f.flags & FileFlags.append != 0 && f.pos < f.ctzSize {
            f.pos = f.ctzSize
        }
        if f.pos + src.count > fileMax { throw .fileTooLarge }
        if f.flags & FileFlags.writing == 0 && f.pos > f.ctzSize {
            let target = f.pos
            f.pos = f.ctzSize
            let zeros = [UInt8](repeating: 0, count: min(target - f.pos, 4096))
            while f.pos < target {
                let n = min(zeros.count, target - f.pos)
                try roBytes(zeros) { (b) throws(StorageError) in
                    _ = try fileFlushedWrite(f, UnsafeRawBufferPointer(rebasing: b[0..<n]))
                }
            }
        }
        let n = try fileFlushedWrite(f, src)
        f.flags &= ~FileFlags.erred
        return n
    }

    func fileSize(_ f: FileHandle) -> Int {
        if f.flags & FileFlags.writing != 0 { return max(f.pos, f.ctzSize) }
        return f.ctzSize
    }

    func fileSeek(_ f: FileHandle, _ offset: Int, _ origin: SeekOrigin) throws(StorageError) -> Int {
        var npos: Int
        switch origin {
        case .start: npos = offset
        case .current: npos = f.pos + offset
        case .end: npos = fileSize(f) + offset
        }
        if npos < 0 || npos > fileMax { throw .invalid }
        if f.pos == npos { return npos }
        if f.flags & FileFlags.reading != 0 && f.off != blockSize {
            var o = f.pos
            let oindex = ctzIndex(&o)
            var noff = npos
            let nindex = ctzIndex(&noff)
            if oindex == nindex && noff >= f.cache.off && noff < f.cache.off + f.cache.size {
                f.pos = npos
                f.off = noff
                return npos
            }
        }
        try fileFlush(f)
        f.pos = npos
        return npos
    }

    func fileTruncate(_ f: FileHandle, _ size: Int) throws(StorageError) {
        if size < 0 || size > 2_147_483_647 { throw .invalid }
        let pos = f.pos
        let oldsize = fileSize(f)
        if size < oldsize {
            if size <= inlineMax {
                _ = try fileSeek(f, 0, .start)
                rcache.drop()
                var data = [UInt8](repeating: 0, count: size)
                _ = try mutBytes(&data) { (b) throws(StorageError) in try fileFlushedRead(f, b) }
                f.ctzHead = lfsBlockInline
                f.ctzSize = size
                f.flags |= FileFlags.dirty | FileFlags.reading | FileFlags.inline
                f.cache.block = lfsBlockInline
                f.cache.off = 0
                f.cache.size = cacheSize
                for i in 0..<size { f.cache.buffer[i] = data[i] }
            } else {
                try fileFlush(f)
                let (block, _) = try ctzFind(nil, f.cache, head: f.ctzHead, size: f.ctzSize, pos: size - 1)
                f.block = block
                f.pos = size
                f.ctzHead = block
                f.ctzSize = size
                f.flags |= FileFlags.dirty | FileFlags.reading
            }
        } else if size > oldsize {
            _ = try fileSeek(f, 0, .end)
            let zeros = [UInt8](repeating: 0, count: min(size - f.pos, 4096))
            while f.pos < size {
                let n = min(zeros.count, size - f.pos)
                _ = try roBytes(zeros) { (b) throws(StorageError) in
                    try fileWrite(f, UnsafeRawBufferPointer(rebasing: b[0..<n]))
                }
            }
        }
        _ = try fileSeek(f, pos, .start)
    }
}
