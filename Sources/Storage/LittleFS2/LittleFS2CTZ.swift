// File data lives in a backwards skip list ("CTZ list"): block n starts with
// ctz(n)+1 pointers to blocks n-1, n-2, n-4, ... so any position is reachable in
// O(log n) reads, and appending never rewrites old blocks.

extension LittleFS2 {
    /// Index of the block holding byte `off` of a file, and the offset in that block.
    func ctzIndex(_ off: inout Int) -> Int {
        let size = off
        let b = blockSize - 8
        var i = size / b
        if i == 0 { return 0 }
        i = (size - 4 * ((i - 1).nonzeroBitCount + 2)) / b
        off = size - b * i - 4 * i.nonzeroBitCount
        return i
    }

    func ctzFind(_ pcache: Cache?, _ rcache: Cache, head: UInt32, size: Int, pos: Int) throws(StorageError) -> (UInt32, Int) {
        if size == 0 { return (lfsBlockNull, 0) }
        var last = size - 1
        var current = ctzIndex(&last)
        var p = pos
        let target = ctzIndex(&p)
        var head = head
        while current > target {
            let distance = current - target + 1
            let npw2 = distance <= 1 ? 0 : (Int.bitWidth - (distance - 1).leadingZeroBitCount)
            let skip = min(npw2 - 1, current.trailingZeroBitCount)
            head = try bdReadLE32(pcache, rcache, hint: 4, block: head, off: 4 * skip)
            current -= 1 << skip
        }
        return (head, p)
    }

    /// Gets a fresh block to continue a file of `size` bytes whose last block is `head`;
    /// returns the block and the offset to write at.
    func ctzExtend(_ pcache: Cache, _ rcache: Cache, head: UInt32, size: Int) throws(StorageError) -> (UInt32, Int) {
        while true {
            let nblock = try alloc()
            do throws(StorageError) {
                try bdErase(nblock)
                if size == 0 { return (nblock, 0) }
                var noff = size - 1
                var index = ctzIndex(&noff)
                noff += 1

                if noff != blockSize {
                    // last block is partial: copy it over
                    var i = 0
                    var chunk = [UInt8](repeating: 0, count: 64)
                    while i < noff {
                        let k = min(64, noff - i)
                        try mutBytes(&chunk) { (b) throws(StorageError) in
                            try bdRead(nil, rcache, hint: noff - i, block: head, off: i,
                                       into: UnsafeMutableRawBufferPointer(rebasing: b[0..<k]))
                        }
                        try roBytes(chunk) { (b) throws(StorageError) in
                            try bdProg(pcache, rcache, validate: true, block: nblock, off: i,
                                       UnsafeRawBufferPointer(rebasing: b[0..<k]))
                        }
                        i += k
                    }
                    return (nblock, noff)
                }

                index += 1
                let skips = index.trailingZeroBitCount + 1
                var nhead = head
                for i in 0..<skips {
                    try bdProg(pcache, rcache, validate: true, block: nblock, off: 4 * i, bytes: leBytesOf(nhead))
                    if i != skips - 1 {
                        nhead = try bdReadLE32(nil, rcache, hint: 4, block: nhead, off: 4 * i)
                    }
                }
                return (nblock, 4 * skips)
            } catch {
                if error != .corrupt { throw error }
                pcache.drop()
            }
        }
    }

    func ctzTraverse(_ pcache: Cache?, _ rcache: Cache, head: UInt32, size: Int,
                     _ cb: (UInt32) throws(StorageError) -> Void) throws(StorageError) {
        if size <= 0 { return }
        var last = size - 1
        var index = ctzIndex(&last)
        var head = head
        while true {
            try cb(head)
            if index == 0 { return }
            let count = 2 - (index & 1)
            let b = try bdReadBytes(pcache, rcache, hint: count * 4, block: head, off: 0, count: count * 4)
            if count == 2 { try cb(le32(b, 0)) }
            head = le32(b, (count - 1) * 4)
            index -= count
        }
    }
}
