// Reading metadata pairs: finding the newest valid commit (fetch), looking up the
// newest tag for an id (get), and walking tags with the filtering compaction needs.

typealias TraverseCallback = (UInt32, AttrData) throws(StorageError) -> Bool
typealias MatchCallback = (UInt32, UInt32, Int) throws(StorageError) -> Cmp

/// Result of a fetch that also looked for a tag.
enum FetchMatch: Equatable {
    case found(UInt32)
    /// No match; the id where a match would be inserted is in use (littlefs's NOENT).
    case noEntry
    /// No match.
    case none
}

extension LittleFS2 {
    /// Finds the newest tag matching `gtag` under `gmask`, reading `gsize` bytes of its
    /// data from `goff` (zero padded). Throws `.noEntry` if absent or deleted.
    func dirGetSlice(_ dir: MDir, gmask: UInt32, gtag: UInt32, goff: Int, gsize: Int) throws(StorageError) -> (UInt32, [UInt8]) {
        var off = dir.off
        var ntag = dir.etag
        var gdiff: UInt32 = 0

        // A pending move (the entry was already committed at its destination) hides the
        // source entry. Ids are then numbered as if it were deleted, as `dirFetchMatch`
        // reports them, so ids from the moved one upwards map to the next entry on disk.
        // (The reference returns "no entry" for the moved id itself instead, which hides
        // the entry after it until the move is cleaned up; we don't copy that.)
        if gdisk.hasMoveHere(dir.pair) && Tag.id(gmask) != 0 {
            if Tag.id(gdisk.tag) <= Tag.id(gtag) {
                gdiff &-= Tag.make(0, 1, 0)
            }
        }

        while off >= 4 + Tag.dsize(ntag) {
            off -= Tag.dsize(ntag)
            let tag = ntag
            ntag = (try bdReadBE32(rcache, hint: 4, block: dir.pair.a, off: off) ^ tag) & 0x7FFF_FFFF

            if Tag.id(gmask) != 0 && Tag.type1(tag) == LFSType.splice && Tag.id(tag) <= Tag.id(gtag &- gdiff) {
                if tag == (Tag.make(LFSType.create, 0, 0) | (Tag.make(0, 0x3FF, 0) & (gtag &- gdiff))) {
                    throw .noEntry
                }
                gdiff &+= Tag.idDelta(Tag.splice(tag))
            }

            if (gmask & tag) == (gmask & (gtag &- gdiff)) {
                if Tag.isDelete(tag) { throw .noEntry }
                // (only the attribute's own bytes: the reference reads past its end
                // when `goff` > 0, which can run off the block for big inline files)
                let diff = min(max(0, Int(Tag.size(tag)) - goff), gsize)
                var out = [UInt8](repeating: 0, count: gsize)
                if diff > 0 {
                    try mutBytes(&out) { (b) throws(StorageError) in
                        try bdRead(nil, rcache, hint: diff, block: dir.pair.a, off: off + 4 + goff,
                                   into: UnsafeMutableRawBufferPointer(rebasing: b[0..<diff]))
                    }
                }
                return (tag &+ gdiff, out)
            }
        }
        throw .noEntry
    }

    func dirGet(_ dir: MDir, gmask: UInt32, gtag: UInt32) throws(StorageError) -> (UInt32, [UInt8]) {
        try dirGetSlice(dir, gmask: gmask, gtag: gtag, goff: 0, gsize: Int(Tag.size(gtag)))
    }

    /// Like `dirGet` but nil instead of `.noEntry`.
    func dirGetIfPresent(_ dir: MDir, gmask: UInt32, gtag: UInt32) throws(StorageError) -> (UInt32, [UInt8])? {
        do throws(StorageError) {
            return try dirGet(dir, gmask: gmask, gtag: gtag)
        } catch {
            if error == .noEntry { return nil }
            throw error
        }
    }

    /// Reads inline file data through a cache holding a window of the attribute.
    func dirGetRead(_ dir: MDir, _ pcache: Cache?, _ rcache: Cache, hint: Int, gmask: UInt32, gtag: UInt32,
                    off: Int, into dst: UnsafeMutableRawBufferPointer) throws(StorageError) {
        var off = off
        var size = dst.count
        var pos = 0
        if off + size > blockSize { throw .corrupt }
        while size > 0 {
            var diff = size
            if let p = pcache, p.block == lfsBlockInline, off < p.off + p.size {
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
            if rcache.block == lfsBlockInline, off < rcache.off + rcache.size, off >= rcache.off {
                diff = min(diff, rcache.size - (off - rcache.off))
                rcache.buffer.withUnsafeBytes { src in
                    dst.baseAddress!.advanced(by: pos).copyMemory(from: src.baseAddress!.advanced(by: off - rcache.off), byteCount: diff)
                }
                pos += diff; off += diff; size -= diff
                continue
            }
            rcache.block = lfsBlockInline
            rcache.off = alignDown(off, readSize)
            rcache.size = min(alignUp(off + hint, readSize), cacheSize)
            do throws(StorageError) {
                let (_, data) = try dirGetSlice(dir, gmask: gmask, gtag: gtag, goff: rcache.off, gsize: rcache.size)
                for i in 0..<data.count { rcache.buffer[i] = data[i] }
            } catch {
                rcache.drop()
                throw error
            }
        }
    }

    // MARK: traversal

    private func traverseFilter(_ ftag: inout UInt32, _ tag: UInt32) -> Bool {
        let mask = (tag & Tag.make(0x100, 0, 0)) != 0 ? Tag.make(0x7FF, 0x3FF, 0) : Tag.make(0x700, 0x3FF, 0)
        if (mask & tag) == (mask & ftag) || Tag.isDelete(ftag)
            || (Tag.make(0x7FF, 0x3FF, 0) & tag) == (Tag.make(LFSType.delete, 0, 0) | (Tag.make(0, 0x3FF, 0) & ftag)) {
            ftag = Tag.make(LFSType.fromNoop, 0, 0)
            return true
        }
        if Tag.type1(tag) == LFSType.splice && Tag.id(tag) <= Tag.id(ftag) {
            ftag &+= Tag.idDelta(Tag.splice(tag))
        }
        return false
    }

    /// Walks the tags of `dir` after `off` and then `attrs`. With a nonzero id in `tmask`,
    /// only the newest version of each tag in ids `begin..<end` is passed on, renumbered
    /// by later creates/deletes and shifted by `diff`. Returns true if `cb` stopped it.
    @discardableResult
    func dirTraverse(_ dir: MDir, off: Int, ptag: UInt32, attrs: ArraySlice<MAttr>,
                     tmask: UInt32, ttag: UInt32, begin: UInt16, end: UInt16, diff: Int,
                     filtering: Bool = false, _ cb: TraverseCallback) throws(StorageError) -> Bool {
        var off = off
        var ptag = ptag
        var ai = attrs.startIndex
        while true {
            var tag: UInt32
            let data: AttrData
            if off + Tag.dsize(ptag) < dir.off {
                off += Tag.dsize(ptag)
                tag = (try bdReadBE32(rcache, hint: 4, block: dir.pair.a, off: off) ^ ptag) | 0x8000_0000
                data = .disk(dir.pair.a, off + 4)
                ptag = tag
            } else if ai < attrs.endIndex {
                tag = attrs[ai].tag
                data = attrs[ai].data
                ai += 1
            } else {
                return false
            }

            let mask = Tag.make(0x7FF, 0, 0)
            if (mask & tmask & tag) != (mask & tmask & ttag) { continue }

            if Tag.id(tmask) != 0 {
                var ftag = tag
                try dirTraverse(dir, off: off, ptag: ptag, attrs: attrs[ai...], tmask: 0, ttag: 0,
                                begin: 0, end: 0, diff: 0, filtering: true) { (t, _) throws(StorageError) -> Bool in
                    self.traverseFilter(&ftag, t)
                }
                tag = ftag
                if !(Tag.id(tag) >= begin && Tag.id(tag) < end) { continue }
            }

            let t3 = Tag.type3(tag)
            if t3 == LFSType.fromNoop {
                // nothing
            } else if t3 == LFSType.fromMove {
                if filtering { continue }
                guard case .move(let source) = data else { continue }
                let fromid = UInt16(Tag.size(tag))
                let toid = Tag.id(tag)
                try dirTraverse(source, off: 0, ptag: 0xFFFF_FFFF, attrs: [][...],
                                tmask: Tag.make(0x600, 0x3FF, 0), ttag: Tag.make(LFSType.structure, 0, 0),
                                begin: fromid, end: fromid + 1, diff: Int(toid) - Int(fromid) + diff, cb)
            } else if t3 == LFSType.fromUserAttrs {
                guard case .user(let list) = data else { continue }
                for (type, value) in list {
                    let t = Tag.make(LFSType.userAttr + UInt32(type),
                                     UInt32(truncatingIfNeeded: Int(Tag.id(tag)) + diff) & 0x3FF,
                                     UInt32(value.count))
                    if try cb(t, .bytes(value)) { break }
                }
            } else {
                if try cb(tag &+ Tag.idDelta(diff), data) { return true }
            }
        }
    }

    // MARK: fetch

    func dirFetchMatch(_ dir: inout MDir, _ pair: Pair, fmask: UInt32, ftag: UInt32,
                       _ cb: MatchCallback? = nil) throws(StorageError) -> FetchMatch {
        var besttag: UInt32 = 0xFFFF_FFFF
        if pair.a >= blockCount32 || pair.b >= blockCount32 { throw .corrupt }

        // the block with the newest revision goes first
        var revs: [UInt32] = [0, 0]
        var r = 0
        for i in 0..<2 {
            var readErr: StorageError? = nil
            do throws(StorageError) {
                revs[i] = try bdReadLE32(nil, rcache, hint: 4, block: pair[i], off: 0)
            } catch {
                if error != .corrupt { throw error }
                readErr = error
            }
            if readErr == nil && Int32(bitPattern: revs[i] &- revs[(i + 1) % 2]) > 0 {
                r = i
            }
        }

        dir.pair = Pair(pair[r], pair[(r + 1) % 2])
        dir.rev = revs[r]
        dir.off = 0

        for _ in 0..<2 {
            var off = 0
            var ptag: UInt32 = 0xFFFF_FFFF
            var tempcount: UInt16 = 0
            var temptail = Pair.null
            var tempsplit = false
            var tempbesttag = besttag
            var maybeErased = false
            var hasFcrc = false
            var fcrcSize: UInt32 = 0
            var fcrcValue: UInt32 = 0

            var crc = LFS2CRC.update(0xFFFF_FFFF, le32: dir.rev)

            scan: while true {
                off += Tag.dsize(ptag)
                var rawTag: UInt32 = 0
                do throws(StorageError) {
                    rawTag = try bdReadBE32(rcache, hint: blockSize, block: dir.pair.a, off: off)
                } catch {
                    if error == .corrupt { break scan }
                    throw error
                }
                crc = LFS2CRC.update(crc, beBytesOf(rawTag))
                let tag = rawTag ^ ptag

                if !Tag.isValid(tag) {
                    maybeErased = Tag.type2(ptag) == LFSType.ccrc
                    break
                } else if off + Tag.dsize(tag) > blockSize {
                    break
                }
                ptag = tag

                if Tag.type2(tag) == LFSType.ccrc {
                    var dcrc: UInt32 = 0
                    do throws(StorageError) {
                        dcrc = try bdReadLE32(nil, rcache, hint: blockSize, block: dir.pair.a, off: off + 4)
                    } catch {
                        if error == .corrupt { break scan }
                        throw error
                    }
                    if crc != dcrc { break }
                    ptag ^= UInt32(Tag.chunk(tag) & 1) << 31
                    seed = LFS2CRC.update(seed, le32: crc)

                    besttag = tempbesttag
                    dir.off = off + Tag.dsize(tag)
                    dir.etag = ptag
                    dir.count = tempcount
                    dir.tail = temptail
                    dir.split = tempsplit
                    crc = 0xFFFF_FFFF
                    continue
                }

                do throws(StorageError) {
                    try bdCRC(nil, rcache, hint: blockSize, block: dir.pair.a, off: off + 4,
                              count: Tag.dsize(tag) - 4, &crc)
                } catch {
                    if error == .corrupt { break scan }
                    throw error
                }

                if Tag.type1(tag) == LFSType.name {
                    if Tag.id(tag) >= tempcount { tempcount = Tag.id(tag) + 1 }
                } else if Tag.type1(tag) == LFSType.splice {
                    tempcount = UInt16(truncatingIfNeeded: Int(tempcount) + Tag.splice(tag))
                    if tag == (Tag.make(LFSType.delete, 0, 0) | (Tag.make(0, 0x3FF, 0) & tempbesttag)) {
                        tempbesttag |= 0x8000_0000
                    } else if tempbesttag != 0xFFFF_FFFF && Tag.id(tag) <= Tag.id(tempbesttag) {
                        tempbesttag &+= Tag.idDelta(Tag.splice(tag))
                    }
                } else if Tag.type1(tag) == LFSType.tail {
                    tempsplit = (Tag.chunk(tag) & 1) != 0
                    do throws(StorageError) {
                        let b = try bdReadBytes(nil, rcache, hint: blockSize, block: dir.pair.a, off: off + 4, count: 8)
                        temptail = Pair(le: b)
                    } catch {
                        if error == .corrupt { break scan }
                        throw error
                    }
                } else if Tag.type3(tag) == LFSType.fcrc {
                    do throws(StorageError) {
                        let b = try bdReadBytes(nil, rcache, hint: blockSize, block: dir.pair.a, off: off + 4, count: 8)
                        fcrcSize = le32(b, 0); fcrcValue = le32(b, 4)
                        hasFcrc = true
                    } catch {
                        if error == .corrupt { break scan }
                        throw error
                    }
                }

                if (fmask & tag) == (fmask & ftag), let cb {
                    var res: Cmp = .eq
                    do throws(StorageError) {
                        res = try cb(tag, dir.pair.a, off + 4)
                    } catch {
                        if error == .corrupt { break scan }
                        throw error
                    }
                    if res == .eq {
                        tempbesttag = tag
                    } else if (Tag.make(0x7FF, 0x3FF, 0) & tag) == (Tag.make(0x7FF, 0x3FF, 0) & tempbesttag) {
                        tempbesttag = 0xFFFF_FFFF
                    } else if res == .gt && Tag.id(tag) <= Tag.id(tempbesttag) {
                        tempbesttag = tag | 0x8000_0000
                    }
                }
            }

            if dir.off == 0 {
                // no valid commit here, try the other block
                dir.pair.swap()
                dir.rev = revs[(r + 1) % 2]
                continue
            }

            dir.erased = false
            if maybeErased && dir.off % progSize == 0 {
                if diskVersion < 0x0002_0001 && !hasFcrc {
                    dir.erased = true
                } else if hasFcrc {
                    var ecrc: UInt32 = 0xFFFF_FFFF
                    var ok = true
                    do throws(StorageError) {
                        try bdCRC(nil, rcache, hint: blockSize, block: dir.pair.a, off: dir.off,
                                  count: Int(min(fcrcSize, UInt32(blockSize))), &ecrc)
                    } catch {
                        if error != .corrupt { throw error }
                        ok = false
                    }
                    dir.erased = ok && ecrc == fcrcValue
                }
            }

            if gdisk.hasMoveHere(dir.pair) {
                if Tag.id(gdisk.tag) == Tag.id(besttag) {
                    besttag |= 0x8000_0000
                } else if besttag != 0xFFFF_FFFF && Tag.id(gdisk.tag) < Tag.id(besttag) {
                    besttag &-= Tag.make(0, 1, 0)
                }
            }

            fetchedId = min(Tag.id(besttag), dir.count)

            if Tag.isValid(besttag) {
                return .found(besttag)
            } else if Tag.id(besttag) < dir.count {
                return .noEntry
            } else {
                return .none
            }
        }
        throw .corrupt
    }

    func dirFetch(_ dir: inout MDir, _ pair: Pair) throws(StorageError) {
        _ = try dirFetchMatch(&dir, pair, fmask: 0xFFFF_FFFF, ftag: 0xFFFF_FFFF)
    }

    func dirGetGState(_ dir: MDir, _ gstate: inout GState) throws(StorageError) {
        if let (_, data) = try dirGetIfPresent(dir, gmask: Tag.make(0x7FF, 0, 0),
                                               gtag: Tag.make(LFSType.moveState, 0, 12)) {
            gstate.xor(GState(le: data))
        }
    }

    struct Info {
        var name: [UInt8]
        var type: UInt32
        var size: Int
    }

    func dirGetInfo(_ dir: MDir, id: UInt16) throws(StorageError) -> Info {
        if id == 0x3FF {
            return Info(name: [0x2F], type: LFSType.dir, size: 0)
        }
        let (tag, nameBytes) = try dirGet(dir, gmask: Tag.make(0x780, 0x3FF, 0),
                                          gtag: Tag.make(LFSType.name, UInt32(id), UInt32(nameMax + 1)))
        let name = Array(nameBytes[0..<min(Int(Tag.size(tag)), nameBytes.count)])
        let type = Tag.type3(tag)
        let (stag, s) = try dirGet(dir, gmask: Tag.make(0x700, 0x3FF, 0),
                                   gtag: Tag.make(LFSType.structure, UInt32(id), 8))
        var size = 0
        if Tag.type3(stag) == LFSType.ctzStruct {
            size = Int(le32(s, 4))
        } else if Tag.type3(stag) == LFSType.inlineStruct {
            size = Int(Tag.size(stag))
        }
        return Info(name: name, type: type, size: size)
    }

    /// Compares a name on disk with `name` in littlefs's order.
    func nameMatcher(_ name: [UInt8]) -> MatchCallback {
        return { (tag, block, off) throws(StorageError) -> Cmp in
            let diff = min(name.count, Int(Tag.size(tag)))
            let res = try self.bdCmp(nil, self.rcache, hint: diff, block: block, off: off, name, count: diff)
            if res != .eq { return res }
            if name.count != Int(Tag.size(tag)) {
                return name.count < Int(Tag.size(tag)) ? .lt : .gt
            }
            return .eq
        }
    }

    enum FindResult {
        /// The whole path exists; `tag` describes the last component.
        case found(UInt32)
        /// Component `index` does not exist (its parent was found and is in `dir`).
        case missing(Int)
    }

    /// Looks up a path (given as its components) from the root. On return `dir` holds the
    /// metadata pair of the last component looked at and `id` its id (or where it would go).
    func dirFind(_ names: [[UInt8]], _ dir: inout MDir, id: inout UInt16) throws(StorageError) -> FindResult {
        var tag = Tag.make(LFSType.dir, 0x3FF, 0)
        dir.tail = root
        id = 0x3FF
        for (index, name) in names.enumerated() {
            if Tag.type3(tag) != LFSType.dir { throw .notDirectory }
            if Tag.id(tag) != 0x3FF {
                let (_, p) = try dirGet(dir, gmask: Tag.make(0x700, 0x3FF, 0),
                                        gtag: Tag.make(LFSType.structure, UInt32(Tag.id(tag)), 8))
                dir.tail = Pair(le: p)
            }
            var guardCount = 0
            while true {
                let res = try dirFetchMatch(&dir, dir.tail, fmask: Tag.make(0x780, 0, 0),
                                            ftag: Tag.make(LFSType.name, 0, UInt32(name.count)), nameMatcher(name))
                id = fetchedId
                if case .found(let t) = res { tag = t; break }
                if res == .noEntry { return .missing(index) }
                if !dir.split { return .missing(index) }
                guardCount += 1
                if guardCount > Int(blockCount32) { throw .corrupt }
            }
        }
        return .found(tag)
    }
}
