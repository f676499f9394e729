// Writing metadata: appending a commit to a pair's log, compacting a pair into its other
// block (splitting it when the entries no longer fit, relocating it when a block wears
// out or goes bad), and keeping open handles pointing at the right pair and id.

final class Commit {
    var block: UInt32
    var off: Int
    var ptag: UInt32 = 0xFFFF_FFFF
    var crc: UInt32 = 0xFFFF_FFFF
    var begin: Int
    var end: Int
    init(block: UInt32, off: Int, ptag: UInt32, begin: Int, end: Int) {
        self.block = block; self.off = off; self.ptag = ptag; self.begin = begin; self.end = end
    }
}

/// Outcomes of a commit that the caller must follow up on.
enum CommitState { case ok, relocated, dropped, orphaned }

extension LittleFS2 {
    func commitProg(_ c: Commit, _ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        try bdProg(pcache, rcache, validate: false, block: c.block, off: c.off, bytes)
        c.crc = LFS2CRC.update(c.crc, bytes)
        c.off += bytes.count
    }

    func commitProg(_ c: Commit, _ bytes: [UInt8]) throws(StorageError) {
        try roBytes(bytes) { (b) throws(StorageError) in try commitProg(c, b) }
    }

    func commitAttr(_ c: Commit, _ tag: UInt32, _ data: AttrData) throws(StorageError) {
        let dsize = Tag.dsize(tag)
        if c.off + dsize > c.end { throw .noSpace }
        try commitProg(c, beBytesOf((tag & 0x7FFF_FFFF) ^ c.ptag))
        let n = dsize - 4
        if tag & 0x8000_0000 == 0 {
            if n > 0 {
                var bytes: [UInt8]
                if case .bytes(let b) = data { bytes = b } else { bytes = [] }
                if bytes.count != n {
                    bytes = Array(bytes.prefix(n)) + [UInt8](repeating: 0, count: max(0, n - bytes.count))
                }
                try commitProg(c, bytes)
            }
        } else {
            guard case .disk(let block, let off) = data else { throw .corrupt }
            var i = 0
            var chunk = [UInt8](repeating: 0, count: 64)
            while i < n {
                let k = min(64, n - i)
                try mutBytes(&chunk) { (b) throws(StorageError) in
                    try bdRead(nil, rcache, hint: n - i, block: block, off: off + i,
                               into: UnsafeMutableRawBufferPointer(rebasing: b[0..<k]))
                }
                try roBytes(chunk) { (b) throws(StorageError) in
                    try commitProg(c, UnsafeRawBufferPointer(rebasing: b[0..<k]))
                }
                i += k
            }
        }
        c.ptag = tag & 0x7FFF_FFFF
    }

    /// Ends a commit with checksum tags, padding to the program size; records a checksum
    /// of the next (still erased) program unit when there is room, so a later fetch can
    /// tell the block is still appendable.
    func commitCRC(_ c: Commit) throws(StorageError) {
        let end = alignUp(min(c.off + 20, blockSize), progSize)
        var off1 = 0
        var crc1: UInt32 = 0

        while c.off < end {
            var noff = min(end - (c.off + 4), 0x3FE) + (c.off + 4)
            if noff < end { noff = min(noff, end - 20) }

            var eperturb: UInt8 = 0xFF
            if noff >= end && noff <= blockSize - progSize {
                do throws(StorageError) {
                    let b = try bdReadBytes(nil, rcache, hint: progSize, block: c.block, off: noff, count: 1)
                    eperturb = b[0]
                } catch {
                    if error != .corrupt { throw error }
                }
                var ecrc: UInt32 = 0xFFFF_FFFF
                do throws(StorageError) {
                    try bdCRC(nil, rcache, hint: progSize, block: c.block, off: noff, count: progSize, &ecrc)
                } catch {
                    if error != .corrupt { throw error }
                }
                try commitAttr(c, Tag.make(LFSType.fcrc, 0x3FF, 8), .bytes(leBytesOf(UInt32(progSize)) + leBytesOf(ecrc)))
            }

            let ntag = Tag.make(LFSType.ccrc + UInt32((~eperturb) >> 7), 0x3FF, UInt32(noff - (c.off + 4)))
            let tagBytes = beBytesOf(ntag ^ c.ptag)
            c.crc = LFS2CRC.update(c.crc, tagBytes)
            try bdProg(pcache, rcache, validate: false, block: c.block, off: c.off, bytes: tagBytes + leBytesOf(c.crc))

            if off1 == 0 {
                off1 = c.off + 4
                crc1 = c.crc
            }
            c.off = noff
            c.ptag = ntag ^ (UInt32(0x80 & ~eperturb) << 24)
            c.crc = 0xFFFF_FFFF

            if noff >= end || noff >= pcache.off + cacheSize {
                try bdSync(pcache, rcache, validate: false)
            }
        }

        // read back what was written and check it
        var crc: UInt32 = 0xFFFF_FFFF
        try bdCRC(nil, rcache, hint: off1 + 4, block: c.block, off: c.begin, count: off1 - c.begin, &crc)
        if crc != crc1 { throw .corrupt }
        try bdCRC(nil, rcache, hint: 4, block: c.block, off: off1, count: 4, &crc)
        if crc != 0 { throw .corrupt }
    }

    func dirAlloc() throws(StorageError) -> MDir {
        var dir = MDir()
        dir.pair.b = try alloc()
        dir.pair.a = try alloc()
        dir.rev = 0
        do throws(StorageError) {
            dir.rev = try bdReadLE32(nil, rcache, hint: 4, block: dir.pair.a, off: 0)
        } catch {
            if error != .corrupt { throw error }
        }
        if blockCycles > 0 {
            // 32-bit arithmetic, wrapping like the reference (an erased block's
            // 0xFFFFFFFF becomes 0)
            let m = UInt32((blockCycles + 1) | 1)
            let t = dir.rev &+ (m - 1)
            dir.rev = t - t % m
        }
        dir.off = 4
        dir.etag = 0xFFFF_FFFF
        dir.count = 0
        dir.tail = .null
        dir.erased = false
        dir.split = false
        return dir
    }

    func dirDrop(_ dir: MListEntry, _ tail: MDir) throws(StorageError) {
        try dirGetGState(tail, &gdelta)
        try dirCommit(dir, [MAttr(Tag.make(LFSType.tail + (tail.split ? 1 : 0), 0x3FF, 8), .bytes(tail.tail.leBytes))])
    }

    func dirSplit(_ dir: inout MDir, _ attrs: [MAttr], _ source: MDir, split: UInt16, end: UInt16) throws(StorageError) {
        var tail = try dirAlloc()
        tail.split = dir.split
        tail.tail = dir.tail
        _ = try dirCompact(&tail, attrs, source, begin: split, end: end)
        dir.tail = tail.pair
        dir.split = true
        if dir.pair.overlaps(root) && split == 0 {
            root = tail.pair
        }
    }

    func dirNeedsRelocation(_ dir: MDir) -> Bool {
        blockCycles > 0 && (dir.rev &+ 1) % UInt32((blockCycles + 1) | 1) == 0
    }

    var metadataMax: Int { blockSize }

    /// Writes the live tags of ids `begin..<end` of `source` (plus `attrs`) into the other
    /// block of `dir`'s pair. Returns `.relocated` if `dir` had to move to new blocks.
    func dirCompact(_ dir: inout MDir, _ attrs: [MAttr], _ source: MDir, begin: UInt16, end: UInt16) throws(StorageError) -> CommitState {
        var relocated = false
        var tired = dirNeedsRelocation(dir)
        dir.rev &+= 1

        var mustRelocate = tired && !dir.pair.overlaps(Pair(0, 1))
        while true {
            if !mustRelocate {
                do throws(StorageError) {
                    let c = Commit(block: dir.pair.b, off: 0, ptag: 0xFFFF_FFFF, begin: 0, end: metadataMax - 8)
                    try bdErase(dir.pair.b)
                    try commitProg(c, leBytesOf(dir.rev))
                    try dirTraverse(source, off: 0, ptag: 0xFFFF_FFFF, attrs: attrs[...],
                                    tmask: Tag.make(0x400, 0x3FF, 0), ttag: Tag.make(LFSType.name, 0, 0),
                                    begin: begin, end: end, diff: -Int(begin)) { (tag, data) throws(StorageError) -> Bool in
                        try self.commitAttr(c, tag, data)
                        return false
                    }
                    if !dir.tail.isNull {
                        try commitAttr(c, Tag.make(LFSType.tail + (dir.split ? 1 : 0), 0x3FF, 8), .bytes(dir.tail.leBytes))
                    }
                    var delta = GState()
                    if !relocated {
                        delta.xor(gdisk)
                        delta.xor(gstate)
                    }
                    delta.xor(gdelta)
                    delta.tag &= ~Tag.make(0, 0, 0x3FF)
                    try dirGetGState(dir, &delta)
                    if !delta.isZero {
                        try commitAttr(c, Tag.make(LFSType.moveState, 0x3FF, 12), .bytes(delta.leBytes))
                    }
                    try commitCRC(c)

                    dir.pair.swap()
                    dir.count = end - begin
                    dir.off = c.off
                    dir.etag = c.ptag
                    gdelta = GState()
                    if !relocated { gdisk = gstate }
                    break
                } catch {
                    if error != .corrupt { throw error }
                }
            }
            // bad or worn block: move this half of the pair elsewhere
            mustRelocate = false
            relocated = true
            pcache.drop()
            if dir.pair.overlaps(Pair(0, 1)) {
                // the superblock cannot move
                throw .noSpace
            }
            do throws(StorageError) {
                dir.pair.b = try alloc()
            } catch {
                if !(error == .noSpace && tired) { throw error }
            }
            tired = false
        }
        return relocated ? .relocated : .ok
    }

    func dirSplittingCompact(_ dir: inout MDir, _ attrs: [MAttr], _ source: MDir, begin: UInt16, end: UInt16) throws(StorageError) -> CommitState {
        var end = end
        while true {
            // halve the range until the first part surely fits
            var split = begin
            while end - split > 1 {
                var size = 0
                try dirTraverse(source, off: 0, ptag: 0xFFFF_FFFF, attrs: attrs[...],
                                tmask: Tag.make(0x400, 0x3FF, 0), ttag: Tag.make(LFSType.name, 0, 0),
                                begin: split, end: end, diff: -Int(split)) { (tag, _) throws(StorageError) -> Bool in
                    size += Tag.dsize(tag)
                    return false
                }
                if end - split < 0xFF && size <= min(metadataMax - 40, alignUp(metadataMax / 2, progSize)) {
                    break
                }
                split = split + (end - split) / 2
            }
            if split == begin { break }

            do throws(StorageError) {
                try dirSplit(&dir, attrs, source, split: split, end: end)
                end = split
            } catch {
                if error != .noSpace { throw error }
                break
            }
        }

        if dirNeedsRelocation(dir) && dir.pair.overlaps(Pair(0, 1)) {
            // the superblock pair wears out: push the rest of the root into a new pair
            let used = try fsSize()
            if Int(blockCount32) - used > Int(blockCount32) / 8 {
                do throws(StorageError) {
                    try dirSplit(&dir, attrs, source, split: begin, end: end)
                    end = 1
                } catch {
                    if error != .noSpace { throw error }
                }
            }
        }
        return try dirCompact(&dir, attrs, source, begin: begin, end: end)
    }

    func dirRelocatingCommit(_ dir: inout MDir, oldPair: Pair, owner: MListEntry?, _ attrs: [MAttr],
                             _ pdir: inout MDir) throws(StorageError) -> CommitState {
        var state = CommitState.ok
        var hasDelete = false
        for a in attrs {
            let t3 = Tag.type3(a.tag)
            if t3 == LFSType.create {
                dir.count += 1
            } else if t3 == LFSType.delete {
                if dir.count == 0 { throw .corrupt }
                dir.count -= 1
                hasDelete = true
            } else if Tag.type1(a.tag) == LFSType.tail {
                if case .bytes(let b) = a.data { dir.tail = Pair(le: b) }
                dir.split = (Tag.chunk(a.tag) & 1) != 0
            }
        }

        var done = false
        if hasDelete && dir.count == 0 {
            let found = try fsPred(dir.pair, &pdir)
            if found && pdir.split {
                state = .dropped
                done = true
            }
        }

        if !done && dir.erased && dir.count < 0xFF {
            let c = Commit(block: dir.pair.a, off: dir.off, ptag: dir.etag, begin: dir.off, end: metadataMax - 8)
            do throws(StorageError) {
                try dirTraverse(dir, off: dir.off, ptag: dir.etag, attrs: attrs[...], tmask: 0, ttag: 0,
                                begin: 0, end: 0, diff: 0) { (tag, data) throws(StorageError) -> Bool in
                    try self.commitAttr(c, tag, data)
                    return false
                }
                var delta = GState()
                delta.xor(gstate)
                delta.xor(gdisk)
                delta.xor(gdelta)
                delta.tag &= ~Tag.make(0, 0, 0x3FF)
                if !delta.isZero {
                    try dirGetGState(dir, &delta)
                    try commitAttr(c, Tag.make(LFSType.moveState, 0x3FF, 12), .bytes(delta.leBytes))
                }
                try commitCRC(c)
                dir.off = c.off
                dir.etag = c.ptag
                gdisk = gstate
                gdelta = GState()
                done = true
            } catch {
                if error != .noSpace && error != .corrupt { throw error }
            }
        }

        if !done {
            pcache.drop()
            state = try dirSplittingCompact(&dir, attrs, dir, begin: 0, end: dir.count)
        }

        // bring every open handle on this pair up to date
        for d in liveEntries() where d.m.pair.overlaps(oldPair) {
            d.m = dir
            if d !== owner {
                for a in attrs {
                    let t3 = Tag.type3(a.tag)
                    if t3 == LFSType.delete && d.id == Tag.id(a.tag) && d.type != LFSType.dir {
                        d.m.pair = .null
                    } else if t3 == LFSType.delete && d.id > Tag.id(a.tag) {
                        d.id -= 1
                        if let h = d as? DirHandle { h.pos -= 1 }
                    } else if t3 == LFSType.create && d.id >= Tag.id(a.tag) {
                        d.id += 1
                        if let h = d as? DirHandle { h.pos += 1 }
                    }
                }
            }
            var guardCount = 0
            while d.id >= d.m.count && d.m.split {
                if !d.m.tail.overlaps(root) {
                    d.id -= d.m.count
                }
                var m = d.m
                try dirFetch(&m, m.tail)
                d.m = m
                guardCount += 1
                if guardCount > Int(blockCount32) { throw .corrupt }
            }
        }
        return state
    }

    func dirOrphaningCommit(_ target: MListEntry, _ attrs: [MAttr]) throws(StorageError) -> CommitState {
        // inline files bigger than the cache can't be rewritten from RAM: move them out
        for f in liveEntries() {
            guard let f = f as? FileHandle, f !== target, f.m.pair.overlaps(target.m.pair),
                  f.flags & FileFlags.inline != 0, f.ctzSize > cacheSize else { continue }
            try fileOutline(f)
            try fileFlush(f)
        }

        var lpair = target.m.pair
        var ldir = target.m
        var pdir = MDir()
        var state = try dirRelocatingCommit(&ldir, oldPair: target.m.pair, owner: target, attrs, &pdir)

        if target.m.pair.overlaps(lpair) {
            target.m = ldir
        }

        if state == .dropped {
            let dir = target.m
            try dirGetGState(dir, &gdelta)
            lpair = pdir.pair
            var unused = MDir()
            state = try dirRelocatingCommit(&pdir, oldPair: lpair, owner: nil,
                                            [MAttr(Tag.make(LFSType.tail + (dir.split ? 1 : 0), 0x3FF, 8), .bytes(dir.tail.leBytes))],
                                            &unused)
            ldir = pdir
        }

        var orphans = false
        var guardCount = 0
        while state == .relocated {
            guardCount += 1
            if guardCount > 2 * Int(blockCount32) + 8 { throw .corrupt }
            state = .ok
            if lpair.overlaps(root) { root = ldir.pair }
            for d in liveEntries() {
                if lpair.overlaps(d.m.pair) { d.m.pair = ldir.pair }
                if let h = d as? DirHandle, lpair.overlaps(h.head) { h.head = ldir.pair }
            }

            var parentTag: UInt32? = nil
            if let t = try fsParent(lpair, &pdir) { parentTag = t }
            let hasParent = parentTag != nil
            if var tag = parentTag {
                try fsPrepOrphans(+1)
                var moveid: UInt16 = 0x3FF
                if gstate.hasMoveHere(pdir.pair) {
                    moveid = Tag.id(gstate.tag)
                    fsPrepMove(0x3FF, nil)
                    if moveid < Tag.id(tag) { tag &-= Tag.make(0, 1, 0) }
                }
                let ppair = pdir.pair
                var unused = MDir()
                var list: [MAttr] = []
                if moveid != 0x3FF { list.append(MAttr(Tag.make(LFSType.delete, UInt32(moveid), 0))) }
                list.append(MAttr(tag, .bytes(ldir.pair.leBytes)))
                state = try dirRelocatingCommit(&pdir, oldPair: ppair, owner: nil, list, &unused)
                if state == .relocated {
                    lpair = ppair
                    ldir = pdir
                    orphans = true
                    continue
                }
            }

            let found = try fsPred(lpair, &pdir)
            if !found && hasParent { throw .corrupt }
            if found {
                if gstate.hasOrphans {
                    try fsPrepOrphans(hasParent ? -1 : 0)
                }
                var moveid: UInt16 = 0x3FF
                if gstate.hasMoveHere(pdir.pair) {
                    moveid = Tag.id(gstate.tag)
                    fsPrepMove(0x3FF, nil)
                }
                lpair = pdir.pair
                var list: [MAttr] = []
                if moveid != 0x3FF { list.append(MAttr(Tag.make(LFSType.delete, UInt32(moveid), 0))) }
                list.append(MAttr(Tag.make(LFSType.tail + (pdir.split ? 1 : 0), 0x3FF, 8), .bytes(ldir.pair.leBytes)))
                var unused = MDir()
                state = try dirRelocatingCommit(&pdir, oldPair: lpair, owner: nil, list, &unused)
                ldir = pdir
            }
        }
        return orphans ? .orphaned : .ok
    }

    /// Commits `attrs` to the metadata pair held by `target` (updating `target.m`).
    func dirCommit(_ target: MListEntry, _ attrs: [MAttr]) throws(StorageError) {
        let state = try dirOrphaningCommit(target, attrs)
        if state == .orphaned {
            try fsDeorphan(powerloss: false)
        }
    }

    func dirCommit(_ dir: inout MDir, _ attrs: [MAttr]) throws(StorageError) {
        let box = MListEntry(dir)
        try dirCommit(box, attrs)
        dir = box.m
    }
}
