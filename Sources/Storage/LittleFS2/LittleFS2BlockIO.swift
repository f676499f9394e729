// Cached block device access: reads go through a read cache (and see a pending program
// cache first), programs are gathered in a program cache and flushed in prog-size units.

extension LittleFS2 {
    @inline(__always) func alignDown(_ a: Int, _ b: Int) -> Int { a - a % b }
    @inline(__always) func alignUp(_ a: Int, _ b: Int) -> Int { alignDown(a + b - 1, b) }

    func bdRead(_ pcache: Cache?, _ rcache: Cache, hint: Int, block: UInt32, off: Int,
                into dst: UnsafeMutableRawBufferPointer) throws(StorageError) {
        var off = off
        var size = dst.count
        var pos = 0
        if off < 0 || off + size > blockSize || block >= blockCount32 { throw .corrupt }
        while size > 0 {
            var diff = size
            if let p = pcache, block == p.block, off < p.off + p.size {
                if off >= p.off {
                    diff = min(diff, p.size - (off - p.off))
                    p.buffer.withUnsafeBytes { src in
                        dst.baseAddress!.advanced(by: pos).copyMemory(from: src.baseAddress!.advanced(by: off - p.off), byteCount: diff)
                    }
                    pos += diff; off += diff; size -= diff
                    continue
                }
                diff = min(diff, p.off - off)
            }
            if block == rcache.block, off < rcache.off + rcache.size {
                if off >= rcache.off {
                    diff = min(diff, rcache.size - (off - rcache.off))
                    rcache.buffer.withUnsafeBytes { src in
                        dst.baseAddress!.advanced(by: pos).copyMemory(from: src.baseAddress!.advanced(by: off - rcache.off), byteCount: diff)
                    }
                    pos += diff; off += diff; size -= diff
                    continue
                }
                diff = min(diff, rcache.off - off)
            }
            if size >= hint && off % readSize == 0 && size >= readSize {
                // large aligned read: go around the cache
                diff = alignDown(diff, readSize)
                try device.read(block: Int(block), offset: off,
                                into: UnsafeMutableRawBufferPointer(rebasing: dst[pos..<pos + diff]))
                pos += diff; off += diff; size -= diff
                continue
            }
            rcache.block = block
            rcache.off = alignDown(off, readSize)
            rcache.size = min(min(alignUp(off + hint, readSize), blockSize) - rcache.off, cacheSize)
            let (b, o, s) = (rcache.block, rcache.off, rcache.size)
            do throws(StorageError) {
                try mutBytes(&rcache.buffer) { (buf) throws(StorageError) in
                    try device.read(block: Int(b), offset: o, into: UnsafeMutableRawBufferPointer(rebasing: buf[0..<s]))
                }
            } catch {
                rcache.drop()
                throw error
            }
        }
    }

    func bdReadBytes(_ pcache: Cache?, _ rcache: Cache, hint: Int, block: UInt32, off: Int, count: Int) throws(StorageError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try mutBytes(&out) { (b) throws(StorageError) in
            try bdRead(pcache, rcache, hint: hint, block: block, off: off, into: b)
        }
        return out
    }

    /// The word at `off` if the read cache holds it (and no pending program overlaps).
    @inline(__always)
    private func cachedWord(_ pcache: Cache?, _ rcache: Cache, block: UInt32, off: Int) -> (UInt8, UInt8, UInt8, UInt8)? {
        guard block == rcache.block, off >= rcache.off, off + 4 <= rcache.off + rcache.size,
              pcache == nil || pcache!.block != block else { return nil }
        let i = off - rcache.off
        return rcache.buffer.withUnsafeBufferPointer { b in (b[i], b[i + 1], b[i + 2], b[i + 3]) }
    }

    func bdReadLE32(_ pcache: Cache?, _ rcache: Cache, hint: Int, block: UInt32, off: Int) throws(StorageError) -> UInt32 {
        if let (a, b, c, d) = cachedWord(pcache, rcache, block: block, off: off) {
            return UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16 | UInt32(d) << 24
        }
        var v: UInt32 = 0
        try mutValueBytes(&v) { (b) throws(StorageError) in
            try bdRead(pcache, rcache, hint: hint, block: block, off: off, into: b)
        }
        return UInt32(littleEndian: v)
    }

    func bdReadBE32(_ rcache: Cache, hint: Int, block: UInt32, off: Int) throws(StorageError) -> UInt32 {
        if let (a, b, c, d) = cachedWord(nil, rcache, block: block, off: off) {
            return UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
        }
        var v: UInt32 = 0
        try mutValueBytes(&v) { (b) throws(StorageError) in
            try bdRead(nil, rcache, hint: hint, block: block, off: off, into: b)
        }
        return UInt32(bigEndian: v)
    }

    func bdCmp(_ pcache: Cache?, _ rcache: Cache, hint: Int, block: UInt32, off: Int,
               _ data: [UInt8], count: Int) throws(StorageError) -> Cmp {
        var i = 0
        var chunk = [UInt8](repeating: 0, count: 8)
        while i < count {
            let diff = min(count - i, 8)
            try mutBytes(&chunk) { (b) throws(StorageError) in
                try bdRead(pcache, rcache, hint: hint - i, block: block, off: off + i,
                           into: UnsafeMutableRawBufferPointer(rebasing: b[0..<diff]))
            }
            for j in 0..<diff where chunk[j] != data[i + j] {
                return chunk[j] < data[i + j] ? .lt : .gt
            }
            i += diff
        }
        return .eq
    }

    func bdCRC(_ pcache: Cache?, _ rcache: Cache, hint: Int, block: UInt32, off: Int, count: Int,
               _ crc: inout UInt32) throws(StorageError) {
        var i = 0
        var chunk = [UInt8](repeating: 0, count: 64)
        while i < count {
            let diff = min(count - i, 64)
            try mutBytes(&chunk) { (b) throws(StorageError) in
                try bdRead(pcache, rcache, hint: hint - i, block: block, off: off + i,
                           into: UnsafeMutableRawBufferPointer(rebasing: b[0..<diff]))
            }
            crc = chunk.withUnsafeBytes { LFS2CRC.update(crc, UnsafeRawBufferPointer(rebasing: $0[0..<diff])) }
            i += diff
        }
    }

    func bdFlush(_ pcache: Cache, _ rcache: Cache, validate: Bool) throws(StorageError) {
        guard pcache.block != lfsBlockNull && pcache.block != lfsBlockInline else { return }
        guard pcache.block < blockCount32 else { throw .corrupt }
        let diff = alignUp(pcache.size, progSize)
        let (b, o) = (pcache.block, pcache.off)
        try roBytes(pcache.buffer) { (buf) throws(StorageError) in
            try device.write(block: Int(b), offset: o, from: UnsafeRawBufferPointer(rebasing: buf[0..<diff]))
        }
        if validate {
            rcache.drop()
            let res = try bdCmp(nil, rcache, hint: diff, block: b, off: o, pcache.buffer, count: diff)
            if res != .eq { throw .corrupt }
        }
        pcache.zero()
    }

    func bdSync(_ pcache: Cache, _ rcache: Cache, validate: Bool) throws(StorageError) {
        rcache.drop()
        try bdFlush(pcache, rcache, validate: validate)
        try device.sync()
    }

    func bdProg(_ pcache: Cache, _ rcache: Cache, validate: Bool, block: UInt32, off: Int,
                _ src: UnsafeRawBufferPointer) throws(StorageError) {
        guard (block == lfsBlockInline || block < blockCount32), off >= 0, off + src.count <= blockSize else {
            throw .corrupt
        }
        var off = off
        var pos = 0
        var size = src.count
        while size > 0 {
            if block == pcache.block && off >= pcache.off && off < pcache.off + cacheSize {
                let diff = min(size, cacheSize - (off - pcache.off))
                let dstOff = off - pcache.off
                pcache.buffer.withUnsafeMutableBytes { dst in
                    dst.baseAddress!.advanced(by: dstOff).copyMemory(from: src.baseAddress!.advanced(by: pos), byteCount: diff)
                }
                pos += diff; off += diff; size -= diff
                pcache.size = max(pcache.size, off - pcache.off)
                if pcache.size == cacheSize {
                    try bdFlush(pcache, rcache, validate: validate)
                }
                continue
            }
            // the cache must have been flushed by now
            if pcache.block != lfsBlockNull { throw .corrupt }
            pcache.block = block
            pcache.off = alignDown(off, progSize)
            pcache.size = 0
        }
    }

    func bdProg(_ pcache: Cache, _ rcache: Cache, validate: Bool, block: UInt32, off: Int,
                bytes: [UInt8]) throws(StorageError) {
        try roBytes(bytes) { (b) throws(StorageError) in
            try bdProg(pcache, rcache, validate: validate, block: block, off: off, b)
        }
    }

    func bdErase(_ block: UInt32) throws(StorageError) {
        guard block < blockCount32 else { throw .corrupt }
        try device.erase(block: Int(block))
    }
}
