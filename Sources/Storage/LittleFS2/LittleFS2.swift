/// littlefs v2 (on-disk version 2.1), compatible with the reference implementation's
/// format, allocation and block usage.
public final class LittleFS2: FileSystem {
    let device: any BlockDevice
    public let configuration: Configuration

    let blockSize: Int
    var blockCount32: UInt32
    let readSize: Int
    let progSize: Int
    let cacheSize: Int
    let lookaheadBytes: Int
    let blockCycles: Int
    var nameMax: Int
    var fileMax: Int
    var attrMax: Int
    var inlineMax: Int
    let diskVersion: UInt32 = 0x0002_0001

    let rcache: Cache
    let pcache: Cache
    var lookahead: Lookahead
    var root = Pair.null
    var mlist: [WeakEntry] = []
    var seed: UInt32 = 0
    var gstate = GState()
    var gdisk = GState()
    var gdelta = GState()
    /// Id found (or the insertion point) by the last `dirFetchMatch`.
    var fetchedId: UInt16 = 0

    private init(device: any BlockDevice, configuration c: Configuration) throws(StorageError) {
        self.device = device
        self.configuration = c
        blockSize = device.blockSize
        guard device.blockCount > 0, device.blockCount < Int(lfsBlockInline) else { throw .invalid }
        blockCount32 = UInt32(device.blockCount)
        readSize = c.readSize
        progSize = c.progSize
        cacheSize = c.effectiveCacheSize(blockSize: blockSize)
        lookaheadBytes = c.lookaheadSize
        blockCycles = c.blockCycles
        nameMax = c.nameMax
        fileMax = c.fileMax
        attrMax = c.attrMax
        guard readSize > 0, progSize > 0, cacheSize > 0, blockSize >= 32,
              cacheSize % readSize == 0, cacheSize % progSize == 0, blockSize % cacheSize == 0,
              lookaheadBytes > 0, blockCycles != 0,
              nameMax > 0, nameMax <= 1022, attrMax > 0, attrMax <= 1022,
              fileMax > 0, fileMax <= 2_147_483_647 else { throw .invalid }
        if let im = c.inlineMax {
            guard im <= cacheSize, im <= attrMax, im <= blockSize / 8 else { throw .invalid }
            inlineMax = im
        } else {
            inlineMax = min(cacheSize, min(attrMax, blockSize / 8))
        }
        rcache = Cache(size: cacheSize)
        pcache = Cache(size: cacheSize)
        lookahead = Lookahead(buffer: [UInt8](repeating: 0, count: lookaheadBytes))
    }

    /// Creates an empty filesystem on `device`.
    public static func format(_ device: any BlockDevice, configuration: Configuration = .init()) throws(StorageError) {
        let fs = try LittleFS2(device: device, configuration: configuration)
        try fs.formatVolume()
    }

    /// Mounts the filesystem on `device`; throws (`.corrupt`, `.invalid`, ...) if there is
    /// no valid littlefs v2 filesystem on it.
    public convenience init(mounting device: any BlockDevice, configuration: Configuration = .init()) throws(StorageError) {
        try self.init(device: device, configuration: configuration)
        try mountVolume()
    }

    func formatVolume() throws(StorageError) {
        if blockCount32 < 2 { throw .noSpace }
        lookahead.start = 0
        lookahead.size = min(UInt32(8 * lookaheadBytes), blockCount32)
        lookahead.next = 0
        allocCheckpoint()

        var rootDir = try dirAlloc()
        try dirCommit(&rootDir, [MAttr(Tag.make(LFSType.create, 0, 0)),
                                 MAttr(Tag.make(LFSType.superblock, 0, 8), .bytes(Array("littlefs".utf8))),
                                 MAttr(Tag.make(LFSType.inlineStruct, 0, 24), .bytes(superblockBytes()))])
        // force a compaction so no older filesystem on the device can be mounted by mistake
        rootDir.erased = false
        try dirCommit(&rootDir, [])
        try dirFetch(&rootDir, Pair(0, 1))
    }

    func mountVolume() throws(StorageError) {
        var dir = MDir()
        dir.tail = Pair(0, 1)
        var cycles = CycleDetector()
        var foundSuperblock = false
        while !dir.tail.isNull {
            try cycles.step(dir.tail)
            let res = try dirFetchMatch(&dir, dir.tail, fmask: Tag.make(0x7FF, 0x3FF, 0),
                                        ftag: Tag.make(LFSType.superblock, 0, 8), nameMatcher(Array("littlefs".utf8)))
            if res == .noEntry { throw .noEntry }
            if case .found(let tag) = res, !Tag.isDelete(tag) {
                root = dir.pair
                let (_, sb) = try dirGet(dir, gmask: Tag.make(0x7FF, 0x3FF, 0), gtag: Tag.make(LFSType.inlineStruct, 0, 24))
                let version = le32(sb, 0)
                let major = version >> 16, minor = version & 0xFFFF
                if major != diskVersion >> 16 || minor > diskVersion & 0xFFFF { throw .invalid }
                fsPrepSuperblock(minor < diskVersion & 0xFFFF)
                let sbBlockSize = le32(sb, 4), sbBlockCount = le32(sb, 8)
                let sbName = le32(sb, 12), sbFile = le32(sb, 16), sbAttr = le32(sb, 20)
                if sbName != 0 {
                    if Int(sbName) > nameMax { throw .invalid }
                    nameMax = Int(sbName)
                }
                if sbFile != 0 {
                    if Int(sbFile) > fileMax { throw .invalid }
                    fileMax = Int(sbFile)
                }
                if sbAttr != 0 {
                    if Int(sbAttr) > attrMax { throw .invalid }
                    attrMax = Int(sbAttr)
                    inlineMax = min(inlineMax, attrMax)
                }
                if sbBlockCount != blockCount32 { throw .invalid }
                if Int(sbBlockSize) != blockSize { throw .invalid }
                foundSuperblock = true
            }
            try dirGetGState(dir, &gstate)
        }
        if !foundSuperblock || root.isNull { throw .corrupt }
        // an orphan count left with the valid bit set becomes visible as a count of one
        if !Tag.isValid(gstate.tag) { gstate.tag &+= 1 }
        gdisk = gstate
        lookahead.start = seed % blockCount32
        allocDrop()
    }

    // MARK: paths

    func components(_ path: String) throws(StorageError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var cur: [UInt8] = []
        for b in path.utf8 {
            if b == 0x2F {
                if !cur.isEmpty { out.append(cur); cur = [] }
            } else {
                cur.append(b)
            }
        }
        if !cur.isEmpty { out.append(cur) }
        for c in out where c == [0x2E] || c == [0x2E, 0x2E] { throw .invalid }
        return out
    }

    // MARK: FileSystem

    public func open(_ path: String, mode: OpenMode) throws(StorageError) -> any OpenFile {
        var flags: UInt32 = 0
        if mode.read { flags |= FileFlags.rdonly }
        if mode.write || mode.append { flags |= FileFlags.wronly }
        if flags == 0 { flags = FileFlags.rdonly }
        if mode.create { flags |= FileFlags.creat }
        if mode.truncate { flags |= FileFlags.trunc }
        if mode.append { flags |= FileFlags.append }
        if mode.exclusive { flags |= FileFlags.excl }
        return try openFile(try components(path), flags: flags)
    }

    public func remove(_ path: String) throws(StorageError) {
        try removePath(names: try components(path))
    }

    public func removeDirectory(_ path: String) throws(StorageError) {
        try removePath(names: try components(path))
    }

    public func makeDirectory(_ path: String) throws(StorageError) {
        try makeDirectory(names: try components(path))
    }

    public func rename(_ from: String, _ to: String) throws(StorageError) {
        try renamePath(from: try components(from), to: try components(to))
    }

    public func stat(_ path: String) throws(StorageError) -> EntryInfo {
        try statPath(names: try components(path))
    }

    public func listDirectory(_ path: String) throws(StorageError) -> any DirectoryIterator {
        try openDirectory(names: try components(path))
    }

    /// Free blocks as MicroPython's `statvfs` counts them: block count minus the blocks
    /// littlefs's traverse reports (directory pairs are reported twice, as there).
    public func statistics() throws(StorageError) -> FileSystemStatistics {
        var used = 0
        try fsTraverse(includeOrphans: true) { _ in used += 1 }
        return FileSystemStatistics(blockSize: blockSize, blockCount: Int(blockCount32),
                                    freeBlocks: Int(blockCount32) - used, nameMax: nameMax)
    }

    /// Blocks in use, counted once each (littlefs's `lfs_fs_size`).
    public func usedBlocks() throws(StorageError) -> Int {
        try fsSize()
    }

    public func sync() throws(StorageError) {
        try device.sync()
    }

    /// Reads user attribute `type` of a file or directory; nil if it has none.
    public func getAttribute(_ path: String, type: UInt8) throws(StorageError) -> [UInt8]? {
        try getAttribute(names: try components(path), type: type)
    }

    /// Sets (or with nil removes) user attribute `type` of a file or directory.
    public func setAttribute(_ path: String, type: UInt8, value: [UInt8]?) throws(StorageError) {
        if let value, value.count > attrMax { throw .noSpace }
        try commitAttribute(names: try components(path), type: type, value: value)
    }
}
