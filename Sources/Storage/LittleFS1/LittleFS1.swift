/// littlefs v1 (on-disk version 1.1), as MicroPython's `vfs.VfsLfs1` uses it: a
/// power-loss-resilient filesystem over a `BlockDevice`. Directories are chains of metadata
/// pairs, committed copy-on-write; files are copy-on-write skip lists of blocks. No
/// modification times are stored.
///
/// Errors carry littlefs's codes as MicroPython reports them (`OSError(-err)`); note that v1's
/// CORRUPT is 52, not the 84 of v2.
public final class LittleFS1: FileSystem {
    /// Geometry and cache parameters; MicroPython's defaults. Block size and count come from
    /// the device.
    public struct Configuration: Equatable {
        /// Bytes read from the device at a time (and the read cache size).
        public var readSize: Int
        /// Bytes programmed at a time (and the program cache size, per file too).
        public var progSize: Int
        /// Blocks the allocator scans at once (a multiple of 32).
        public var lookahead: Int

        public init(readSize: Int = 32, progSize: Int = 32, lookahead: Int = 32) {
            self.readSize = readSize
            self.progSize = progSize
            self.lookahead = lookahead
        }
    }

    /// littlefs v1's LFS_ERR_CORRUPT.
    public static let corrupt = StorageError(errno: 52)
    /// The longest name littlefs v1 stores.
    public static let nameMax = 255

    let device: any BlockDevice
    public let configuration: Configuration
    let blockSize: Int
    let blockCount: Int
    let readSize: Int
    let progSize: Int
    let lookaheadBits: Int

    let readCache: Cache
    let programCache: Cache
    var lookahead: Lookahead
    var root: Pair = .none
    var deorphaned = false
    /// Set while a rename looks for the old entry it has already marked.
    var moving = false
    private var files: [WeakFile] = []
    private var directories: [WeakDirectory] = []

    private init(device: any BlockDevice, configuration: Configuration) throws(StorageError) {
        let c = configuration
        let size = device.blockSize, count = device.blockCount
        guard c.readSize > 0, c.progSize > 0, c.progSize % c.readSize == 0,
              size > 2 * 4, size < Int(UInt32.max), size % c.progSize == 0,
              c.lookahead > 0, c.lookahead % 32 == 0,
              count > 0, count < Int(UInt32.max),
              // a block must have room for the pointers of the largest possible file
              4 * LittleFS1.log2Ceiling(Int(UInt32.max) / (size - 2 * 4)) <= size
        else {
            throw StorageError.invalid
        }
        self.device = device
        self.configuration = c
        blockSize = size
        blockCount = count
        readSize = c.readSize
        progSize = c.progSize
        lookaheadBits = c.lookahead
        readCache = Cache(size: c.readSize)
        programCache = Cache(size: c.progSize)
        lookahead = Lookahead(bits: c.lookahead)
    }

    /// Writes an empty filesystem: the superblock in blocks 0 and 1 and an empty root.
    public static func format(_ device: any BlockDevice, configuration: Configuration = .init()) throws(StorageError) {
        let fs = try LittleFS1(device: device, configuration: configuration)
        try fs.writeEmptyFilesystem()
    }

    /// Mounts the filesystem on `device` (CORRUPT if there is none, INVAL for another version).
    public convenience init(mounting device: any BlockDevice, configuration: Configuration = .init()) throws(StorageError) {
        try self.init(device: device, configuration: configuration)
        try mount()
    }

    /// Whether block 0 or 1 holds a littlefs v1 superblock signature, as MicroPython's
    /// `vfs.mount` checks when given a bare block device ("littlefs" 40 bytes into the block).
    public static func hasSignature(_ device: any BlockDevice) -> Bool {
        guard device.blockSize >= 48 else { return false }
        for block in 0..<min(2, device.blockCount) {
            var bytes = [UInt8](repeating: 0, count: 8)
            var ok = true
            bytes.withUnsafeMutableBytes { buf in
                do throws(StorageError) {
                    try device.read(block: block, offset: 40, into: buf)
                } catch {
                    ok = false
                }
            }
            if ok && bytes == Superblock.magic { return true }
        }
        return false
    }

    private func writeEmptyFilesystem() throws(StorageError) {
        lookahead.start = 0
        lookahead.size = min(lookaheadBits, blockCount)
        lookahead.index = 0
        acknowledgeAllocations()

        var superDir = MetadataDir()
        try allocateDir(&superDir)
        var rootDir = MetadataDir()
        try allocateDir(&rootDir)
        try commitDir(&rootDir, [])
        root = rootDir.pair

        let superblock = Superblock(root: root, blockSize: UInt32(blockSize), blockCount: UInt32(blockCount))
        superDir.header.tail = rootDir.pair
        superDir.header.size = UInt32(BlockHeader.byteCount + Superblock.byteCount + 4)
        // write both blocks of the superblock pair
        var valid = false
        for _ in 0..<2 {
            do throws(StorageError) {
                try commitDir(&superDir, [Region(oldOffset: BlockHeader.byteCount, oldLength: Superblock.byteCount,
                                                 data: superblock.encoded)])
                valid = true
            } catch {
                if error != LittleFS1.corrupt { throw error }
            }
        }
        if !valid { throw LittleFS1.corrupt }
        // check that it reads back
        try fetchDir(&superDir, .superblock)
        acknowledgeAllocations()
    }

    private func mount() throws(StorageError) {
        lookahead.start = 0
        lookahead.size = 0
        lookahead.index = 0
        acknowledgeAllocations()

        var dir = MetadataDir()
        try fetchDir(&dir, .superblock)
        let superblock = Superblock(try read(dir.pair.first, BlockHeader.byteCount, count: Superblock.byteCount))
        guard superblock.magic == Superblock.magic else { throw LittleFS1.corrupt }
        root = superblock.root
        let major = superblock.version >> 16, minor = superblock.version & 0xFFFF
        if major != Superblock.version >> 16 || minor > Superblock.version & 0xFFFF {
            throw StorageError.invalid
        }
    }

    // MARK: open files and listings

    private struct WeakFile { weak var file: File? }
    private struct WeakDirectory { weak var directory: DirectoryListing? }

    /// A file being closed from its deinit.
    unowned(unsafe) var closingFile: File?

    func openFiles() -> [File] {
        var open = files.compactMap { $0.file }
        if let closingFile { open.append(closingFile) }
        return open
    }

    func openDirectories() -> [DirectoryListing] {
        directories.compactMap { $0.directory }
    }

    func register(_ file: File) {
        files.removeAll { $0.file == nil }
        files.insert(WeakFile(file: file), at: 0)
    }

    func unregister(_ file: File) {
        files.removeAll { $0.file == nil || $0.file === file }
    }

    func register(_ directory: DirectoryListing) {
        directories.removeAll { $0.directory == nil }
        directories.insert(WeakDirectory(directory: directory), at: 0)
    }

    func unregister(_ directory: DirectoryListing) {
        directories.removeAll { $0.directory == nil || $0.directory === directory }
    }

    // MARK: FileSystem

    func deorphanOnce() throws(StorageError) {
        if !deorphaned { try deorphan() }
    }

    /// The bytes of a name to be stored, checked against the limits of an entry.
    func storableName(_ name: ArraySlice<UInt8>) throws(StorageError) -> [UInt8] {
        if name.count > LittleFS1.nameMax || BlockHeader.byteCount + 4 + Entry.byteCount + name.count > blockSize {
            throw StorageError.nameTooLong
        }
        return Array(name)
    }

    public func open(_ path: String, mode: OpenMode) throws(StorageError) -> any OpenFile {
        try File(fs: self, path: Array(path.utf8), mode: mode)
    }

    public func remove(_ path: String) throws(StorageError) {
        try deorphanOnce()
        var found = try lookup(Array(path.utf8))
        if !found.found { throw StorageError.noEntry }
        if found.isRoot { throw StorageError.invalid }

        var dir = MetadataDir()
        let isDirectory = found.entry.type == EntryKind.directory
        if isDirectory {
            // empty means no entries and no continuation: the whole size word says so
            try fetchDir(&dir, found.entry.pair)
            if dir.header.size != UInt32(BlockHeader.byteCount + 4) {
                throw StorageError.notEmpty
            }
        }
        try removeEntry(&found.dir, found.entry)

        if isDirectory {
            // unlink the directory's block from the chain
            var previous = MetadataDir()
            guard try findPredecessor(of: dir.pair, &previous) else { throw LittleFS1.corrupt }
            previous.header.tail = dir.header.tail
            try commitDir(&previous, [])
        }
    }

    public func removeDirectory(_ path: String) throws(StorageError) {
        try remove(path)
    }

    public func makeDirectory(_ path: String) throws(StorageError) {
        try deorphanOnce()
        var found = try lookup(Array(path.utf8))
        if found.found { throw StorageError.exists }
        if !found.canCreate { throw StorageError.noEntry }
        let name = try storableName(found.name)

        acknowledgeAllocations()
        var dir = MetadataDir()
        try allocateDir(&dir)
        dir.header.tail = found.dir.header.tail
        try commitDir(&dir, [])

        var entry = Entry()
        entry.type = EntryKind.directory
        entry.nameLength = UInt8(name.count)
        entry.pair = dir.pair
        // the new directory's blocks go into the chain right after its parent's block
        found.dir.header.tail = dir.pair
        try appendEntry(&found.dir, &entry, name: name)
        acknowledgeAllocations()
    }

    public func rename(_ from: String, _ to: String) throws(StorageError) {
        try deorphanOnce()
        let oldPath = Array(from.utf8), newPath = Array(to.utf8)
        var old = try lookup(oldPath)
        if !old.found { throw StorageError.noEntry }
        if old.isRoot { throw StorageError.invalid }

        // Two cases littlefs v1 gets wrong are refused or short-cut here: renaming an entry
        // onto itself (v1 would delete it) and moving a directory into itself (v1 would
        // detach it from the tree).
        // (errors in the new path are left to the lookup below, to report them as v1 does)
        if let target = try? lookup(newPath), target.found || target.canCreate {
            if target.found && !target.isRoot && target.dir.pair.sharesBlock(with: old.dir.pair)
                && target.entry.offset == old.entry.offset {
                return
            }
            if old.entry.baseType == EntryKind.directory && isInside(newPath, directory: old.entry.pair) {
                throw StorageError.invalid
            }
            if !target.found { _ = try storableName(target.name) }
        }

        // mark the entry as being moved
        old.entry.type |= EntryKind.movingFlag
        try updateEntry(&old.dir, old.entry)

        var new = try lookup(newPath)
        if !new.found && !new.canCreate { throw StorageError.noEntry }
        let exists = new.found
        if exists && new.entry.type != old.entry.baseType {
            throw StorageError.isDirectory
        }
        var replaced = MetadataDir()
        if exists && new.entry.type == EntryKind.directory {
            try fetchDir(&replaced, new.entry.pair)
            if replaced.header.size != UInt32(BlockHeader.byteCount + 4) {
                throw StorageError.notEmpty
            }
        }

        // write the entry at its new place
        let name = try storableName(new.name)
        var entry = old.entry
        entry.offset = new.entry.offset
        entry.type &= ~EntryKind.movingFlag
        entry.nameLength = UInt8(name.count)
        if exists {
            try updateEntry(&new.dir, entry, name: name)
        } else {
            try appendEntry(&new.dir, &entry, name: name)
        }

        // find the old entry again (its block may have changed) and remove it
        moving = true
        let again: Lookup
        do throws(StorageError) {
            again = try lookup(oldPath)
        } catch {
            moving = false
            throw error
        }
        moving = false
        guard again.found else { throw StorageError.noEntry }
        var oldDir = again.dir
        try removeEntry(&oldDir, again.entry)

        if exists && new.entry.type == EntryKind.directory {
            // unlink the replaced directory's block from the chain
            var previous = MetadataDir()
            guard try findPredecessor(of: replaced.pair, &previous) else { throw LittleFS1.corrupt }
            previous.header.tail = replaced.header.tail
            try commitDir(&previous, [])
        }
    }

    /// Whether the directory `path` would be created in lies inside the directory `pair`.
    private func isInside(_ path: [UInt8], directory pair: Pair) -> Bool {
        // walk the parents of the new name's location, as the path resolves
        var components = [ArraySlice<UInt8>]()
        for c in path.split(separator: LittleFS1.slash) {
            if c.count == 1 && c.first == LittleFS1.dot { continue }
            if c.count == 2 && c.allSatisfy({ $0 == LittleFS1.dot }) {
                if !components.isEmpty { components.removeLast() }
                continue
            }
            components.append(c)
        }
        if components.isEmpty { return false }
        components.removeLast()
        var prefix = [UInt8]()
        for c in components {
            prefix.append(LittleFS1.slash)
            prefix += c
            guard let step = try? lookup(prefix) else { return false }
            if step.found && step.entry.baseType == EntryKind.directory && step.entry.pair.sharesBlock(with: pair) {
                return true
            }
        }
        return false
    }

    public func stat(_ path: String) throws(StorageError) -> EntryInfo {
        let found = try lookup(Array(path.utf8))
        if !found.found { throw StorageError.noEntry }
        if found.isRoot {
            return EntryInfo(name: "/", type: .directory, size: 0, mtime: nil)
        }
        let name = try entryName(found.dir, found.entry)
        let isFile = found.entry.type == EntryKind.file
        return EntryInfo(name: String(decoding: name, as: UTF8.self), type: isFile ? .file : .directory,
                         size: isFile ? Int(found.entry.fileSize) : 0, mtime: nil)
    }

    public func listDirectory(_ path: String) throws(StorageError) -> any DirectoryIterator {
        try DirectoryListing(fs: self, path: Array(path.utf8))
    }

    public func statistics() throws(StorageError) -> FileSystemStatistics {
        var used = 0
        try traverse { (_: UInt32) throws(StorageError) in used += 1 }
        return FileSystemStatistics(blockSize: blockSize, blockCount: blockCount,
                                    freeBlocks: blockCount - used, nameMax: LittleFS1.nameMax)
    }

    public func sync() throws(StorageError) {
        try device.sync()
    }
}
