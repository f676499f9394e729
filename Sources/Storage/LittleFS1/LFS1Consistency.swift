// Walking the whole metadata chain: every metadata block of the filesystem is linked from the
// superblock through tail pointers, directory after directory. A directory is created or
// removed, or a pair relocated, in more than one commit; if power fails in between, the chain
// and the directory entries disagree. These walks find blocks in use and repair such states.
extension LittleFS1 {
    /// Calls `visit` for every block in use: both blocks of every metadata pair, the blocks of
    /// every file, and the blocks of open files not yet committed.
    func traverse(_ visit: (UInt32) throws(StorageError) -> Void) throws(StorageError) {
        if root.isNone { return }
        var current = Pair.superblock
        var dir = MetadataDir()
        var hops = 0
        while true {
            try visit(current.first)
            try visit(current.second)
            try fetchDir(&dir, current)
            while dir.offset + Entry.byteCount <= dir.header.usedSize - 4 {
                let entry = Entry(try read(dir.pair.first, dir.offset, count: Entry.byteCount), at: dir.offset)
                dir.offset += entry.totalSize
                if entry.type & 0x70 == EntryKind.file & 0x70 {
                    try skipListTraverse(readCache, nil, head: entry.head, size: Int(entry.fileSize), visit)
                }
            }
            current = dir.header.tail
            if current.isNone { break }
            hops += 1
            if hops > blockCount { throw LittleFS1.corrupt }
        }
        for file in openFiles() {
            if file.dirty {
                try skipListTraverse(readCache, file.cache, head: file.head, size: file.length, visit)
            }
            if file.writing {
                try skipListTraverse(readCache, file.cache, head: file.block, size: file.pos, visit)
            }
        }
    }

    /// Finds the metadata block whose tail is `pair`.
    func findPredecessor(of pair: Pair, _ previous: inout MetadataDir) throws(StorageError) -> Bool {
        if root.isNone { return false }
        try fetchDir(&previous, .superblock)
        var hops = 0
        while !previous.header.tail.isNone {
            if previous.header.tail.sharesBlock(with: pair) { return true }
            hops += 1
            if hops > blockCount { throw LittleFS1.corrupt }
            try fetchDir(&previous, previous.header.tail)
        }
        return false
    }

    /// Finds the directory entry pointing at the directory `pair` (for the root, the superblock
    /// entry, which keeps the root pair in the same place).
    func findParent(of pair: Pair, _ parent: inout MetadataDir, _ entry: inout Entry) throws(StorageError) -> Bool {
        if root.isNone { return false }
        parent.header.tail = .superblock
        var hops = 0
        while !parent.header.tail.isNone {
            hops += 1
            if hops > blockCount + 1 { throw LittleFS1.corrupt }
            try fetchDir(&parent, parent.header.tail)
            parent.hops = 0
            while try nextEntry(&parent, &entry) {
                if entry.type & 0x70 == EntryKind.directory & 0x70 && entry.pair.sharesBlock(with: pair) {
                    return true
                }
            }
        }
        return false
    }

    /// Whether an entry marked as being renamed already exists, unmarked, at its new place.
    func isMoved(_ moving: Entry) throws(StorageError) -> Bool {
        if root.isNone { return false }
        var dir = MetadataDir()
        try fetchDir(&dir, .superblock)
        var entry = Entry()
        var hops = 0
        while !dir.header.tail.isNone {
            hops += 1
            if hops > blockCount + 1 { throw LittleFS1.corrupt }
            try fetchDir(&dir, dir.header.tail)
            dir.hops = 0
            while try nextEntry(&dir, &entry) {
                if entry.type & EntryKind.movingFlag == 0 && entry.word0 == moving.word0 && entry.word1 == moving.word1 {
                    return true
                }
            }
        }
        return false
    }

    /// After a metadata pair moved to `newPair`, points its parent entry (or, for a block
    /// continuing a directory, its predecessor's tail) at the new pair.
    func relocate(from oldPair: Pair, to newPair: Pair) throws(StorageError) {
        var parent = MetadataDir()
        var entry = Entry()
        if try findParent(of: oldPair, &parent, &entry) {
            entry.pair = newPair
            try updateEntry(&parent, entry)
            if oldPair.sharesBlock(with: root) {
                root = newPair
            }
            // the chain still leads to the old pair: repair that now
            try deorphan()
            return
        }
        if try findPredecessor(of: oldPair, &parent) {
            parent.header.tail = newPair
            try commitDir(&parent, [])
        }
        // otherwise the pair is new and nothing refers to it yet
    }

    /// Repairs what an interrupted operation can leave behind: a directory in the chain that no
    /// entry names (an orphan), a chain pointing at the old place of a relocated directory,
    /// and entries still marked as being renamed. Needed at most once after mounting, before
    /// the first change.
    func deorphan() throws(StorageError) {
        deorphaned = true
        if root.isNone { return }
        var previous = MetadataDir()
        previous.header.size = LittleFS1.continuedFlag
        var current = MetadataDir()
        current.header.tail = .superblock

        for _ in 0..<blockCount {
            if current.header.tail.isNone { return }
            try fetchDir(&current, current.header.tail)
            current.hops = 0

            // a block that starts a directory must be named by an entry somewhere
            if !previous.header.isContinued {
                var parent = MetadataDir()
                var entry = Entry()
                if !(try findParent(of: previous.header.tail, &parent, &entry)) {
                    previous.header.tail = current.header.tail
                    try commitDir(&previous, [])
                    return
                }
                if !entry.pair.sameBlocks(as: previous.header.tail) {
                    previous.header.tail = entry.pair
                    try commitDir(&previous, [])
                    return
                }
            }

            var entry = Entry()
            while try nextEntry(&current, &entry) {
                if entry.type & EntryKind.movingFlag != 0 {
                    if try isMoved(entry) {
                        // the rename completed: drop the old entry
                        try removeEntry(&current, entry)
                    } else {
                        // the rename never got there: keep the entry where it is
                        entry.type &= ~EntryKind.movingFlag
                        try updateEntry(&current, entry)
                    }
                }
            }
            previous = current
        }
        // more directory blocks than blocks: the chain must loop
        throw LittleFS1.corrupt
    }
}
