// Directory operations: creating, removing and renaming entries, reading directories,
// and user attributes. A directory is a linked list of metadata pairs; all directories
// are also threaded, in creation order, on one list through their tail pointers.

final class DirHandle: MListEntry, DirectoryIterator {
    let fs: LittleFS2
    var head = Pair.null
    var pos = 0
    var closed = false
    var pairsVisited = 0

    init(fs: LittleFS2) {
        self.fs = fs
        super.init()
        self.type = LFSType.dir
    }

    func next() throws(StorageError) -> EntryInfo? {
        guard !closed else { return nil }
        do throws(StorageError) {
            while let info = try fs.dirRead(self) {
                if info.name == [0x2E] || info.name == [0x2E, 0x2E] { continue }
                return info.entry
            }
        } catch {
            close()
            throw error
        }
        close()
        return nil
    }

    func close() {
        if closed { return }
        closed = true
        fs.mlistRemove(self)
    }

    deinit {
        if !closed { fs.mlistRemove(self) }
    }
}

extension LittleFS2 {
    struct DirEntry {
        var name: [UInt8]
        var entry: EntryInfo
    }

    func makeDirectory(names: [[UInt8]]) throws(StorageError) {
        try fsForceConsistency()
        let cwd = MListEntry()
        var id: UInt16 = 0
        var m = MDir()
        let res = try dirFind(names, &m, id: &id)
        cwd.m = m
        guard case .missing(let index) = res, index == names.count - 1 else {
            if case .missing = res { throw .noEntry }
            throw .exists
        }
        let name = names[index]
        if name.count > nameMax { throw .nameTooLong }

        allocCheckpoint()
        var dir = try dirAlloc()

        // find the end of the parent's list
        var pred = cwd.m
        var guardCount = 0
        while pred.split {
            try dirFetch(&pred, pred.tail)
            guardCount += 1
            if guardCount > Int(blockCount32) { throw .corrupt }
        }

        try dirCommit(&dir, [MAttr(Tag.make(LFSType.softTail, 0x3FF, 8), .bytes(pred.tail.leBytes))])

        if cwd.m.split {
            // hook the new pair in after the parent's last pair; this creates an orphan
            // until the parent's entry is committed
            try fsPrepOrphans(+1)
            cwd.type = 0
            cwd.id = 0
            mlistAppend(cwd)
            defer { mlistRemove(cwd) }
            try dirCommit(&pred, [MAttr(Tag.make(LFSType.softTail, 0x3FF, 8), .bytes(dir.pair.leBytes))])
            mlistRemove(cwd)
            try fsPrepOrphans(-1)
        }

        var list = [MAttr(Tag.make(LFSType.create, UInt32(id), 0)),
                    MAttr(Tag.make(LFSType.dir, UInt32(id), UInt32(name.count)), .bytes(name)),
                    MAttr(Tag.make(LFSType.dirStruct, UInt32(id), 8), .bytes(dir.pair.leBytes))]
        if !cwd.m.split {
            list.append(MAttr(Tag.make(LFSType.softTail, 0x3FF, 8), .bytes(dir.pair.leBytes)))
        }
        try dirCommit(cwd, list)
    }

    func openDirectory(names: [[UInt8]]) throws(StorageError) -> DirHandle {
        var m = MDir()
        var id: UInt16 = 0
        let res = try dirFind(names, &m, id: &id)
        guard case .found(let tag) = res else { throw .noEntry }
        if Tag.type3(tag) != LFSType.dir { throw .notDirectory }
        var pair: Pair
        if Tag.id(tag) == 0x3FF {
            pair = root
        } else {
            let (_, p) = try dirGet(m, gmask: Tag.make(0x700, 0x3FF, 0), gtag: Tag.make(LFSType.structure, UInt32(Tag.id(tag)), 8))
            pair = Pair(le: p)
        }
        let d = DirHandle(fs: self)
        try dirFetch(&d.m, pair)
        d.head = d.m.pair
        d.id = 0
        d.pos = 0
        mlistAppend(d)
        return d
    }

    func readMtime(_ m: MDir, id: UInt16) throws(StorageError) -> Int64? {
        guard let (tag, b) = try dirGetIfPresent(m, gmask: Tag.make(0x7FF, 0x3FF, 0),
                                                 gtag: Tag.make(LFSType.userAttr + UInt32(mtimeAttributeType), UInt32(id), 8)),
              Tag.size(tag) == 8 else { return nil }
        var v: UInt64 = 0
        for i in (0..<8).reversed() { v = v << 8 | UInt64(b[i]) }
        return Int64(bitPattern: v)
    }

    func makeEntry(_ info: Info, mtime: Int64?) -> EntryInfo {
        EntryInfo(name: String(decoding: info.name, as: UTF8.self),
                  type: info.type == LFSType.dir ? .directory : .file,
                  size: info.type == LFSType.dir ? 0 : info.size, mtime: mtime)
    }

    func dirRead(_ d: DirHandle) throws(StorageError) -> DirEntry? {
        if d.pos == 0 {
            d.pos += 1
            return DirEntry(name: [0x2E], entry: EntryInfo(name: ".", type: .directory, size: 0))
        } else if d.pos == 1 {
            d.pos += 1
            return DirEntry(name: [0x2E, 0x2E], entry: EntryInfo(name: "..", type: .directory, size: 0))
        }
        while true {
            if d.id >= d.m.count {
                if !d.m.split { return nil }
                var m = d.m
                try dirFetch(&m, m.tail)
                d.m = m
                d.id = 0
                // a tail list that loops would make the listing endless
                d.pairsVisited += 1
                if d.pairsVisited > Int(blockCount32) { throw .corrupt }
            }
            do throws(StorageError) {
                let info = try dirGetInfo(d.m, id: d.id)
                let mtime = try readMtime(d.m, id: d.id)
                d.id += 1
                d.pos += 1
                return DirEntry(name: info.name, entry: makeEntry(info, mtime: mtime))
            } catch {
                if error != .noEntry { throw error }
                d.id += 1
            }
        }
    }

    func statPath(names: [[UInt8]]) throws(StorageError) -> EntryInfo {
        var m = MDir()
        var id: UInt16 = 0
        let res = try dirFind(names, &m, id: &id)
        guard case .found(let tag) = res else { throw .noEntry }
        let info = try dirGetInfo(m, id: Tag.id(tag))
        if Tag.id(tag) == 0x3FF {
            return EntryInfo(name: "/", type: .directory, size: 0, mtime: nil)
        }
        return makeEntry(info, mtime: try readMtime(m, id: Tag.id(tag)))
    }

    func removePath(names: [[UInt8]]) throws(StorageError) {
        try fsForceConsistency()
        var cwdDir = MDir()
        var id: UInt16 = 0
        let res = try dirFind(names, &cwdDir, id: &id)
        guard case .found(let tag) = res else { throw .noEntry }
        if Tag.id(tag) == 0x3FF { throw .invalid }

        let dir = MListEntry()
        var isDir = false
        if Tag.type3(tag) == LFSType.dir {
            let (_, p) = try dirGet(cwdDir, gmask: Tag.make(0x700, 0x3FF, 0), gtag: Tag.make(LFSType.structure, UInt32(Tag.id(tag)), 8))
            var m = MDir()
            try dirFetch(&m, Pair(le: p))
            dir.m = m
            if dir.m.count > 0 || dir.m.split { throw .notEmpty }
            try fsPrepOrphans(+1)
            dir.type = 0
            dir.id = 0
            mlistAppend(dir)
            isDir = true
        }
        defer { if isDir { mlistRemove(dir) } }

        let cwd = MListEntry(cwdDir)
        try dirCommit(cwd, [MAttr(Tag.make(LFSType.delete, UInt32(Tag.id(tag)), 0))])
        if isDir { mlistRemove(dir) }

        if gstate.hasOrphans {
            try fsPrepOrphans(-1)
            var pred = MDir()
            if !(try fsPred(dir.m.pair, &pred)) { throw .corrupt }
            let p = MListEntry(pred)
            try dirDrop(p, dir.m)
        }
    }

    func renamePath(from oldNames: [[UInt8]], to newNames: [[UInt8]]) throws(StorageError) {
        // moving a directory into itself would cut it off from the tree (the reference
        // does not check this; POSIX says EINVAL)
        if newNames.count > oldNames.count && Array(newNames.prefix(oldNames.count)) == oldNames {
            throw .invalid
        }
        try fsForceConsistency()
        var oldcwd = MDir()
        var oid: UInt16 = 0
        let oldRes = try dirFind(oldNames, &oldcwd, id: &oid)
        guard case .found(let oldtag) = oldRes else { throw .noEntry }
        if Tag.id(oldtag) == 0x3FF { throw .invalid }

        var newcwd = MDir()
        var newid: UInt16 = 0
        let newRes = try dirFind(newNames, &newcwd, id: &newid)
        var prevtag: UInt32? = nil
        switch newRes {
        case .found(let t):
            if Tag.id(t) == 0x3FF { throw .invalid }
            prevtag = t
        case .missing(let index):
            if index != newNames.count - 1 { throw .noEntry }
        }

        let samePair = oldcwd.pair.overlaps(newcwd.pair)
        var newoldid = Tag.id(oldtag)
        let prevdir = MListEntry()
        var prevIsDir = false
        let newName = newNames.last ?? []

        if let prevtag {
            if Tag.type3(prevtag) != Tag.type3(oldtag) {
                throw Tag.type3(prevtag) == LFSType.dir ? .isDirectory : .notDirectory
            } else if samePair && newid == newoldid {
                return
            } else if Tag.type3(prevtag) == LFSType.dir {
                let (_, p) = try dirGet(newcwd, gmask: Tag.make(0x700, 0x3FF, 0), gtag: Tag.make(LFSType.structure, UInt32(newid), 8))
                var m = MDir()
                try dirFetch(&m, Pair(le: p))
                prevdir.m = m
                if prevdir.m.count > 0 || prevdir.m.split { throw .notEmpty }
                try fsPrepOrphans(+1)
                prevdir.type = 0
                prevdir.id = 0
                mlistAppend(prevdir)
                prevIsDir = true
            }
        } else {
            if newName.count > nameMax { throw .nameTooLong }
            if samePair && newid <= newoldid { newoldid += 1 }
        }
        defer { if prevIsDir { mlistRemove(prevdir) } }

        if !samePair {
            fsPrepMove(newoldid, oldcwd.pair)
        }

        var list: [MAttr] = []
        if prevtag != nil { list.append(MAttr(Tag.make(LFSType.delete, UInt32(newid), 0))) }
        list.append(MAttr(Tag.make(LFSType.create, UInt32(newid), 0)))
        list.append(MAttr(Tag.make(Tag.type3(oldtag), UInt32(newid), UInt32(newName.count)), .bytes(newName)))
        list.append(MAttr(Tag.make(LFSType.fromMove, UInt32(newid), UInt32(Tag.id(oldtag))), .move(oldcwd)))
        if samePair { list.append(MAttr(Tag.make(LFSType.delete, UInt32(newoldid), 0))) }
        // keep the source pair current while the destination is committed (a relocation
        // there may rewrite it)
        let oldEntry = MListEntry(oldcwd)
        oldEntry.id = Tag.id(oldtag)
        if !samePair { mlistAppend(oldEntry) }
        let newEntry = MListEntry(newcwd)
        do throws(StorageError) {
            try dirCommit(newEntry, list)
        } catch {
            mlistRemove(oldEntry)
            throw error
        }
        mlistRemove(oldEntry)

        if !samePair && gstate.hasMove {
            fsPrepMove(0x3FF, nil)
            try dirCommit(oldEntry, [MAttr(Tag.make(LFSType.delete, UInt32(Tag.id(oldtag)), 0))])
        }
        if prevIsDir { mlistRemove(prevdir) }

        if gstate.hasOrphans {
            try fsPrepOrphans(-1)
            var pred = MDir()
            if !(try fsPred(prevdir.m.pair, &pred)) { throw .corrupt }
            try dirDrop(MListEntry(pred), prevdir.m)
        }
    }

    func getAttribute(names: [[UInt8]], type: UInt8) throws(StorageError) -> [UInt8]? {
        var m = MDir()
        var id: UInt16 = 0
        let res = try dirFind(names, &m, id: &id)
        guard case .found(let tag) = res else { throw .noEntry }
        var aid = Tag.id(tag)
        if aid == 0x3FF {
            aid = 0
            try dirFetch(&m, root)
        }
        guard let (t, data) = try dirGetIfPresent(m, gmask: Tag.make(0x7FF, 0x3FF, 0),
                                                  gtag: Tag.make(LFSType.userAttr + UInt32(type), UInt32(aid), UInt32(attrMax))) else {
            return nil
        }
        return Array(data[0..<min(Int(Tag.size(t)), data.count)])
    }

    func commitAttribute(names: [[UInt8]], type: UInt8, value: [UInt8]?) throws(StorageError) {
        var m = MDir()
        var id: UInt16 = 0
        let res = try dirFind(names, &m, id: &id)
        guard case .found(let tag) = res else { throw .noEntry }
        var aid = Tag.id(tag)
        if aid == 0x3FF {
            aid = 0
            try dirFetch(&m, root)
        }
        let entry = MListEntry(m)
        if let value {
            try dirCommit(entry, [MAttr(Tag.make(LFSType.userAttr + UInt32(type), UInt32(aid), UInt32(value.count)), .bytes(value))])
        } else {
            try dirCommit(entry, [MAttr(Tag.make(LFSType.userAttr + UInt32(type), UInt32(aid), 0x3FF))])
        }
    }
}
