// Directories: 32-byte entries in the fixed root region (FAT12/16) or in a cluster chain.
// Walking entries, reading a name (long-name entries followed by their short entry),
// finding, adding and removing entries.

/// Offsets in a 32-byte directory entry.
enum DirEntry {
    static let size = 32
    static let name = 0, attr = 11, ntCase = 12, createTimeTenth = 13, createTime = 14
    static let accessDate = 18, clusterHigh = 20, modTime = 22, modDate = 24, clusterLow = 26
    static let fileSize = 28
    // long-name entry
    static let lfnOrder = 0, lfnChecksum = 13
    static let lfnUnitOffsets = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30]

    static let readOnly: UInt8 = 0x01, hidden: UInt8 = 0x02, system: UInt8 = 0x04
    static let volumeLabel: UInt8 = 0x08, directory: UInt8 = 0x10, archive: UInt8 = 0x20
    static let longName: UInt8 = 0x0F
    static let deleted: UInt8 = 0xE5
    /// FatFs limits a directory to 2 MiB of entries.
    static let maxEntries = 65536
}

/// A position in a directory: entry index and the sector holding it.
struct DirCursor {
    /// First cluster of the directory; 0 for the fixed FAT12/16 root.
    let start: UInt32
    var index = 0
    var cluster: UInt32
    var sector: Int
}

/// One visible entry of a directory.
struct DirItem {
    var name: String
    /// The long name as stored (nil without one).
    var long: [UInt16]?
    var short: [UInt8]
    var attr: UInt8
    var firstCluster: UInt32
    var size: Int
    var modDate: Int
    var modTime: Int
    /// Index of the first slot (first long-name entry, or the short entry).
    var firstSlot: Int
    /// Index, sector and byte offset of the short entry.
    var slot: Int
    var sector: Int
    var byteOffset: Int
    var isDirectory: Bool { attr & DirEntry.directory != 0 }
}

extension FATVolume {
    /// The cluster a directory starts at (0 means the root on every FAT type).
    func directoryStart(_ dir: UInt32) -> UInt32 {
        geo.type == .fat32 && dir == 0 ? geo.rootCluster : dir
    }

    func openDirectory(_ dir: UInt32) throws(StorageError) -> DirCursor {
        let start = directoryStart(dir)
        if start == 0 {
            return DirCursor(start: 0, index: 0, cluster: 0, sector: geo.rootDirStart)
        }
        guard isCluster(start) else { throw .io }
        return DirCursor(start: start, index: 0, cluster: start, sector: geo.firstSector(ofCluster: start))
    }

    /// Moves to the next entry. At the end returns false, or with `stretch` appends a
    /// zeroed cluster (throws EACCES when the fixed root or the volume is full, as FatFs).
    func advance(_ c: inout DirCursor, stretch: Bool = false) throws(StorageError) -> Bool {
        let next = c.index + 1
        if next >= DirEntry.maxEntries { if stretch { throw StorageError(errno: 13) }; return false }
        let perSector = geo.sectorSize / DirEntry.size
        if next % perSector == 0 {
            if c.start == 0 {
                if next >= geo.rootEntries { if stretch { throw StorageError(errno: 13) }; return false }
                c.sector += 1
            } else if (next / perSector) % geo.sectorsPerCluster == 0 {
                if let n = try self.next(c.cluster) {
                    c.cluster = n
                } else {
                    guard stretch else { return false }
                    guard let n = try allocate(after: c.cluster) else { throw StorageError(errno: 13) }
                    try clearCluster(n)
                    c.cluster = n
                }
                c.sector = geo.firstSector(ofCluster: c.cluster)
            } else {
                c.sector += 1
            }
        }
        c.index = next
        return true
    }

    /// A cursor at entry `index`, or nil when the directory is shorter.
    func seek(_ dir: UInt32, to index: Int) throws(StorageError) -> DirCursor? {
        var c = try openDirectory(dir)
        if index == 0 { return c }
        let perSector = geo.sectorSize / DirEntry.size
        if c.start == 0 {
            guard index < geo.rootEntries else { return nil }
            c.index = index; c.sector = geo.rootDirStart + index / perSector
            return c
        }
        let perCluster = perSector * geo.sectorsPerCluster
        var k = index / perCluster
        while k > 0 {
            guard let n = try next(c.cluster) else { return nil }
            c.cluster = n; k -= 1
        }
        c.index = index
        c.sector = geo.firstSector(ofCluster: c.cluster) + (index % perCluster) / perSector
        return c
    }

    @inline(__always) func entryOffset(_ c: DirCursor) -> Int { (c.index * DirEntry.size) % geo.sectorSize }

    func readEntry(_ c: DirCursor) throws(StorageError) -> [UInt8] {
        try cache.bytes(c.sector, entryOffset(c), DirEntry.size)
    }

    func writeEntry(_ c: DirCursor, _ e: [UInt8]) throws(StorageError) {
        try cache.setBytes(c.sector, entryOffset(c), e)
    }

    /// Reads the next visible entry at or after `cursor`, leaving `cursor` on its short entry.
    /// Returns nil at the end of the directory.
    func readItem(_ cursor: inout DirCursor) throws(StorageError) -> DirItem? {
        var order = -1
        var sum: UInt8 = 0
        var units = [UInt16]()
        var first = cursor.index
        while true {
            let e = try readEntry(cursor)
            let b = e[0]
            if b == 0 { return nil }
            let attr = e[DirEntry.attr] & 0x3F
            if b == DirEntry.deleted || b == 0x2E || (attr & ~DirEntry.archive) == DirEntry.volumeLabel {
                order = -1
            } else if attr == DirEntry.longName {
                var ord = Int(b)
                if b & 0x40 != 0 {
                    sum = e[DirEntry.lfnChecksum]
                    ord = Int(b & 0x3F)
                    order = ord
                    first = cursor.index
                    units = [UInt16](repeating: 0xFFFF, count: min(ord, 20) * 13)
                }
                if ord == order && ord >= 1 && ord <= 20 && sum == e[DirEntry.lfnChecksum] && fatLoad16(e, DirEntry.clusterLow) == 0 {
                    let base = (ord - 1) * 13
                    for (k, o) in DirEntry.lfnUnitOffsets.enumerated() where base + k < units.count {
                        units[base + k] = UInt16(fatLoad16(e, o))
                    }
                    order = ord - 1
                } else {
                    order = -1
                }
            } else if attr & DirEntry.volumeLabel == 0 || attr == DirEntry.longName {
                let short = Array(e[0..<11])
                var long: [UInt16]?
                var name: [UInt8]?
                if order == 0 && sum == FATName.checksum(short) {
                    var n = units
                    if let end = n.firstIndex(of: 0) { n.removeSubrange(end...) }
                    while let l = n.last, l == 0xFFFF { n.removeLast() }
                    if !n.isEmpty && n.count <= 255 { long = n; name = FATName.bytes(long: n) }
                }
                let hasLong = long != nil
                return DirItem(
                    name: String(decoding: name ?? FATName.bytes(short: short, caseFlags: e[DirEntry.ntCase]), as: UTF8.self),
                    long: long,
                    short: short, attr: attr,
                    firstCluster: clusterOf(e),
                    size: attr & DirEntry.directory != 0 ? 0 : fatLoad32(e, DirEntry.fileSize),
                    modDate: fatLoad16(e, DirEntry.modDate), modTime: fatLoad16(e, DirEntry.modTime),
                    firstSlot: hasLong ? first : cursor.index, slot: cursor.index,
                    sector: cursor.sector, byteOffset: entryOffset(cursor))
            } else {
                order = -1
            }
            guard try advance(&cursor) else { return nil }
        }
    }

    func clusterOf(_ e: [UInt8]) -> UInt32 {
        var c = UInt32(fatLoad16(e, DirEntry.clusterLow))
        if geo.type == .fat32 { c |= UInt32(fatLoad16(e, DirEntry.clusterHigh)) << 16 }
        return c
    }

    func setCluster(_ e: inout [UInt8], _ c: UInt32) {
        fatStore16(&e, DirEntry.clusterLow, Int(c & 0xFFFF))
        fatStore16(&e, DirEntry.clusterHigh, geo.type == .fat32 ? Int(c >> 16) : 0)
    }

    /// Finds `name` in directory `dir` (long names compared without case; the short name
    /// matches too when the name is an exact 8.3 form).
    func find(_ dir: UInt32, _ name: FATName) throws(StorageError) -> DirItem? {
        var c = try openDirectory(dir)
        while let item = try readItem(&c) {
            if let long = item.long, FATName.sameIgnoringCase(long, name.long) {
                return item
            }
            if !name.lossy && item.short == name.short { return item }
            guard try advance(&c) else { break }
        }
        return nil
    }

    /// True when some entry of `dir` has the short name `sfn`.
    func shortNameExists(_ dir: UInt32, _ sfn: [UInt8]) throws(StorageError) -> Bool {
        var c = try openDirectory(dir)
        while true {
            let e = try readEntry(c)
            if e[0] == 0 { return false }
            let attr = e[DirEntry.attr] & 0x3F
            if e[0] != DirEntry.deleted && !(attr & DirEntry.volumeLabel != 0 && attr != DirEntry.longName)
                && attr != DirEntry.longName && Array(e[0..<11]) == sfn { return true }
            guard try advance(&c) else { return false }
        }
    }

    /// Adds an entry for `name` to `dir`: long-name entries as needed and a short entry
    /// holding `template` (bytes 11...31). Returns a cursor on the short entry.
    func register(_ dir: UInt32, _ name: FATName, template: [UInt8]) throws(StorageError) -> DirCursor {
        var sfn = name.short
        if name.lossy {
            var n = 1
            while n < 100 {
                let candidate = FATName.numbered(name.short, long: name.long, seq: n)
                if try !shortNameExists(dir, candidate) { sfn = candidate; break }
                n += 1
            }
            if n == 100 { throw StorageError(errno: 13) }
        }
        let longCount = name.needsLong ? (name.long.count + 12) / 13 : 0
        let needed = longCount + 1
        // find a run of free slots, stretching the directory when needed
        var c = try openDirectory(dir)
        var run = 0
        var runStart = 0
        while true {
            let b = try cache.byte(c.sector, entryOffset(c))
            if b == 0 || b == DirEntry.deleted {
                if run == 0 { runStart = c.index }
                run += 1
                if run == needed { break }
            } else {
                run = 0
            }
            _ = try advance(&c, stretch: true)
        }
        guard var w = try seek(dir, to: runStart) else { throw .io }
        let sum = FATName.checksum(sfn)
        var ord = longCount
        while ord >= 1 {
            var e = [UInt8](repeating: 0, count: DirEntry.size)
            e[0] = UInt8(ord) | (ord == longCount ? 0x40 : 0)
            e[DirEntry.attr] = DirEntry.longName
            e[DirEntry.lfnChecksum] = sum
            let base = (ord - 1) * 13
            for (k, o) in DirEntry.lfnUnitOffsets.enumerated() {
                let i = base + k
                let u: Int = i < name.long.count ? Int(name.long[i]) : (i == name.long.count ? 0 : 0xFFFF)
                fatStore16(&e, o, u)
            }
            try writeEntry(w, e)
            _ = try advance(&w)
            ord -= 1
        }
        var e = template
        if e.count != DirEntry.size { e = [UInt8](repeating: 0, count: DirEntry.size) }
        for k in 0..<11 { e[k] = sfn[k] }
        e[DirEntry.ntCase] = name.caseFlags
        try writeEntry(w, e)
        return w
    }

    /// Marks the entries of `item` deleted.
    func removeEntries(_ dir: UInt32, _ item: DirItem) throws(StorageError) {
        guard var c = try seek(dir, to: item.firstSlot) else { throw .io }
        while true {
            try cache.setByte(c.sector, entryOffset(c), DirEntry.deleted)
            if c.index >= item.slot { break }
            guard try advance(&c) else { break }
        }
    }

    /// True when the directory starting at `cluster` holds nothing but "." and "..".
    func isEmptyDirectory(_ cluster: UInt32) throws(StorageError) -> Bool {
        guard cluster != 0 else { return false }
        var c = try openDirectory(cluster)
        return try readItem(&c) == nil
    }
}
