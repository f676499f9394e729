extension LittleFS1 {
    /// A position in a chain of metadata blocks (littlefs's directory handle): the pair being
    /// read, its header, the read offset within it, and, for listings, the first pair of the
    /// directory and a position counter over the whole directory.
    struct MetadataDir {
        var pair: Pair = .none
        var header = BlockHeader()
        var offset = 0
        var head: Pair = .none
        var position = 0
        /// Tail pairs followed by `nextEntry`, to stop on a looping chain.
        var hops = 0
    }

    /// A change to a metadata block: replace `oldLength` bytes at `oldOffset` with `data`.
    struct Region {
        var oldOffset: Int
        var oldLength: Int
        var data: [UInt8]
    }

    /// Prepares a new, empty metadata pair (not yet written).
    func allocateDir(_ dir: inout MetadataDir) throws(StorageError) {
        dir.pair.first = try allocateBlock()
        dir.pair.second = try allocateBlock()
        // Rather than erase the block, carry on from whatever revision it holds.
        var revision: UInt32 = 0
        do throws(StorageError) {
            revision = LittleFS1.readLE32(try read(dir.pair.first, 0, count: 4), 0)
        } catch {
            if error != LittleFS1.corrupt { throw error }
        }
        dir.header.revision = revision &+ 1
        dir.header.size = UInt32(BlockHeader.byteCount + 4)
        dir.header.tail = .none
        dir.offset = BlockHeader.byteCount
    }

    /// Loads the newer valid block of `pair` (CORRUPT if neither is valid).
    func fetchDir(_ dir: inout MetadataDir, _ pair: Pair) throws(StorageError) {
        let blocks = [pair.first, pair.second]
        var valid = false
        for i in 0..<2 {
            var raw: [UInt8]
            do throws(StorageError) {
                raw = try read(blocks[i], 0, count: BlockHeader.byteCount)
            } catch {
                if error == LittleFS1.corrupt { continue }
                throw error
            }
            let test = BlockHeader(raw)
            if valid && LittleFS1.revisionDistance(test.revision, dir.header.revision) < 0 {
                continue
            }
            if test.usedSize < BlockHeader.byteCount + 4 || test.usedSize > blockSize {
                continue
            }
            var crc = Checksum()
            crc.update(raw)
            do throws(StorageError) {
                try checksum(blocks[i], BlockHeader.byteCount, test.usedSize - BlockHeader.byteCount, &crc)
            } catch {
                if error == LittleFS1.corrupt { continue }
                throw error
            }
            if crc.value != 0 { continue }
            valid = true
            dir.pair = Pair(first: blocks[i], second: blocks[1 - i])
            dir.offset = BlockHeader.byteCount
            dir.header = test
        }
        if !valid { throw LittleFS1.corrupt }
    }

    /// Runs `body`; false if it failed with CORRUPT (a bad block: write elsewhere instead).
    private func succeeds(_ body: () throws(StorageError) -> Void) throws(StorageError) -> Bool {
        do throws(StorageError) {
            try body()
            return true
        } catch {
            if error == LittleFS1.corrupt { return false }
            throw error
        }
    }

    /// Writes a new revision of a metadata block: the older block of the pair is erased and
    /// receives the header, the old contents with `regions` applied, and a CRC.
    func commitDir(_ dir: inout MetadataDir, _ regions: [Region]) throws(StorageError) {
        dir.header.revision &+= 1
        // the block written becomes the first of the pair, as the most recent
        dir.pair = dir.pair.swapped
        var delta = 0
        for r in regions { delta += r.data.count - r.oldLength }
        dir.header.size = UInt32(truncatingIfNeeded: Int(dir.header.size) + delta)

        let oldPair = dir.pair
        var relocated = false
        while true {
            let target = dir.pair.first
            let header = dir.header
            var sourceError: StorageError?
            var crc = Checksum()
            let written = try succeeds { () throws(StorageError) in
                try erase(target)
                let headerBytes = header.encoded
                crc.update(headerBytes)
                try program(target, 0, headerBytes)
                var i = 0
                var oldOffset = BlockHeader.byteCount
                var newOffset = BlockHeader.byteCount
                let end = header.usedSize - 4
                while newOffset < end {
                    if i < regions.count && regions[i].oldOffset == oldOffset {
                        crc.update(regions[i].data)
                        try program(target, newOffset, regions[i].data)
                        oldOffset += regions[i].oldLength
                        newOffset += regions[i].data.count
                        i += 1
                    } else {
                        var n = min(end - newOffset, 64)
                        if i < regions.count && regions[i].oldOffset > oldOffset {
                            n = min(n, regions[i].oldOffset - oldOffset)
                        }
                        let bytes: [UInt8]
                        do throws(StorageError) {
                            bytes = try read(oldPair.second, oldOffset, count: n)
                        } catch {
                            // a failed read of the old block is not the new block's fault
                            sourceError = error
                            return
                        }
                        crc.update(bytes)
                        try program(target, newOffset, bytes)
                        oldOffset += n
                        newOffset += n
                    }
                }
                var crcBytes = [UInt8]()
                LittleFS1.appendLE32(&crcBytes, crc.value)
                try program(target, newOffset, crcBytes)
                try syncDevice()
            }
            if let sourceError { throw sourceError }
            if written {
                // read the block back
                var check = Checksum()
                try checksum(target, 0, header.usedSize - 4, &check)
                if check.value == crc.value { break }
            }
            // bad block: the superblock cannot move, anything else takes a new block
            relocated = true
            programCache.drop()
            if oldPair.sharesBlock(with: .superblock) {
                throw LittleFS1.corrupt
            }
            dir.pair.first = try allocateBlock()
        }

        if relocated {
            try relocate(from: oldPair, to: dir.pair)
        }

        // keep open listings and files of this block in step
        for d in openDirectories() where d.state.pair.sharesBlock(with: dir.pair) {
            d.state.pair = dir.pair
            d.state.header = dir.header
        }
        for f in openFiles() where f.pair.sharesBlock(with: dir.pair) {
            f.pair = dir.pair
        }
    }

    /// Rewrites an entry's fixed part (and, with `name`, its name of the same length).
    func updateEntry(_ dir: inout MetadataDir, _ entry: Entry, name: [UInt8]? = nil) throws(StorageError) {
        var regions = [Region(oldOffset: entry.offset, oldLength: Entry.byteCount, data: entry.encoded)]
        if let name {
            regions.append(Region(oldOffset: entry.offset + Entry.byteCount, oldLength: Int(entry.nameLength), data: name))
        }
        try commitDir(&dir, regions)
    }

    /// Adds an entry at the end of the directory whose last block `dir` is, moving on to (or
    /// starting) a continuation block when it does not fit.
    func appendEntry(_ dir: inout MetadataDir, _ entry: inout Entry, name: [UInt8]) throws(StorageError) {
        var hops = 0
        while true {
            if Int(dir.header.size) + entry.totalSize <= blockSize {
                entry.offset = Int(dir.header.size) - 4
                try commitDir(&dir, [Region(oldOffset: entry.offset, oldLength: 0, data: entry.encoded),
                                     Region(oldOffset: entry.offset, oldLength: 0, data: name)])
                return
            }
            if !dir.header.isContinued {
                var oldDir = dir
                try allocateDir(&dir)
                dir.header.tail = oldDir.header.tail
                entry.offset = Int(dir.header.size) - 4
                try commitDir(&dir, [Region(oldOffset: entry.offset, oldLength: 0, data: entry.encoded),
                                     Region(oldOffset: entry.offset, oldLength: 0, data: name)])
                oldDir.header.size |= LittleFS1.continuedFlag
                oldDir.header.tail = dir.pair
                try commitDir(&oldDir, [])
                return
            }
            hops += 1
            if hops > blockCount { throw LittleFS1.corrupt }
            try fetchDir(&dir, dir.header.tail)
        }
    }

    /// Removes an entry from its block (dropping the block from the chain when it was the
    /// block's only entry and the block continues a directory).
    func removeEntry(_ dir: inout MetadataDir, _ entry: Entry) throws(StorageError) {
        if dir.header.usedSize == BlockHeader.byteCount + 4 + entry.totalSize {
            var previous = MetadataDir()
            if try findPredecessor(of: dir.pair, &previous), previous.header.isContinued {
                previous.header.size &= dir.header.size | ~LittleFS1.continuedFlag
                previous.header.tail = dir.header.tail
                try commitDir(&previous, [])
                for f in openFiles() where f.pair.sharesBlock(with: dir.pair) && f.entryOffset == entry.offset {
                    f.pair = .none
                }
                // listings in the dropped block have nothing left there: on to its tail
                for d in openDirectories() where d.state.pair.sharesBlock(with: dir.pair) {
                    d.state.offset = d.state.header.usedSize
                }
                return
            }
        }

        try commitDir(&dir, [Region(oldOffset: entry.offset, oldLength: entry.totalSize, data: [])])

        // entries after the removed one moved down
        for f in openFiles() where f.pair.sharesBlock(with: dir.pair) {
            if f.entryOffset == entry.offset {
                f.pair = .none
            } else if f.entryOffset > entry.offset {
                f.entryOffset -= entry.totalSize
            }
        }
        for d in openDirectories() where d.state.pair.sharesBlock(with: dir.pair) {
            if d.state.offset > entry.offset {
                d.state.offset -= entry.totalSize
                d.state.position -= entry.totalSize
            }
        }
    }

    /// Reads the next entry of a directory, following continuation blocks; false at the end.
    func nextEntry(_ dir: inout MetadataDir, _ entry: inout Entry) throws(StorageError) -> Bool {
        while dir.offset + Entry.byteCount > dir.header.usedSize - 4 {
            if !dir.header.isContinued {
                entry.offset = dir.offset
                return false
            }
            dir.hops += 1
            if dir.hops > blockCount { throw LittleFS1.corrupt }
            try fetchDir(&dir, dir.header.tail)
            dir.offset = BlockHeader.byteCount
            dir.position += BlockHeader.byteCount + 4
        }
        entry = Entry(try read(dir.pair.first, dir.offset, count: Entry.byteCount), at: dir.offset)
        dir.offset += entry.totalSize
        dir.position += entry.totalSize
        return true
    }
}
