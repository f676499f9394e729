// An open file: position, size and cluster chain of one directory entry.

final class FATFile: OpenFile {
    let vol: FATVolume
    let readable: Bool
    let writable: Bool
    /// Where the short directory entry lives.
    let entrySector: Int
    let entryOffset: Int
    private var firstCluster: UInt32
    private var fileSize: Int
    private var pos = 0
    /// Cache of the chain walk: cluster number `curCluster` is the `curIndex`-th of the file.
    private var curIndex = -1
    private var curCluster: UInt32 = 0
    private var modified: Bool
    private var closed = false
    public var mtime: Int64?

    static let maxSize = 0xFFFF_FFFF

    init(volume: FATVolume, item: DirItem, readable: Bool, writable: Bool, created: Bool) {
        vol = volume
        self.readable = readable
        self.writable = writable
        entrySector = item.sector
        entryOffset = item.byteOffset
        firstCluster = item.firstCluster
        fileSize = item.size
        modified = created
    }

    public var position: Int { pos }

    private func check() throws(StorageError) { if closed { throw .badFile } }

    public func size() throws(StorageError) -> Int { try check(); return fileSize }

    /// The `index`-th cluster of the file, allocating (when `grow`) up to it.
    /// Returns nil when the chain ends (or the volume is full while growing).
    private func cluster(at index: Int, grow: Bool) throws(StorageError) -> UInt32? {
        if firstCluster == 0 {
            guard grow else { return nil }
            guard let c = try vol.allocate(after: nil) else { return nil }
            firstCluster = c
            modified = true
            curIndex = 0; curCluster = c
        }
        guard vol.isCluster(firstCluster) else { throw .io }
        if curIndex < 0 || index < curIndex { curIndex = 0; curCluster = firstCluster }
        while curIndex < index {
            if let n = try vol.next(curCluster) {
                curCluster = n
            } else {
                guard grow, let n = try vol.allocate(after: curCluster) else { return nil }
                curCluster = n
            }
            curIndex += 1
            if curIndex > vol.geo.clusterCount { throw .io }
        }
        return curCluster
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
        try check()
        guard readable else { throw StorageError(errno: 13) }
        let total = min(buffer.count, max(fileSize - pos, 0))
        let cb = vol.geo.clusterBytes, ss = vol.geo.sectorSize
        var done = 0
        while done < total {
            guard let c = try cluster(at: pos / cb, grow: false) else { throw .io }
            let inCluster = pos % cb
            let sector = vol.geo.firstSector(ofCluster: c) + inCluster / ss
            let inSector = pos % ss
            let want = total - done
            var n: Int
            if inSector == 0 && want >= ss {
                let sectors = min(want / ss, vol.geo.sectorsPerCluster - inCluster / ss)
                n = sectors * ss
                try vol.cache.readDirect(sector, sectors, into: UnsafeMutableRawBufferPointer(rebasing: buffer[done..<done + n]))
            } else {
                n = min(ss - inSector, want)
                let s = try vol.cache.slot(sector)
                vol.cache.data[s].withUnsafeBytes { src in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[done..<done + n])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: src[inSector..<inSector + n]))
                }
            }
            done += n; pos += n
        }
        return done
    }

    public func write(from buffer: UnsafeRawBufferPointer) throws(StorageError) -> Int {
        try check()
        guard writable else { throw StorageError(errno: 13) }
        if pos > fileSize { try fill(to: pos) }
        return try put(buffer)
    }

    /// Writes at the position; on a full volume writes what fits and throws ENOSPC.
    private func put(_ buffer: UnsafeRawBufferPointer) throws(StorageError) -> Int {
        let cb = vol.geo.clusterBytes, ss = vol.geo.sectorSize
        let total = min(buffer.count, FATFile.maxSize - pos)
        var done = 0
        defer {
            if done > 0 { modified = true }
            if pos > fileSize { fileSize = pos }
        }
        while done < total {
            guard let c = try cluster(at: pos / cb, grow: true) else { break }
            let inCluster = pos % cb
            let sector = vol.geo.firstSector(ofCluster: c) + inCluster / ss
            let inSector = pos % ss
            let want = total - done
            var n: Int
            if inSector == 0 && want >= ss {
                let sectors = min(want / ss, vol.geo.sectorsPerCluster - inCluster / ss)
                n = sectors * ss
                try vol.cache.writeDirect(sector, sectors, from: UnsafeRawBufferPointer(rebasing: buffer[done..<done + n]))
            } else {
                n = min(ss - inSector, want)
                // a sector wholly past the end of the file need not be read first
                let fresh = pos - inSector >= fileSize
                let s = try vol.cache.slot(sector, load: !fresh)
                vol.cache.data[s].withUnsafeMutableBytes { dst in
                    UnsafeMutableRawBufferPointer(rebasing: dst[inSector..<inSector + n])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[done..<done + n]))
                }
                vol.cache.markDirty(s)
            }
            done += n; pos += n
            if pos > fileSize { fileSize = pos }
        }
        if done < buffer.count { throw .noSpace }
        return done
    }

    /// Extends the file with zeros up to `size` (keeping the position).
    private func fill(to size: Int) throws(StorageError) {
        let keep = pos
        pos = fileSize
        let zeros = [UInt8](repeating: 0, count: min(size - fileSize, 1 << 16))
        defer { pos = keep }
        while fileSize < size {
            let n = min(zeros.count, size - fileSize)
            _ = try fatWithBytes(zeros) { (p) throws(StorageError) in
                try put(UnsafeRawBufferPointer(rebasing: p[0..<n]))
            }
        }
    }

    public func seek(_ offset: Int, from origin: SeekOrigin) throws(StorageError) -> Int {
        try check()
        var target: Int
        switch origin {
        case .start: target = offset
        case .current: target = pos + offset
        case .end: target = fileSize + offset
        }
        guard target >= 0 else { throw .invalid }
        target = min(target, FATFile.maxSize)
        if target > fileSize {
            if writable {
                // FatFs grows a file opened for writing when seeking past its end; on a full
                // volume it stops, without an error, at the end of the last cluster it got
                do throws(StorageError) {
                    try fill(to: target)
                } catch where error == .noSpace {
                    target = fileSize
                }
            } else {
                target = fileSize
            }
        }
        pos = target
        return pos
    }

    public func truncate(to size: Int) throws(StorageError) {
        try check()
        guard writable else { throw StorageError(errno: 13) }
        guard size >= 0 else { throw .invalid }
        if size > fileSize { try fill(to: min(size, FATFile.maxSize)); return }
        if size == fileSize { return }
        let cb = vol.geo.clusterBytes
        if size == 0 {
            if vol.isCluster(firstCluster) { try vol.freeChain(firstCluster) }
            firstCluster = 0
        } else if firstCluster != 0 {
            let keep = (size - 1) / cb
            guard let last = try cluster(at: keep, grow: false) else { throw .io }
            if let rest = try vol.next(last) {
                try vol.setEntry(last, vol.endOfChain)
                try vol.freeChain(rest)
            }
        }
        curIndex = -1
        fileSize = size
        modified = true
    }

    public func sync() throws(StorageError) {
        try check()
        try commit()
    }

    private func commit() throws(StorageError) {
        if modified {
            var e = try vol.cache.bytes(entrySector, entryOffset, DirEntry.size)
            e[DirEntry.attr] |= DirEntry.archive
            vol.setCluster(&e, firstCluster)
            fatStore32(&e, DirEntry.fileSize, fileSize)
            let stamp = mtime.map { FATTime.pack(nanoseconds: $0) } ?? vol.now()
            fatStore16(&e, DirEntry.modTime, Int(stamp & 0xFFFF))
            fatStore16(&e, DirEntry.modDate, Int(stamp >> 16))
            fatStore16(&e, DirEntry.accessDate, 0)
            try vol.cache.setBytes(entrySector, entryOffset, e)
            modified = false
        }
        try vol.flush()
    }

    public func close() throws(StorageError) {
        if closed { return }
        closed = true
        try commit()
    }
}
