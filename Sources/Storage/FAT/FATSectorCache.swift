// A small write-back cache of whole sectors for FAT and directory traffic. File data of whole
// sectors bypasses it (readDirect/writeDirect keep cached copies coherent).

final class FATSectorCache {
    let device: any BlockDevice
    let sectorSize: Int
    /// Sectors of the first FAT, copied to the other FATs when written back.
    var mirrorStart = 0, mirrorCount = 0, mirrorCopies = 1

    private(set) var sectors: [Int]
    var data: [[UInt8]]
    private var dirty: [Bool]
    private var used: [UInt64]
    private var tick: UInt64 = 0
    private var lastSlot = 0

    init(device: any BlockDevice, sectorSize: Int, slots: Int = 16) {
        self.device = device
        self.sectorSize = sectorSize
        sectors = [Int](repeating: -1, count: slots)
        data = [[UInt8]](repeating: [UInt8](repeating: 0, count: sectorSize), count: slots)
        dirty = [Bool](repeating: false, count: slots)
        used = [UInt64](repeating: 0, count: slots)
    }

    /// The slot holding `sector`, loading it (or zero-filling it when `load` is false).
    func slot(_ sector: Int, load: Bool = true) throws(StorageError) -> Int {
        if sectors[lastSlot] == sector { tick &+= 1; used[lastSlot] = tick; return lastSlot }
        var victim = 0
        for i in 0..<sectors.count {
            if sectors[i] == sector { lastSlot = i; tick &+= 1; used[i] = tick; return i }
            if used[i] < used[victim] { victim = i }
        }
        guard sector >= 0, sector < device.blockCount else { throw .io }
        try writeBack(victim)
        sectors[victim] = -1
        if load {
            try fatWithMutableBytes(&data[victim]) { (p) throws(StorageError) in
                try device.read(block: sector, offset: 0, into: p)
            }
        } else {
            for i in 0..<sectorSize { data[victim][i] = 0 }
        }
        sectors[victim] = sector
        tick &+= 1; used[victim] = tick
        lastSlot = victim
        return victim
    }

    @inline(__always) func markDirty(_ slot: Int) { dirty[slot] = true }

    func byte(_ sector: Int, _ offset: Int) throws(StorageError) -> UInt8 {
        let s = try slot(sector)
        return data[s][offset]
    }

    func setByte(_ sector: Int, _ offset: Int, _ value: UInt8) throws(StorageError) {
        let s = try slot(sector)
        data[s][offset] = value
        dirty[s] = true
    }

    func bytes(_ sector: Int, _ offset: Int, _ count: Int) throws(StorageError) -> [UInt8] {
        let s = try slot(sector)
        return Array(data[s][offset..<offset + count])
    }

    func setBytes(_ sector: Int, _ offset: Int, _ bytes: [UInt8]) throws(StorageError) {
        let s = try slot(sector)
        for i in 0..<bytes.count { data[s][offset + i] = bytes[i] }
        dirty[s] = true
    }

    private func writeBack(_ i: Int) throws(StorageError) {
        guard dirty[i], sectors[i] >= 0 else { return }
        let sector = sectors[i]
        try fatWithBytes(data[i]) { (p) throws(StorageError) in
            try device.write(block: sector, offset: 0, from: p)
            if sector >= mirrorStart && sector < mirrorStart + mirrorCount {
                for k in 1..<max(mirrorCopies, 1) {
                    try device.write(block: sector + k * mirrorCount, offset: 0, from: p)
                }
            }
        }
        dirty[i] = false
    }

    /// Writes every dirty sector back to the device.
    func flush() throws(StorageError) {
        for i in 0..<sectors.count { try writeBack(i) }
    }

    /// Reads `count` whole sectors straight from the device, seeing any cached (dirty) copies.
    func readDirect(_ sector: Int, _ count: Int, into p: UnsafeMutableRawBufferPointer) throws(StorageError) {
        try device.read(block: sector, offset: 0, into: p)
        for i in 0..<sectors.count where sectors[i] >= sector && sectors[i] < sector + count && dirty[i] {
            let at = (sectors[i] - sector) * sectorSize
            data[i].withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(rebasing: p[at..<at + sectorSize]).copyMemory(from: src)
            }
        }
    }

    /// Writes `count` whole sectors straight to the device, replacing any cached copies.
    func writeDirect(_ sector: Int, _ count: Int, from p: UnsafeRawBufferPointer) throws(StorageError) {
        try device.write(block: sector, offset: 0, from: p)
        for i in 0..<sectors.count where sectors[i] >= sector && sectors[i] < sector + count {
            let at = (sectors[i] - sector) * sectorSize
            data[i].withUnsafeMutableBytes { dst in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: p[at..<at + sectorSize]))
            }
            dirty[i] = false
        }
    }
}
