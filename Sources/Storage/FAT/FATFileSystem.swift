// The FAT filesystem (FAT12, FAT16, FAT32 with long file names) behind the `FileSystem`
// interface, with the errors MicroPython's VfsFat reports:
//   missing file or path, a file used as a directory in a path, opening a directory to read: ENOENT
//   name exists (mkdir, "x" mode, mkdir of the root): EEXIST
//   FatFs's FR_DENIED: directory not empty, directory or root directory full, volume full
//     for mkdir, read-only entry, create over a directory, read or write without the mode: EACCES
//   bad name (characters, over 255 bytes, the root where a name is needed): EINVAL
//   remove of a directory: EISDIR; removeDirectory of a file: ENOTDIR
//   file data that does not fit: ENOSPC (what fits is written)
//   a broken chain or other corruption, device errors: EIO; no FAT volume: ENODEV

public final class FATFileSystem: FileSystem {
    let vol: FATVolume

    /// EACCES: FatFs's FR_DENIED (not empty, full directory, read-only entry).
    static let denied = StorageError(errno: 13)

    /// Mounts the FAT volume on `device` (unpartitioned or in an MBR partition).
    /// `clock` gives local time in ns since 1970 for timestamps. Throws ENODEV without one.
    public init(mounting device: any BlockDevice, clock: @escaping () -> Int64 = { 0 }) throws(StorageError) {
        var g = try FATGeometry.locate(on: device)
        if let fsi = g.fsInfoSector {
            var b = [UInt8](repeating: 0, count: g.sectorSize)
            try fatWithMutableBytes(&b) { (p) throws(StorageError) in try device.read(block: fsi, offset: 0, into: p) }
            if fatLoad16(b, BPB.signature) == 0xAA55 && fatLoad32(b, BPB.fsiLeadSig) == BPB.fsiLeadValue
                && fatLoad32(b, BPB.fsiStrucSig) == BPB.fsiStrucValue {
                g.fsInfoFree = UInt32(fatLoad32(b, BPB.fsiFreeCount))
                g.fsInfoNext = UInt32(fatLoad32(b, BPB.fsiNextFree))
            }
        }
        vol = FATVolume(device: device, geometry: g, clock: clock)
    }

    /// 12, 16 or 32.
    public var fatBits: Int {
        switch vol.geo.type { case .fat12: 12; case .fat16: 16; case .fat32: 32 }
    }

    /// Bytes per cluster.
    public var clusterSize: Int { vol.geo.clusterBytes }

    // MARK: paths

    private struct Resolved {
        var parent: UInt32
        var name: FATName?     // nil: the root itself
        var item: DirItem?
    }

    private func components(_ path: String) -> [Substring] {
        var out = [Substring]()
        for c in path.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            if c == "." { continue }
            if c == ".." { if !out.isEmpty { out.removeLast() }; continue }
            out.append(c)
        }
        return out
    }

    private func resolve(_ path: String) throws(StorageError) -> Resolved {
        let parts = components(path)
        var dir: UInt32 = 0
        for (i, part) in parts.enumerated() {
            let name = try FATName(part)
            let item = try vol.find(dir, name)
            if i == parts.count - 1 { return Resolved(parent: dir, name: name, item: item) }
            guard let item, item.isDirectory else { throw .noEntry }
            dir = item.firstCluster
        }
        return Resolved(parent: 0, name: nil, item: nil)
    }

    // MARK: FileSystem

    public func open(_ path: String, mode: OpenMode) throws(StorageError) -> any OpenFile {
        let r = try resolve(path)
        guard let name = r.name else { throw .invalid }
        let writable = mode.write || mode.create || mode.truncate || mode.append
        var created = false
        var item: DirItem
        if mode.create {
            if let existing = r.item {
                if existing.attr & (DirEntry.directory | DirEntry.readOnly) != 0 { throw FATFileSystem.denied }
                if mode.exclusive { throw .exists }
                item = existing
                if mode.truncate { try truncateEntry(&item); created = true }
            } else {
                var e = [UInt8](repeating: 0, count: DirEntry.size)
                let now = vol.now()
                fatStore32(&e, DirEntry.createTime, Int(now))
                e[DirEntry.attr] = DirEntry.archive
                let c = try vol.register(r.parent, name, template: e)
                item = DirItem(name: "", long: nil, short: [], attr: DirEntry.archive, firstCluster: 0, size: 0,
                               modDate: 0, modTime: 0, firstSlot: c.index, slot: c.index,
                               sector: c.sector, byteOffset: vol.entryOffset(c))
                created = true
            }
            try vol.flush()
        } else {
            guard let existing = r.item, !existing.isDirectory else { throw .noEntry }
            if writable && existing.attr & DirEntry.readOnly != 0 { throw FATFileSystem.denied }
            item = existing
            if mode.truncate { try truncateEntry(&item); created = true; try vol.flush() }
        }
        let f = FATFile(volume: vol, item: item, readable: mode.read, writable: writable, created: created)
        if mode.append { _ = try f.seek(0, from: .end) }
        return f
    }

    /// Empties an existing file's entry (as opening with "w" does).
    private func truncateEntry(_ item: inout DirItem) throws(StorageError) {
        var e = try vol.cache.bytes(item.sector, item.byteOffset, DirEntry.size)
        fatStore32(&e, DirEntry.createTime, Int(vol.now()))
        e[DirEntry.attr] = DirEntry.archive
        vol.setCluster(&e, 0)
        fatStore32(&e, DirEntry.fileSize, 0)
        try vol.cache.setBytes(item.sector, item.byteOffset, e)
        if vol.isCluster(item.firstCluster) {
            try vol.freeChain(item.firstCluster)
            vol.lastAllocated = item.firstCluster - 1
        }
        item.firstCluster = 0
        item.size = 0
        item.attr = DirEntry.archive
    }

    private func removeEntry(_ r: Resolved, directory: Bool) throws(StorageError) {
        guard r.name != nil else { throw .invalid }
        guard let item = r.item else { throw .noEntry }
        if item.isDirectory != directory { throw directory ? .notDirectory : .isDirectory }
        if item.attr & DirEntry.readOnly != 0 { throw FATFileSystem.denied }
        if directory { guard try vol.isEmptyDirectory(item.firstCluster) else { throw FATFileSystem.denied } }
        try vol.removeEntries(r.parent, item)
        if vol.isCluster(item.firstCluster) { try vol.freeChain(item.firstCluster) }
        try vol.flush()
    }

    public func remove(_ path: String) throws(StorageError) {
        try removeEntry(try resolve(path), directory: false)
    }

    public func removeDirectory(_ path: String) throws(StorageError) {
        try removeEntry(try resolve(path), directory: true)
    }

    public func makeDirectory(_ path: String) throws(StorageError) {
        let r = try resolve(path)
        guard let name = r.name, r.item == nil else { throw .exists }
        guard let dcl = try vol.allocate(after: nil) else { throw FATFileSystem.denied }
        let now = vol.now()
        do throws(StorageError) {
            try vol.clearCluster(dcl)
            var dot = [UInt8](repeating: 0x20, count: 11) + [UInt8](repeating: 0, count: 21)
            dot[0] = 0x2E
            dot[DirEntry.attr] = DirEntry.directory
            fatStore16(&dot, DirEntry.modTime, Int(now & 0xFFFF))
            fatStore16(&dot, DirEntry.modDate, Int(now >> 16))
            vol.setCluster(&dot, dcl)
            var dotdot = dot
            dotdot[1] = 0x2E
            vol.setCluster(&dotdot, r.parent)
            let first = vol.geo.firstSector(ofCluster: dcl)
            try vol.cache.setBytes(first, 0, dot + dotdot)
            var e = [UInt8](repeating: 0, count: DirEntry.size)
            e[DirEntry.attr] = DirEntry.directory
            fatStore16(&e, DirEntry.modTime, Int(now & 0xFFFF))
            fatStore16(&e, DirEntry.modDate, Int(now >> 16))
            vol.setCluster(&e, dcl)
            _ = try vol.register(r.parent, name, template: e)
        } catch {
            try? vol.freeChain(dcl)
            try? vol.flush()
            throw error
        }
        try vol.flush()
    }

    public func rename(_ from: String, _ to: String) throws(StorageError) {
        let old = try resolve(from)
        guard old.name != nil else { throw .invalid }
        guard let item = old.item else { throw .noEntry }
        var new = try resolve(to)
        guard let newName = new.name else { throw .invalid }
        if let existing = new.item, !(new.parent == old.parent && existing.slot == item.slot) {
            // VfsFat replaces an existing file (never a directory)
            try removeEntry(new, directory: false)
            new = try resolve(to)
        }
        if item.isDirectory {
            // refuse to move a directory below itself
            var d = new.parent
            var depth = 0
            while d != 0 {
                if d == item.firstCluster { throw .invalid }
                guard let c = try vol.seek(d, to: 1) else { break }
                let e = try vol.readEntry(c)
                guard e[0] == 0x2E, e[1] == 0x2E else { break }
                d = vol.clusterOf(e)
                depth += 1
                if depth > 4096 { throw .io }
            }
        }
        var e = try vol.cache.bytes(item.sector, item.byteOffset, DirEntry.size)
        if !item.isDirectory { e[DirEntry.attr] |= DirEntry.archive }
        _ = try vol.register(new.parent, newName, template: e)
        if item.isDirectory && new.parent != old.parent && vol.isCluster(item.firstCluster) {
            let s = vol.geo.firstSector(ofCluster: item.firstCluster)
            var dd = try vol.cache.bytes(s, DirEntry.size, DirEntry.size)
            if dd[1] == 0x2E {
                vol.setCluster(&dd, new.parent)
                try vol.cache.setBytes(s, DirEntry.size, dd)
            }
        }
        try vol.removeEntries(old.parent, item)
        try vol.flush()
    }

    /// Timestamp VfsFat reports for the root directory: 2000-01-01 00:00:00.
    static let rootTime = FATTime.unpack(date: 0x2821, time: 0)

    public func stat(_ path: String) throws(StorageError) -> EntryInfo {
        let r = try resolve(path)
        guard r.name != nil else { return EntryInfo(name: "", type: .directory, size: 0, mtime: FATFileSystem.rootTime) }
        guard let item = r.item else { throw .noEntry }
        return FATFileSystem.info(item)
    }

    static func info(_ item: DirItem) -> EntryInfo {
        EntryInfo(name: item.name, type: item.isDirectory ? .directory : .file, size: item.size,
                  mtime: FATTime.unpack(date: item.modDate, time: item.modTime))
    }

    public func listDirectory(_ path: String) throws(StorageError) -> any DirectoryIterator {
        let r = try resolve(path)
        var dir: UInt32 = 0
        if r.name != nil {
            guard let item = r.item, item.isDirectory else { throw .noEntry }
            dir = item.firstCluster
        }
        _ = try vol.openDirectory(dir)
        return FATDirectoryIterator(vol: vol, dir: dir)
    }

    public func statistics() throws(StorageError) -> FileSystemStatistics {
        FileSystemStatistics(blockSize: vol.geo.clusterBytes, blockCount: vol.geo.clusterCount,
                             freeBlocks: try vol.freeClusters(), nameMax: 255)
    }

    public func sync() throws(StorageError) {
        try vol.flush()
    }
}

/// Lists a directory one entry at a time, re-reading from the device on each step, so the
/// directory may change while it is open (entries are visited in slot order).
final class FATDirectoryIterator: DirectoryIterator {
    let vol: FATVolume
    let dir: UInt32
    private var nextIndex = 0
    private var done = false

    init(vol: FATVolume, dir: UInt32) {
        self.vol = vol
        self.dir = dir
    }

    func next() throws(StorageError) -> EntryInfo? {
        guard !done else { return nil }
        do {
            if var c = try vol.seek(dir, to: nextIndex), let item = try vol.readItem(&c) {
                nextIndex = c.index + 1
                return FATFileSystem.info(item)
            }
        } catch {
            // like VfsFat, an error ends the listing
        }
        done = true
        return nil
    }

    func close() { done = true }
}
