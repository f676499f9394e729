// The boot sector (BIOS parameter block) of a FAT volume, and the geometry derived from it.

enum FATType: Equatable { case fat12, fat16, fat32 }

/// Cluster-count limits used to tell FAT12, FAT16 and FAT32 apart (the values Windows and
/// FatFs use, a few below the specification's).
enum FATLimits {
    static let maxFAT12Clusters = 0xFF5
    static let maxFAT16Clusters = 0xFFF5
    static let maxFAT32Clusters = 0x0FFF_FFF5
}

@inline(__always) func fatLoad16(_ b: [UInt8], _ o: Int) -> Int {
    Int(b[o]) | Int(b[o + 1]) << 8
}

@inline(__always) func fatLoad32(_ b: [UInt8], _ o: Int) -> Int {
    Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24
}

@inline(__always) func fatStore16(_ b: inout [UInt8], _ o: Int, _ v: Int) {
    b[o] = UInt8(truncatingIfNeeded: v); b[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
}

@inline(__always) func fatStore32(_ b: inout [UInt8], _ o: Int, _ v: Int) {
    b[o] = UInt8(truncatingIfNeeded: v); b[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
    b[o + 2] = UInt8(truncatingIfNeeded: v >> 16); b[o + 3] = UInt8(truncatingIfNeeded: v >> 24)
}

/// Byte offsets of the boot-sector fields this implementation reads or writes.
enum BPB {
    static let jump = 0, oemName = 3
    static let bytesPerSector = 11, sectorsPerCluster = 13, reservedSectors = 14
    static let numFATs = 16, rootEntries = 17, totalSectors16 = 19, media = 21
    static let fatSize16 = 22, sectorsPerTrack = 24, heads = 26, hiddenSectors = 28
    static let totalSectors32 = 32
    // FAT12/16 extended fields
    static let driveNumber = 36, bootSignature = 38, volumeID = 39, volumeLabel = 43, fsType = 54
    // FAT32 extended fields
    static let fatSize32 = 36, extFlags32 = 40, fsVersion32 = 42, rootCluster32 = 44
    static let fsInfo32 = 48, backupBoot32 = 50, driveNumber32 = 64, bootSignature32 = 66
    static let volumeID32 = 67, volumeLabel32 = 71, fsType32 = 82
    static let signature = 510
    // FSInfo sector
    static let fsiLeadSig = 0, fsiStrucSig = 484, fsiFreeCount = 488, fsiNextFree = 492
    static let fsiLeadValue = 0x4161_5252, fsiStrucValue = 0x6141_7272
    // MBR partition table
    static let partitionTable = 446
}

/// Where everything of a mounted volume lies, in absolute sectors of the device.
struct FATGeometry {
    var type: FATType
    var sectorSize: Int
    var sectorsPerCluster: Int
    var volumeStart: Int
    var fatStart: Int
    var fatSectors: Int
    var numFATs: Int
    var rootEntries: Int          // FAT12/16 fixed root directory size in entries
    var rootDirStart: Int         // FAT12/16: first sector of the fixed root directory
    var rootCluster: UInt32       // FAT32: first cluster of the root directory
    var dataStart: Int
    /// Number of FAT entries: the clusters plus the two reserved entries.
    var entryCount: UInt32
    var fsInfoSector: Int?
    var fsInfoFree: UInt32?
    var fsInfoNext: UInt32?

    var clusterBytes: Int { sectorSize * sectorsPerCluster }
    var clusterCount: Int { Int(entryCount) - 2 }

    @inline(__always) func firstSector(ofCluster c: UInt32) -> Int {
        dataStart + (Int(c) - 2) * sectorsPerCluster
    }

    /// Classifies a sector as a FAT boot sector: 0 FAT, 2 boot sector of something else, 3 none.
    static func classify(_ s: [UInt8]) -> Int {
        guard s.count >= 512, fatLoad16(s, BPB.signature) == 0xAA55 else { return 3 }
        if s[0] == 0xE9 || s[0] == 0xEB || s[0] == 0xE8 {
            if s[BPB.fsType] == 0x46 && s[BPB.fsType + 1] == 0x41 && s[BPB.fsType + 2] == 0x54 { return 0 }  // "FAT"
            if Array(s[BPB.fsType32..<BPB.fsType32 + 5]) == Array("FAT32".utf8) { return 0 }
        }
        return 2
    }

    /// Finds the FAT volume on a device (unpartitioned, or in one of four MBR partitions) and
    /// reads its geometry. Throws ENODEV when there is none.
    static func locate(on device: any BlockDevice) throws(StorageError) -> FATGeometry {
        // as FatFs: an unusable sector size or an unreadable boot record is a disk error (EIO),
        // a readable one without a FAT volume is ENODEV
        let ss = device.blockSize
        guard ss >= 512, ss <= 4096, ss & (ss - 1) == 0 else { throw .io }
        func load(_ sector: Int) -> [UInt8]? {
            guard sector >= 0, sector < device.blockCount else { return nil }
            var b = [UInt8](repeating: 0, count: ss)
            do { try fatWithMutableBytes(&b) { (p) throws(StorageError) in try device.read(block: sector, offset: 0, into: p) } } catch { return nil }
            return b
        }
        var start = 0
        guard var boot = load(0) else { throw .io }
        var kind = classify(boot)
        if kind == 2 {
            let mbr = boot
            for i in 0..<4 {
                let e = BPB.partitionTable + 16 * i
                let lba = mbr[e + 4] != 0 ? fatLoad32(mbr, e + 8) : 0
                if lba == 0 { kind = 3; continue }
                guard let b = load(lba) else { kind = 4; continue }
                boot = b
                kind = classify(boot)
                if kind == 0 { start = lba; break }
            }
        }
        if kind == 4 { throw .io }
        guard kind == 0 else { throw .noDevice }
        return try parse(boot, at: start, sectorSize: ss)
    }

    static func parse(_ b: [UInt8], at start: Int, sectorSize ss: Int) throws(StorageError) -> FATGeometry {
        guard fatLoad16(b, BPB.bytesPerSector) == ss else { throw .noDevice }
        var fatSize = fatLoad16(b, BPB.fatSize16)
        if fatSize == 0 { fatSize = fatLoad32(b, BPB.fatSize32) }
        let nFATs = Int(b[BPB.numFATs])
        guard nFATs == 1 || nFATs == 2 else { throw .noDevice }
        let spc = Int(b[BPB.sectorsPerCluster])
        guard spc != 0, spc & (spc - 1) == 0 else { throw .noDevice }
        let rootEntries = fatLoad16(b, BPB.rootEntries)
        guard rootEntries % (ss / 32) == 0 else { throw .noDevice }
        var total = fatLoad16(b, BPB.totalSectors16)
        if total == 0 { total = fatLoad32(b, BPB.totalSectors32) }
        let reserved = fatLoad16(b, BPB.reservedSectors)
        guard reserved != 0 else { throw .noDevice }
        let system = reserved + fatSize * nFATs + rootEntries / (ss / 32)
        guard total >= system else { throw .noDevice }
        let clusters = (total - system) / spc
        guard clusters > 0, clusters <= FATLimits.maxFAT32Clusters else { throw .noDevice }
        let type: FATType = clusters <= FATLimits.maxFAT12Clusters ? .fat12
            : clusters <= FATLimits.maxFAT16Clusters ? .fat16 : .fat32
        let entries = clusters + 2
        var g = FATGeometry(type: type, sectorSize: ss, sectorsPerCluster: spc, volumeStart: start,
                            fatStart: start + reserved, fatSectors: fatSize, numFATs: nFATs,
                            rootEntries: rootEntries, rootDirStart: start + reserved + fatSize * nFATs,
                            rootCluster: 0, dataStart: start + system, entryCount: UInt32(entries),
                            fsInfoSector: nil, fsInfoFree: nil, fsInfoNext: nil)
        let needed: Int
        if type == .fat32 {
            guard fatLoad16(b, BPB.fsVersion32) == 0, rootEntries == 0 else { throw .noDevice }
            let rc = fatLoad32(b, BPB.rootCluster32)
            guard rc >= 2, rc < entries else { throw .noDevice }
            g.rootCluster = UInt32(rc)
            needed = entries * 4
            if fatLoad16(b, BPB.fsInfo32) == 1 { g.fsInfoSector = start + 1 }
        } else {
            guard rootEntries != 0 else { throw .noDevice }
            needed = type == .fat16 ? entries * 2 : entries * 3 / 2 + (entries & 1)
        }
        guard fatSize >= (needed + ss - 1) / ss else { throw .noDevice }
        return g
    }
}

/// Runs `body` on the bytes of `array`, passing a typed error through (the standard library's
/// `withUnsafe...Bytes` only rethrows untyped errors).
@inline(__always) func fatWithBytes<R>(_ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(StorageError) -> R) throws(StorageError) -> R {
    var failure: StorageError?
    let r: R? = array.withUnsafeBytes { p in
        do throws(StorageError) { return try body(p) } catch { failure = error; return nil }
    }
    if let failure { throw failure }
    return r!
}

@inline(__always) func fatWithMutableBytes<R>(_ array: inout [UInt8], _ body: (UnsafeMutableRawBufferPointer) throws(StorageError) -> R) throws(StorageError) -> R {
    var failure: StorageError?
    let r: R? = array.withUnsafeMutableBytes { p in
        do throws(StorageError) { return try body(p) } catch { failure = error; return nil }
    }
    if let failure { throw failure }
    return r!
}
