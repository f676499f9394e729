// Whole-filesystem walks and repairs: the list of metadata pairs (threaded through tail
// pointers), finding a pair's predecessor and parent, global-state bookkeeping for moves
// and orphans, and fixing what a power loss left half done.

extension LittleFS2 {
    // MARK: open handles

    func liveEntries() -> [MListEntry] {
        var out: [MListEntry] = []
        var anyDead = false
        for w in mlist {
            if let e = w.entry { out.append(e) } else { anyDead = true }
        }
        if anyDead { mlist.removeAll { $0.entry == nil } }
        return out
    }

    func mlistAppend(_ e: MListEntry) {
        mlist.insert(WeakEntry(entry: e), at: 0)
    }

    func mlistRemove(_ e: MListEntry) {
        mlist.removeAll { $0.entry === e || $0.entry == nil }
    }

    // MARK: cycle-safe walks

    /// Brent's cycle detection over the tail list: remembers a pair at doubling intervals
    /// and fails if the walk comes back to it.

    struct CycleDetector {
        var pair = Pair.null
        var i = 1
        var period = 1

        mutating func step(_ tail: Pair) throws(StorageError) {
            if tail.isSync(pair) { throw .corrupt }
            if i == period {
                pair = tail
                i = 0
                period *= 2
            }
            i += 1
        }
    }

    /// Calls `cb` for every block in use (metadata pairs, file data, and with
    /// `includeOrphans` the pairs directory entries point at, as littlefs's public
    /// traverse does), including blocks of files open for writing.
    func fsTraverse(includeOrphans: Bool, _ cb: (UInt32) throws(StorageError) -> Void) throws(StorageError) {
        var dir = MDir()
        dir.tail = Pair(0, 1)
        var cycles = CycleDetector()
        while !dir.tail.isNull {
            try cycles.step(dir.tail)
            try cb(dir.tail.a)
            try cb(dir.tail.b)
            try dirFetch(&dir, dir.tail)
            for id in 0..<dir.count {
                guard let (tag, s) = try dirGetIfPresent(dir, gmask: Tag.make(0x700, 0x3FF, 0),
                                                         gtag: Tag.make(LFSType.structure, UInt32(id), 8)) else { continue }
                if Tag.type3(tag) == LFSType.ctzStruct {
                    try ctzTraverse(nil, rcache, head: le32(s, 0), size: Int(le32(s, 4)), cb)
                } else if includeOrphans && Tag.type3(tag) == LFSType.dirStruct {
                    try cb(le32(s, 0))
                    try cb(le32(s, 4))
                }
            }
        }
        for e in liveEntries() {
            guard let f = e as? FileHandle else { continue }
            if f.flags & (FileFlags.dirty | FileFlags.dusty) != 0 && f.flags & FileFlags.inline == 0 {
                try ctzTraverse(f.cache, rcache, head: f.ctzHead, size: f.ctzSize, cb)
            }
            if f.flags & FileFlags.writing != 0 && f.flags & FileFlags.inline == 0 {
                try ctzTraverse(f.cache, rcache, head: f.block, size: f.pos, cb)
            }
        }
    }

    func fsSize() throws(StorageError) -> Int {
        var n = 0
        try fsTraverse(includeOrphans: false) { _ in n += 1 }
        return n
    }

    /// Finds the pair whose tail is `pair`; false if there is none.
    func fsPred(_ pair: Pair, _ pdir: inout MDir) throws(StorageError) -> Bool {
        pdir.tail = Pair(0, 1)
        var cycles = CycleDetector()
        while !pdir.tail.isNull {
            try cycles.step(pdir.tail)
            if pdir.tail.overlaps(pair) { return true }
            try dirFetch(&pdir, pdir.tail)
        }
        return false
    }

    /// Finds the directory entry pointing at `pair`; returns its tag, nil if none.
    func fsParent(_ pair: Pair, _ parent: inout MDir) throws(StorageError) -> UInt32? {
        parent.tail = Pair(0, 1)
        var cycles = CycleDetector()
        while !parent.tail.isNull {
            try cycles.step(parent.tail)
            let res = try dirFetchMatch(&parent, parent.tail, fmask: Tag.make(0x7FF, 0, 0x3FF),
                                        ftag: Tag.make(LFSType.dirStruct, 0, 8)) { (_, block, off) throws(StorageError) -> Cmp in
                let b = try self.bdReadBytes(self.pcache, self.rcache, hint: self.blockSize, block: block, off: off, count: 8)
                return Pair(le: b).overlaps(pair) ? .eq : .lt
            }
            if case .found(let t) = res { return t }
        }
        return nil
    }

    func fsPrepSuperblock(_ needs: Bool) {
        gstate.tag = (gstate.tag & ~Tag.make(0, 0, 0x200)) | (needs ? UInt32(1) << 9 : 0)
    }

    func fsPrepOrphans(_ n: Int) throws(StorageError) {
        gstate.tag = gstate.tag &+ UInt32(truncatingIfNeeded: n)
        gstate.tag = (gstate.tag & ~Tag.make(0x800, 0, 0)) | (gstate.hasOrphans ? 0x8000_0000 : 0)
    }

    func fsPrepMove(_ id: UInt16, _ pair: Pair?) {
        gstate.tag = (gstate.tag & ~Tag.make(0x7FF, 0x3FF, 0)) | (id != 0x3FF ? Tag.make(LFSType.delete, UInt32(id), 0) : 0)
        gstate.pair = (id != 0x3FF) ? (pair ?? Pair(0, 0)) : Pair(0, 0)
    }

    func superblockBytes() -> [UInt8] {
        leBytesOf(diskVersion) + leBytesOf(UInt32(blockSize)) + leBytesOf(blockCount32)
            + leBytesOf(UInt32(nameMax)) + leBytesOf(UInt32(fileMax)) + leBytesOf(UInt32(attrMax))
    }

    func fsDesuperblock() throws(StorageError) {
        guard gstate.needsSuperblock else { return }
        var rootDir = MDir()
        try dirFetch(&rootDir, root)
        try dirCommit(&rootDir, [MAttr(Tag.make(LFSType.inlineStruct, 0, 24), .bytes(superblockBytes()))])
        fsPrepSuperblock(false)
    }

    func fsDemove() throws(StorageError) {
        guard gdisk.hasMove else { return }
        var movedir = MDir()
        try dirFetch(&movedir, gdisk.pair)
        let moveid = Tag.id(gdisk.tag)
        fsPrepMove(0x3FF, nil)
        try dirCommit(&movedir, [MAttr(Tag.make(LFSType.delete, UInt32(moveid), 0))])
    }

    func fsDeorphan(powerloss: Bool) throws(StorageError) {
        guard gstate.hasOrphans else { return }
        var pass = 0
        var rounds = 0
        while pass < 2 {
            rounds += 1
            if rounds > 64 { throw .corrupt }
            var pdir = MDir()
            pdir.split = true
            pdir.tail = Pair(0, 1)
            var dir = MDir()
            var moreOrphans = false
            var steps = 0
            while !pdir.tail.isNull {
                steps += 1
                if steps > 4 * Int(blockCount32) + 16 { throw .corrupt }
                try dirFetch(&dir, pdir.tail)
                if !pdir.split {
                    var parent = MDir()
                    let tag = try fsParent(pdir.tail, &parent)
                    if pass == 0, let tag {
                        let (_, p) = try dirGet(parent, gmask: Tag.make(0x7FF, 0x3FF, 0), gtag: tag)
                        let pair = Pair(le: p)
                        if !pair.isSync(pdir.tail) {
                            // a half-finished relocation: point the predecessor at the new pair
                            var moveid: UInt16 = 0x3FF
                            if gstate.hasMoveHere(pdir.pair) {
                                moveid = Tag.id(gstate.tag)
                                fsPrepMove(0x3FF, nil)
                            }
                            var list: [MAttr] = []
                            if moveid != 0x3FF { list.append(MAttr(Tag.make(LFSType.delete, UInt32(moveid), 0))) }
                            list.append(MAttr(Tag.make(LFSType.softTail, 0x3FF, 8), .bytes(pair.leBytes)))
                            let box = MListEntry(pdir)
                            let state = try dirOrphaningCommit(box, list)
                            pdir = box.m
                            if state == .orphaned { moreOrphans = true }
                            continue
                        }
                    }
                    if pass == 1 && tag == nil && powerloss {
                        // a directory nobody points at: unlink it from the list
                        try dirGetGState(dir, &gdelta)
                        let box = MListEntry(pdir)
                        let state = try dirOrphaningCommit(box, [MAttr(Tag.make(LFSType.tail + (dir.split ? 1 : 0), 0x3FF, 8),
                                                                      .bytes(dir.tail.leBytes))])
                        pdir = box.m
                        if state == .orphaned { moreOrphans = true }
                        continue
                    }
                }
                pdir = dir
            }
            pass = moreOrphans ? 0 : pass + 1
        }
        try fsPrepOrphans(-Int(gstate.orphans))
    }

    func fsForceConsistency() throws(StorageError) {
        try fsDesuperblock()
        try fsDemove()
        try fsDeorphan(powerloss: true)
    }
}
