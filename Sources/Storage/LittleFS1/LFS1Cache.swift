extension LittleFS1 {
    /// A window onto part of one block. Used as a read cache (`readSize` bytes) or as a program
    /// cache collecting writes until `progSize` bytes can be programmed at once.
    final class Cache {
        var block: UInt32 = noBlock
        var offset = 0
        var buffer: [UInt8]

        init(size: Int) {
            buffer = [UInt8](repeating: 0xFF, count: size)
        }

        /// Forgets what the cache holds (the bytes stay, but are no longer valid).
        func drop() { block = noBlock }

        /// Empties a program cache, erasing its bytes so nothing stale can be written out.
        func reset() {
            for i in buffer.indices { buffer[i] = 0xFF }
            block = noBlock
        }

        func copyState(from other: Cache) {
            for i in 0..<min(buffer.count, other.buffer.count) { buffer[i] = other.buffer[i] }
            block = other.block
            offset = other.offset
        }
    }
}

// Block device access through the caches. Every access is range-checked: metadata read from a
// corrupt image can name any block, and that must end in an error rather than a trap.
extension LittleFS1 {
    private func checkRead(_ block: UInt32, _ offset: Int, _ count: Int) throws(StorageError) {
        guard Int(block) < blockCount, offset >= 0, count >= 0, offset + count <= blockSize else {
            throw LittleFS1.corrupt
        }
    }

    private func checkWrite(_ block: UInt32, _ offset: Int, _ count: Int) throws(StorageError) {
        guard Int(block) < blockCount, offset >= 0, count >= 0, offset + count <= blockSize else {
            throw StorageError.invalid
        }
    }

    func deviceRead(_ block: UInt32, _ offset: Int, _ dst: UnsafeMutableRawBufferPointer) throws(StorageError) {
        try checkRead(block, offset, dst.count)
        if dst.count == 0 { return }
        try device.read(block: Int(block), offset: offset, into: dst)
    }

    func deviceProgram(_ block: UInt32, _ offset: Int, _ src: UnsafeRawBufferPointer) throws(StorageError) {
        try checkWrite(block, offset, src.count)
        if src.count == 0 { return }
        try device.write(block: Int(block), offset: offset, from: src)
    }

    /// Reads through `rcache`, looking first in `pcache` (data not yet programmed).
    func cacheRead(_ rcache: Cache, _ pcache: Cache?, _ block: UInt32, _ offset: Int,
                   _ dst: UnsafeMutableRawBufferPointer) throws(StorageError) {
        try checkRead(block, offset, dst.count)
        var off = offset
        var done = 0
        var remaining = dst.count
        while remaining > 0 {
            if let p = pcache, p.block == block, off >= p.offset, off < p.offset + progSize {
                let n = min(remaining, progSize - (off - p.offset))
                let start = off - p.offset
                p.buffer.withUnsafeBytes { src in
                    (dst.baseAddress! + done).copyMemory(from: src.baseAddress! + start, byteCount: n)
                }
                off += n; done += n; remaining -= n
                continue
            }
            if rcache.block == block, off >= rcache.offset, off < rcache.offset + readSize {
                let n = min(remaining, readSize - (off - rcache.offset))
                let start = off - rcache.offset
                rcache.buffer.withUnsafeBytes { src in
                    (dst.baseAddress! + done).copyMemory(from: src.baseAddress! + start, byteCount: n)
                }
                off += n; done += n; remaining -= n
                continue
            }
            if off % readSize == 0, remaining >= readSize {
                // whole read units go straight to the caller
                let n = remaining - remaining % readSize
                try deviceRead(block, off, UnsafeMutableRawBufferPointer(rebasing: dst[done..<done + n]))
                off += n; done += n; remaining -= n
                continue
            }
            // fill the read cache; the cache only becomes valid once the read succeeded
            let start = off - off % readSize
            rcache.block = LittleFS1.noBlock
            let size = readSize
            var failure: StorageError?
            rcache.buffer.withUnsafeMutableBytes { buf in
                do throws(StorageError) {
                    try deviceRead(block, start, UnsafeMutableRawBufferPointer(rebasing: buf[0..<size]))
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            rcache.block = block
            rcache.offset = start
        }
    }

    func cacheRead(_ rcache: Cache, _ pcache: Cache?, _ block: UInt32, _ offset: Int,
                   count: Int) throws(StorageError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var failure: StorageError?
        out.withUnsafeMutableBytes { dst in
            do throws(StorageError) { try cacheRead(rcache, pcache, block, offset, dst) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    /// Compares stored bytes with `data`.
    func cacheMatches(_ rcache: Cache, _ pcache: Cache?, _ block: UInt32, _ offset: Int,
                      _ data: UnsafeRawBufferPointer) throws(StorageError) -> Bool {
        var checked = 0
        while checked < data.count {
            let n = min(64, data.count - checked)
            let stored = try cacheRead(rcache, pcache, block, offset + checked, count: n)
            for i in 0..<n where stored[i] != data[checked + i] { return false }
            checked += n
        }
        return true
    }

    /// Folds `count` stored bytes into `crc`.
    func cacheChecksum(_ rcache: Cache, _ pcache: Cache?, _ block: UInt32, _ offset: Int, _ count: Int,
                       _ crc: inout Checksum) throws(StorageError) {
        var done = 0
        while done < count {
            let n = min(64, count - done)
            let bytes = try cacheRead(rcache, pcache, block, offset + done, count: n)
            crc.update(bytes)
            done += n
        }
    }

    /// Programs what a program cache holds; with `rcache`, reads it back to verify it.
    func cacheFlush(_ pcache: Cache, _ rcache: Cache?) throws(StorageError) {
        guard pcache.block != LittleFS1.noBlock else { return }
        let size = progSize
        var failure: StorageError?
        var verified = true
        pcache.buffer.withUnsafeBytes { buf in
            let chunk = UnsafeRawBufferPointer(rebasing: buf[0..<size])
            do throws(StorageError) {
                try deviceProgram(pcache.block, pcache.offset, chunk)
                if let rcache {
                    verified = try cacheMatches(rcache, nil, pcache.block, pcache.offset, chunk)
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if !verified { throw LittleFS1.corrupt }
        pcache.reset()
    }

    /// Programs through a program cache, flushing it whenever a program unit is complete.
    func cacheProgram(_ pcache: Cache, _ rcache: Cache?, _ block: UInt32, _ offset: Int,
                      _ src: UnsafeRawBufferPointer) throws(StorageError) {
        try checkWrite(block, offset, src.count)
        var off = offset
        var done = 0
        var remaining = src.count
        while remaining > 0 {
            if pcache.block == block, off >= pcache.offset, off < pcache.offset + progSize {
                let n = min(remaining, progSize - (off - pcache.offset))
                let start = off - pcache.offset
                pcache.buffer.withUnsafeMutableBytes { buf in
                    (buf.baseAddress! + start).copyMemory(from: src.baseAddress! + done, byteCount: n)
                }
                off += n; done += n; remaining -= n
                if off % progSize == 0 {
                    try cacheFlush(pcache, rcache)
                }
                continue
            }
            // a program cache for another place should already be written out; never lose it
            if pcache.block != LittleFS1.noBlock {
                try cacheFlush(pcache, rcache)
            }
            if off % progSize == 0, remaining >= progSize {
                // whole program units go straight to the device
                let n = remaining - remaining % progSize
                let part = UnsafeRawBufferPointer(rebasing: src[done..<done + n])
                try deviceProgram(block, off, part)
                if let rcache, try !cacheMatches(rcache, nil, block, off, part) {
                    throw LittleFS1.corrupt
                }
                off += n; done += n; remaining -= n
                continue
            }
            pcache.block = block
            pcache.offset = off - off % progSize
        }
    }

    func cacheProgram(_ pcache: Cache, _ rcache: Cache?, _ block: UInt32, _ offset: Int,
                      _ bytes: [UInt8]) throws(StorageError) {
        var failure: StorageError?
        bytes.withUnsafeBytes { src in
            do throws(StorageError) { try cacheProgram(pcache, rcache, block, offset, src) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    // The plain block operations go through the filesystem's own caches.

    func read(_ block: UInt32, _ offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        try cacheRead(readCache, nil, block, offset, count: count)
    }

    func program(_ block: UInt32, _ offset: Int, _ bytes: [UInt8]) throws(StorageError) {
        try cacheProgram(programCache, nil, block, offset, bytes)
    }

    func matches(_ block: UInt32, _ offset: Int, _ bytes: ArraySlice<UInt8>) throws(StorageError) -> Bool {
        var result = false
        var failure: StorageError?
        bytes.withUnsafeBytes { data in
            do throws(StorageError) { result = try cacheMatches(readCache, nil, block, offset, data) } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }

    func checksum(_ block: UInt32, _ offset: Int, _ count: Int, _ crc: inout Checksum) throws(StorageError) {
        try cacheChecksum(readCache, nil, block, offset, count, &crc)
    }

    func erase(_ block: UInt32) throws(StorageError) {
        try checkWrite(block, 0, 0)
        // a read cache must never show what the block held before
        if readCache.block == block { readCache.drop() }
        try device.erase(block: Int(block))
    }

    func syncDevice() throws(StorageError) {
        readCache.drop()
        try cacheFlush(programCache, nil)
        try device.sync()
    }
}
