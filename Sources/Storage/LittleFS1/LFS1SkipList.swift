extension LittleFS1 {
    // A file's data is a backwards-linked "CTZ skip list": block n starts with ctz(n)+1
    // pointers, to blocks n-1, n-2, n-4, ... n-2^ctz(n); the head is the last block. Block 0
    // has no pointers. The file entry records the head block and the size.

    static func popcount(_ x: Int) -> Int { UInt32(truncatingIfNeeded: x).nonzeroBitCount }
    static func trailingZeros(_ x: Int) -> Int { UInt32(truncatingIfNeeded: x).trailingZeroBitCount }
    /// Bits needed to count to `x` (log2 rounded up).
    static func log2Ceiling(_ x: Int) -> Int {
        x <= 1 ? 0 : 32 - UInt32(truncatingIfNeeded: x - 1).leadingZeroBitCount
    }

    /// The index of the block holding byte `position` of a file, and the offset in that block.
    func skipListIndex(_ position: Int) -> (index: Int, offset: Int) {
        let b = blockSize - 2 * 4
        var i = position / b
        if i == 0 { return (0, position) }
        i = (position - 4 * (LittleFS1.popcount(i - 1) + 2)) / b
        return (i, position - b * i - 4 * LittleFS1.popcount(i))
    }

    private func validDataBlock(_ block: UInt32) throws(StorageError) -> UInt32 {
        guard block >= 2, Int(block) < blockCount else { throw LittleFS1.corrupt }
        return block
    }

    /// Finds the block and offset of byte `position` of the file (`head`, `size`).
    func skipListFind(_ rcache: Cache, _ pcache: Cache?, head: UInt32, size: Int,
                      position: Int) throws(StorageError) -> (block: UInt32, offset: Int) {
        if size == 0 { return (LittleFS1.noBlock, 0) }
        var current = skipListIndex(size - 1).index
        let (target, offset) = skipListIndex(position)
        var block = head
        while current > target {
            let skip = min(LittleFS1.log2Ceiling(current - target + 1) - 1, LittleFS1.trailingZeros(current))
            let bytes = try cacheRead(rcache, pcache, block, 4 * skip, count: 4)
            block = try validDataBlock(LittleFS1.readLE32(bytes, 0))
            current -= 1 << skip
        }
        return (block, offset)
    }

    /// Starts a new block for a file whose first `size` bytes end in `head`: a copy of the
    /// partly filled last block, or a block pointing back into the list. Returns the new block
    /// and the offset where data continues.
    func skipListExtend(_ rcache: Cache, _ pcache: Cache, head: UInt32, size: Int) throws(StorageError)
        -> (block: UInt32, offset: Int) {
        while true {
            let newBlock = try allocateBlock()
            guard newBlock >= 2 else { throw LittleFS1.corrupt }
            var result: (UInt32, Int) = (newBlock, 0)
            var readError: StorageError?
            let done: Bool
            do throws(StorageError) {
                try erase(newBlock)
                if size == 0 {
                    return (newBlock, 0)
                }
                let last = skipListIndex(size - 1)
                let used = last.offset + 1
                if used != blockSize {
                    // the last block is not full: copy what it holds
                    var copied = 0
                    while copied < used {
                        let n = min(64, used - copied)
                        let bytes: [UInt8]
                        do throws(StorageError) {
                            bytes = try cacheRead(rcache, nil, head, copied, count: n)
                        } catch {
                            readError = error
                            break
                        }
                        try cacheProgram(pcache, rcache, newBlock, copied, bytes)
                        copied += n
                    }
                    result = (newBlock, used)
                } else {
                    // a full block: link the new one in
                    let index = last.index + 1
                    let skips = LittleFS1.trailingZeros(index) + 1
                    var pointer = head
                    for i in 0..<skips {
                        var bytes = [UInt8]()
                        LittleFS1.appendLE32(&bytes, pointer)
                        try cacheProgram(pcache, rcache, newBlock, 4 * i, bytes)
                        if i != skips - 1 {
                            do throws(StorageError) {
                                pointer = try validDataBlock(LittleFS1.readLE32(try cacheRead(rcache, nil, pointer, 4 * i, count: 4), 0))
                            } catch {
                                readError = error
                                break
                            }
                        }
                    }
                    result = (newBlock, 4 * skips)
                }
                done = true
            } catch {
                if error != LittleFS1.corrupt { throw error }
                done = false
            }
            if let readError { throw readError }
            if done { return result }
            // bad block: forget what was meant for it and take another
            pcache.drop()
        }
    }

    /// Calls `visit` for every block of the file (`head`, `size`).
    func skipListTraverse(_ rcache: Cache, _ pcache: Cache?, head: UInt32, size: Int,
                          _ visit: (UInt32) throws(StorageError) -> Void) throws(StorageError) {
        if size == 0 { return }
        var index = skipListIndex(size - 1).index
        // a file cannot have more blocks than the device
        if index >= blockCount { throw LittleFS1.corrupt }
        var block = head
        while true {
            try visit(block)
            if index == 0 { return }
            // odd indexes have one pointer, even ones at least two: take both when we can
            let count = 2 - (index & 1)
            let bytes = try cacheRead(rcache, pcache, block, 0, count: 4 * count)
            if count == 2 {
                try visit(LittleFS1.readLE32(bytes, 0))
            }
            block = LittleFS1.readLE32(bytes, 4 * (count - 1))
            index -= count
        }
    }
}
