// Block allocation: a bitmap ("lookahead") over a window of blocks is filled by walking
// the whole filesystem; free blocks are handed out from it in order, and the window
// moves on when it is used up. A checkpoint bounds how far the allocator may scan
// before it reports the volume full.

extension LittleFS2 {
    func allocCheckpoint() { lookahead.ckpoint = blockCount32 }

    func allocDrop() {
        lookahead.size = 0
        lookahead.next = 0
        allocCheckpoint()
    }

    func allocScan() throws(StorageError) {
        lookahead.start = (lookahead.start &+ lookahead.next) % blockCount32
        lookahead.next = 0
        lookahead.size = min(UInt32(8 * lookaheadBytes), lookahead.ckpoint)
        for i in lookahead.buffer.indices { lookahead.buffer[i] = 0 }
        do throws(StorageError) {
            try fsTraverse(includeOrphans: true) { block in
                let off = (block &- self.lookahead.start &+ self.blockCount32) % self.blockCount32
                if off < self.lookahead.size {
                    self.lookahead.buffer[Int(off / 8)] |= UInt8(1) << (off % 8)
                }
            }
        } catch {
            allocDrop()
            throw error
        }
    }

    @inline(__always) private func lookaheadUsed(_ i: UInt32) -> Bool {
        lookahead.buffer[Int(i / 8)] & (UInt8(1) << (i % 8)) != 0
    }

    func alloc() throws(StorageError) -> UInt32 {
        while true {
            while lookahead.next < lookahead.size {
                if !lookaheadUsed(lookahead.next) {
                    let block = (lookahead.start &+ lookahead.next) % blockCount32
                    // move on to the next free block now, so a checkpoint frees the
                    // most blocks for the next scan
                    while true {
                        lookahead.next += 1
                        lookahead.ckpoint &-= 1
                        if lookahead.next >= lookahead.size || !lookaheadUsed(lookahead.next) {
                            return block
                        }
                    }
                }
                lookahead.next += 1
                lookahead.ckpoint &-= 1
            }
            if lookahead.ckpoint == 0 { throw .noSpace }
            try allocScan()
        }
    }
}

struct Lookahead {
    var start: UInt32 = 0
    var size: UInt32 = 0
    var next: UInt32 = 0
    var ckpoint: UInt32 = 0
    var buffer: [UInt8]
}
