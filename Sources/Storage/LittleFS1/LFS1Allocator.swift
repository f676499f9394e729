extension LittleFS1 {
    /// The block allocator's state. littlefs v1 keeps no free list: it scans a window of
    /// `lookahead` blocks at a time, marking the ones the filesystem tree uses, and hands out
    /// the unmarked ones in order. `acknowledged` counts the blocks that may still be scanned
    /// before the allocator must conclude that the disk is full; it is reset whenever the
    /// blocks handed out so far have become part of the tree.
    struct Lookahead {
        var start = 0
        var size = 0
        var index = 0
        var acknowledged = 0
        var used: [UInt32]

        init(bits: Int) {
            used = [UInt32](repeating: 0, count: bits / 32)
        }

        func isUsed(_ i: Int) -> Bool { used[i / 32] & (1 << UInt32(i % 32)) != 0 }
        mutating func markUsed(_ i: Int) { used[i / 32] |= 1 << UInt32(i % 32) }
        mutating func clear() { for i in used.indices { used[i] = 0 } }
    }

    func allocateBlock() throws(StorageError) -> UInt32 {
        while true {
            while lookahead.index < lookahead.size {
                let i = lookahead.index
                lookahead.index += 1
                lookahead.acknowledged -= 1
                if !lookahead.isUsed(i) {
                    let block = (lookahead.start + i) % blockCount
                    // move on to the next free block now, so the next acknowledgement
                    // does not count the used blocks in between
                    while lookahead.index < lookahead.size && lookahead.isUsed(lookahead.index) {
                        lookahead.index += 1
                        lookahead.acknowledged -= 1
                    }
                    return UInt32(block)
                }
            }
            // every block has been looked at since the last acknowledgement
            if lookahead.acknowledged <= 0 {
                throw StorageError.noSpace
            }
            lookahead.start = (lookahead.start + lookahead.size) % blockCount
            lookahead.size = min(lookaheadBits, lookahead.acknowledged)
            lookahead.index = 0
            lookahead.clear()
            let start = lookahead.start, size = lookahead.size, count = blockCount
            try traverse { (block: UInt32) throws(StorageError) in
                let i = ((Int(block) - start) % count + count) % count
                if i < size { self.lookahead.markUsed(i) }
            }
        }
    }

    /// Everything allocated so far is now reachable from the tree (or was given up).
    func acknowledgeAllocations() {
        lookahead.acknowledged = blockCount
    }
}
