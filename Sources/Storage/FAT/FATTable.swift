// The mounted volume's shared state, and the file allocation table: reading and writing
// entries, allocating and freeing cluster chains, counting free clusters.

final class FATVolume {
    let device: any BlockDevice
    let geo: FATGeometry
    let cache: FATSectorCache
    let clock: () -> Int64
    /// Free cluster count when known (from FSInfo, or counted).
    var freeCount: Int?
    /// The most recently allocated cluster: where the search for a free one starts.
    var lastAllocated: UInt32
    /// FSInfo needs rewriting at the next sync.
    var fsInfoDirty = false

    init(device: any BlockDevice, geometry g: FATGeometry, clock: @escaping () -> Int64) {
        self.device = device
        geo = g
        self.clock = clock
        cache = FATSectorCache(device: device, sectorSize: g.sectorSize, slots: 1)
        cache.mirrorStart = g.fatStart
        cache.mirrorCount = g.fatSectors
        cache.mirrorCopies = g.numFATs
        lastAllocated = 0
        if let f = g.fsInfoFree, Int(f) <= g.clusterCount { freeCount = Int(f) }
        if let n = g.fsInfoNext, n >= 2, n < g.entryCount { lastAllocated = n }
    }

    /// Marker written for the end of a chain.
    var endOfChain: UInt32 {
        switch geo.type { case .fat12: 0xFFF; case .fat16: 0xFFFF; case .fat32: 0x0FFF_FFFF }
    }

    /// True when `c` names a data cluster of this volume.
    @inline(__always) func isCluster(_ c: UInt32) -> Bool { c >= 2 && c < geo.entryCount }

    /// The FAT entry of cluster `c` (2 ..< entryCount). Values >= entryCount mean end of chain.
    func entry(_ c: UInt32) throws(StorageError) -> UInt32 {
        guard isCluster(c) else { throw .io }
        let ss = geo.sectorSize
        switch geo.type {
        case .fat12:
            let off = Int(c) + Int(c) / 2
            let lo = try cache.byte(geo.fatStart + off / ss, off % ss)
            let hi = try cache.byte(geo.fatStart + (off + 1) / ss, (off + 1) % ss)
            let v = UInt32(lo) | UInt32(hi) << 8
            return c & 1 == 1 ? v >> 4 : v & 0xFFF
        case .fat16:
            let off = Int(c) * 2
            let s = try cache.slot(geo.fatStart + off / ss)
            let o = off % ss
            return UInt32(cache.data[s][o]) | UInt32(cache.data[s][o + 1]) << 8
        case .fat32:
            let off = Int(c) * 4
            let s = try cache.slot(geo.fatStart + off / ss)
            let o = off % ss
            let d = cache.data[s]
            return (UInt32(d[o]) | UInt32(d[o + 1]) << 8 | UInt32(d[o + 2]) << 16 | UInt32(d[o + 3]) << 24) & 0x0FFF_FFFF
        }
    }

    func setEntry(_ c: UInt32, _ value: UInt32) throws(StorageError) {
        guard isCluster(c) else { throw .io }
        let ss = geo.sectorSize
        switch geo.type {
        case .fat12:
            let off = Int(c) + Int(c) / 2
            let s0 = geo.fatStart + off / ss, s1 = geo.fatStart + (off + 1) / ss
            let v = value & 0xFFF
            if c & 1 == 1 {
                let lo = try cache.byte(s0, off % ss)
                try cache.setByte(s0, off % ss, (lo & 0x0F) | UInt8((v & 0x0F) << 4))
                try cache.setByte(s1, (off + 1) % ss, UInt8(v >> 4))
            } else {
                try cache.setByte(s0, off % ss, UInt8(v & 0xFF))
                let hi = try cache.byte(s1, (off + 1) % ss)
                try cache.setByte(s1, (off + 1) % ss, (hi & 0xF0) | UInt8(v >> 8))
            }
        case .fat16:
            let off = Int(c) * 2
            let s = try cache.slot(geo.fatStart + off / ss)
            let o = off % ss
            cache.data[s][o] = UInt8(value & 0xFF)
            cache.data[s][o + 1] = UInt8((value >> 8) & 0xFF)
            cache.markDirty(s)
        case .fat32:
            let off = Int(c) * 4
            let s = try cache.slot(geo.fatStart + off / ss)
            let o = off % ss
            let v = (value & 0x0FFF_FFFF) | (UInt32(cache.data[s][o + 3] & 0xF0) << 24)
            cache.data[s][o] = UInt8(v & 0xFF)
            cache.data[s][o + 1] = UInt8((v >> 8) & 0xFF)
            cache.data[s][o + 2] = UInt8((v >> 16) & 0xFF)
            cache.data[s][o + 3] = UInt8(v >> 24)
            cache.markDirty(s)
        }
    }

    /// The cluster after `c` in its chain, or nil at the end. A free or reserved link is corruption.
    func next(_ c: UInt32) throws(StorageError) -> UInt32? {
        let v = try entry(c)
        if v < 2 { throw .io }
        return v >= geo.entryCount ? nil : v
    }

    /// Counts free clusters by scanning the FAT (once; kept up to date afterwards).
    func freeClusters() throws(StorageError) -> Int {
        if let f = freeCount { return f }
        var n = 0
        var c: UInt32 = 2
        while c < geo.entryCount {
            if try entry(c) == 0 { n += 1 }
            c += 1
        }
        freeCount = n
        if geo.type == .fat32 { fsInfoDirty = true }
        return n
    }

    /// Allocates a free cluster, marks it as the end of a chain and links it after `previous`
    /// (when given). Returns nil when the volume is full.
    func allocate(after previous: UInt32?) throws(StorageError) -> UInt32? {
        if freeCount == 0 { return nil }
        let n = geo.entryCount
        var found: UInt32 = 0
        if let p = previous {
            var candidate = p + 1
            if candidate >= n { candidate = 2 }
            if try entry(candidate) == 0 { found = candidate }
        }
        if found == 0 {
            var start = lastAllocated
            if start < 2 || start >= n { start = 1 }
            var c = start
            while true {
                c += 1
                if c >= n {
                    c = 2
                    if c > start { return nil }
                }
                if try entry(c) == 0 { found = c; break }
                if c == start { return nil }
            }
        }
        try setEntry(found, endOfChain)
        if let p = previous { try setEntry(p, found) }
        lastAllocated = found
        if let f = freeCount { freeCount = f - 1 }
        if geo.type == .fat32 { fsInfoDirty = true }
        return found
    }

    /// Frees the chain starting at `start`.
    func freeChain(_ start: UInt32) throws(StorageError) {
        var c = start
        var steps = 0
        while isCluster(c) {
            let v = try entry(c)
            if v == 0 { break }          // already free: a damaged chain, stop here
            if v == 1 { throw .io }
            try setEntry(c, 0)
            if let f = freeCount, f < geo.clusterCount {
                freeCount = f + 1
                if geo.type == .fat32 { fsInfoDirty = true }
            }
            steps += 1
            if steps > geo.clusterCount { throw .io }
            c = v
        }
    }

    /// Writes back the cache and, on FAT32, the FSInfo sector; then syncs the device.
    func flush() throws(StorageError) {
        try cache.flush()
        if fsInfoDirty, let fsi = geo.fsInfoSector {
            var b = [UInt8](repeating: 0, count: geo.sectorSize)
            fatStore32(&b, BPB.fsiLeadSig, BPB.fsiLeadValue)
            fatStore32(&b, BPB.fsiStrucSig, BPB.fsiStrucValue)
            fatStore32(&b, BPB.fsiFreeCount, freeCount ?? 0xFFFF_FFFF)
            fatStore32(&b, BPB.fsiNextFree, lastAllocated == 0 ? 0xFFFF_FFFF : Int(lastAllocated))
            fatStore16(&b, BPB.signature, 0xAA55)
            try fatWithBytes(b) { (p) throws(StorageError) in try cache.writeDirect(fsi, 1, from: p) }
            fsInfoDirty = false
        }
        try device.sync()
    }

    /// Zero-fills a whole cluster.
    func clearCluster(_ c: UInt32) throws(StorageError) {
        let z = [UInt8](repeating: 0, count: geo.clusterBytes)
        try fatWithBytes(z) { (p) throws(StorageError) in
            try cache.writeDirect(geo.firstSector(ofCluster: c), geo.sectorsPerCluster, from: p)
        }
    }

    /// The current time as a FAT date (high 16 bits) and time (low 16 bits).
    func now() -> UInt32 { FATTime.pack(nanoseconds: clock()) }
}
