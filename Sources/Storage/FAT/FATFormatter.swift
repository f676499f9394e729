// Making a new FAT volume with the layout MicroPython's VfsFat.mkfs gets from FatFs
// (f_mkfs with FM_FAT | FM_SFD, retried as FAT32 in an MBR partition when FAT12/16 cannot
// cover the device): one FAT, 512 root entries, automatic cluster size, no erase alignment.

/// The layout chosen for a new volume.
struct FATLayout {
    var type: FATType
    var volumeStart: Int
    var volumeSectors: Int
    var sectorsPerCluster: Int
    var reservedSectors: Int
    var fatSectors: Int
    var rootDirSectors: Int
    var clusters: Int
    var partitioned: Bool

    static let numFATs = 1
    static let rootEntries = 512

    /// Chooses cluster size and FAT type as FatFs does. Nil when impossible ("aborted").
    static func choose(deviceSectors: Int, sectorSize ss: Int, allowFAT32Only: Bool) -> FATLayout? {
        let partitioned = allowFAT32Only
        let start = partitioned ? 63 : 0
        guard deviceSectors >= start else { return nil }
        let vol = deviceSectors - start
        guard vol >= 22 else { return nil }
        var type: FATType = allowFAT32Only ? .fat32 : .fat16
        var au = 0      // requested cluster size in sectors (0: automatic)
        while true {
            var pau = au
            var clusters: Int
            var fatSectors: Int
            var reserved: Int
            var dirSectors: Int
            if type == .fat32 {
                if pau == 0 {
                    let n = vol / 0x20000
                    pau = 1
                    for limit in [1, 2, 4, 8, 16, 32] where limit <= n { pau <<= 1 }
                }
                clusters = vol / pau
                fatSectors = (clusters * 4 + 8 + ss - 1) / ss
                reserved = 32
                dirSectors = 0
                if clusters <= FATLimits.maxFAT16Clusters || clusters > FATLimits.maxFAT32Clusters { return nil }
            } else {
                if pau == 0 {
                    let n = vol / 0x1000
                    pau = 1
                    for limit in [1, 4, 16, 64, 256, 512] where limit <= n { pau <<= 1 }
                }
                clusters = vol / pau
                let fatBytes: Int
                if clusters > FATLimits.maxFAT12Clusters {
                    fatBytes = clusters * 2 + 4
                } else {
                    type = .fat12
                    fatBytes = (clusters * 3 + 1) / 2 + 3
                }
                fatSectors = (fatBytes + ss - 1) / ss
                reserved = 1
                dirSectors = rootEntries * 32 / ss
            }
            let dataStart = reserved + fatSectors * numFATs + dirSectors
            if vol < dataStart + pau * 16 { return nil }
            clusters = (vol - reserved - fatSectors * numFATs - dirSectors) / pau
            if type == .fat32 && clusters <= FATLimits.maxFAT16Clusters {
                au = pau / 2
                if au != 0 { continue }
                return nil
            }
            if type == .fat16 {
                if clusters > FATLimits.maxFAT16Clusters {
                    if au == 0 && pau * 2 <= 64 { au = pau * 2; continue }
                    if au == 0 && pau * 2 <= 128 { au = pau * 2; continue }
                    return nil
                }
                if clusters <= FATLimits.maxFAT12Clusters {
                    if au == 0 && pau * 2 <= 128 { au = pau * 2; continue }
                    return nil
                }
            }
            if type == .fat12 && clusters > FATLimits.maxFAT12Clusters { return nil }
            return FATLayout(type: type, volumeStart: start, volumeSectors: vol, sectorsPerCluster: pau,
                             reservedSectors: reserved, fatSectors: fatSectors, rootDirSectors: dirSectors,
                             clusters: clusters, partitioned: partitioned)
        }
    }
}

extension FATFileSystem {
    /// Formats `device` as MicroPython's `VfsFat.mkfs` does. `clock` (local time in ns since
    /// 1970) gives the volume serial number, which FatFs takes from the current time.
    public static func format(_ device: any BlockDevice, clock: () -> Int64 = { 0 }) throws(StorageError) {
        let ss = device.blockSize
        guard ss >= 512, ss <= 4096, ss & (ss - 1) == 0 else { throw .io }
        guard let layout = FATLayout.choose(deviceSectors: device.blockCount, sectorSize: ss, allowFAT32Only: false)
            ?? FATLayout.choose(deviceSectors: device.blockCount, sectorSize: ss, allowFAT32Only: true)
        else { throw .io }   // FatFs's FR_MKFS_ABORTED
        try write(layout, to: device, serial: FATTime.pack(nanoseconds: clock()))
    }

    static func write(_ l: FATLayout, to device: any BlockDevice, serial: UInt32) throws(StorageError) {
        let ss = device.blockSize
        func put(_ sector: Int, _ b: [UInt8]) throws(StorageError) {
            try fatWithBytes(b) { (p) throws(StorageError) in try device.write(block: sector, offset: 0, from: p) }
        }
        // boot sector
        var b = [UInt8](repeating: 0, count: ss)
        let head: [UInt8] = [0xEB, 0xFE, 0x90] + Array("MSDOS5.0".utf8)
        for (i, v) in head.enumerated() { b[i] = v }
        fatStore16(&b, BPB.bytesPerSector, ss)
        b[BPB.sectorsPerCluster] = UInt8(l.sectorsPerCluster)
        fatStore16(&b, BPB.reservedSectors, l.reservedSectors)
        b[BPB.numFATs] = UInt8(FATLayout.numFATs)
        fatStore16(&b, BPB.rootEntries, l.type == .fat32 ? 0 : FATLayout.rootEntries)
        if l.volumeSectors < 0x10000 {
            fatStore16(&b, BPB.totalSectors16, l.volumeSectors)
        } else {
            fatStore32(&b, BPB.totalSectors32, l.volumeSectors)
        }
        b[BPB.media] = 0xF8
        fatStore16(&b, BPB.sectorsPerTrack, 63)
        fatStore16(&b, BPB.heads, 255)
        fatStore32(&b, BPB.hiddenSectors, l.volumeStart)
        let label = Array("NO NAME    ".utf8)
        if l.type == .fat32 {
            fatStore32(&b, BPB.volumeID32, Int(serial))
            fatStore32(&b, BPB.fatSize32, l.fatSectors)
            fatStore32(&b, BPB.rootCluster32, 2)
            fatStore16(&b, BPB.fsInfo32, 1)
            fatStore16(&b, BPB.backupBoot32, 6)
            b[BPB.driveNumber32] = 0x80
            b[BPB.bootSignature32] = 0x29
            for (i, v) in (label + Array("FAT32   ".utf8)).enumerated() { b[BPB.volumeLabel32 + i] = v }
        } else {
            fatStore32(&b, BPB.volumeID, Int(serial))
            fatStore16(&b, BPB.fatSize16, l.fatSectors)
            b[BPB.driveNumber] = 0x80
            b[BPB.bootSignature] = 0x29
            for (i, v) in (label + Array("FAT     ".utf8)).enumerated() { b[BPB.volumeLabel + i] = v }
        }
        fatStore16(&b, BPB.signature, 0xAA55)
        try put(l.volumeStart, b)
        if l.type == .fat32 {
            try put(l.volumeStart + 6, b)
            var f = [UInt8](repeating: 0, count: ss)
            fatStore32(&f, BPB.fsiLeadSig, BPB.fsiLeadValue)
            fatStore32(&f, BPB.fsiStrucSig, BPB.fsiStrucValue)
            fatStore32(&f, BPB.fsiFreeCount, l.clusters - 1)
            fatStore32(&f, BPB.fsiNextFree, 2)
            fatStore16(&f, BPB.signature, 0xAA55)
            try put(l.volumeStart + 7, f)
            try put(l.volumeStart + 1, f)
        }
        // FAT(s), then the root directory (FAT12/16 fixed area, or cluster 2 on FAT32)
        var sector = l.volumeStart + l.reservedSectors
        let zero = [UInt8](repeating: 0, count: ss)
        for _ in 0..<FATLayout.numFATs {
            var first = zero
            switch l.type {
            case .fat32:
                fatStore32(&first, 0, 0x0FFF_FFF8)
                first[3] = 0xFF
                fatStore32(&first, 4, 0xFFFF_FFFF)
                fatStore32(&first, 8, 0x0FFF_FFFF)
            case .fat16: fatStore32(&first, 0, 0xFFFF_FFF8)
            case .fat12: fatStore32(&first, 0, 0x00FF_FFF8)
            }
            try put(sector, first)
            sector += 1
            for _ in 1..<max(l.fatSectors, 1) { try put(sector, zero); sector += 1 }
        }
        let rootSectors = l.type == .fat32 ? l.sectorsPerCluster : l.rootDirSectors
        for _ in 0..<rootSectors { try put(sector, zero); sector += 1 }
        // partition table when the volume is not the whole device
        if l.partitioned {
            var m = [UInt8](repeating: 0, count: ss)
            fatStore16(&m, BPB.signature, 0xAA55)
            let e = BPB.partitionTable
            m[e + 1] = 1; m[e + 2] = 1; m[e + 3] = 0
            m[e + 4] = l.type == .fat32 ? 0x0C : (l.volumeSectors >= 0x10000 ? 0x06 : (l.type == .fat16 ? 0x04 : 0x01))
            let n = (l.volumeStart + l.volumeSectors) / (63 * 255)
            m[e + 5] = 254
            m[e + 6] = UInt8(truncatingIfNeeded: ((n >> 2) & 0xC0) | 63)
            m[e + 7] = UInt8(truncatingIfNeeded: n)
            fatStore32(&m, e + 8, l.volumeStart)
            fatStore32(&m, e + 12, l.volumeSectors)
            try put(0, m)
        }
        try device.sync()
    }
}
