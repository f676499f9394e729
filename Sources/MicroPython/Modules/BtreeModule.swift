/// btree: a key/value database on a stream, in Berkeley DB 1.85's btree file format (what
/// MicroPython's extmod/modbtree.c wraps), so database files move between this and the board.
///
/// The file is an array of pages of `psize` bytes. Page 0 is the meta page (magic, version,
/// page size, first free page, record count, flags), page 1 the root. Every other page has a
/// 20-byte header (page number, left and right sibling, type flags, lower and upper bounds of
/// the free space) followed by an index of 16-bit item offsets growing up while the items grow
/// down from the end. Leaf items are [key size, data size, flags, key, data]; internal items
/// [key size, child page, flags, key]; both 4-byte aligned. A key or data too big for a page
/// (over `ovflsize`) lives in a chain of overflow pages and the item holds [first page, size].
/// Siblings on each level are linked; freed pages form a list through their right links. All
/// numbers are little-endian (the byte order of the ESP8266 and of the hosts the C port runs on).
///
/// Pages are cached in the GC heap (bytearrays, at most `ncache` of them, as the C port's mpool
/// allocates its pages there) and written back by flush/close or when evicted. Operations
/// decode the pages they touch into host temporaries and encode them back, so nothing points
/// into the cache while it changes; any inconsistency in a page read from the stream is an
/// OSError(EINVAL) (the C code's EFTYPE), never a read outside the page.
public enum BtreeModule {
    // File format (berkeley-db 1.85 btree.h, db.h).
    static let magic: UInt32 = 0x053162
    static let version: UInt32 = 3
    static let metaSize = 24
    static let headerSize = 20          // BTDATAOFF
    static let minPageSize = 512
    static let maxPageSize = 65536      // MAX_PAGE_OFFSET + 1
    static let pageInvalid: UInt32 = 0
    static let metaPage: UInt32 = 0
    static let rootPage: UInt32 = 1
    static let pInternal: UInt32 = 0x01
    static let pLeaf: UInt32 = 0x02
    static let pOverflow: UInt32 = 0x04
    static let pTypeMask: UInt32 = 0x1F
    static let pPreserve: UInt32 = 0x20
    static let bigData: UInt8 = 0x01
    static let bigKey: UInt8 = 0x02
    static let overflowRefSize = 8      // NOVFLSIZE: page number and size
    static let noDups: UInt32 = 0x20    // B_NODUPS, saved in the meta page
    static let recno: UInt32 = 0x80     // R_RECNO
    static let defaultMinKeyPage = 2
    static let allowDuplicates = 1      // R_DUP, the only open flag
    // seq() flags (db.h).
    static let rCursor = 1, rFirst = 3, rLast = 6, rNext = 7, rPrev = 9
    // Iteration flags (modbtree.c).
    static let flagEndKeyIncl = 1, flagDesc = 2
    static let iterKeys = 0x40, iterValues = 0x80, iterItems = 0xC0, iterTypeMask = 0xC0
    static let seekSet = 0, seekEnd = 2
    static let streamSeek = 2           // MP_STREAM_SEEK
    static let cacheSlotBytes = 8

    nonisolated(unsafe) static var cls: NativeClass!
    nonisolated(unsafe) static var fStream: NativeField<Obj>!
    nonisolated(unsafe) static var fPages: NativeField<Obj>!      // list of bytearray pages
    nonisolated(unsafe) static var fSlots: NativeField<Obj>!      // bytearray: per page pgno, stamp|dirty
    nonisolated(unsafe) static var fStart: NativeField<Obj>!
    nonisolated(unsafe) static var fEnd: NativeField<Obj>!
    nonisolated(unsafe) static var fPageSize: NativeField<Int32>!
    nonisolated(unsafe) static var fFree: NativeField<UInt32>!
    nonisolated(unsafe) static var fPageCount: NativeField<UInt32>!
    nonisolated(unsafe) static var fOverflowSize: NativeField<Int32>!
    nonisolated(unsafe) static var fCacheSize: NativeField<Int32>!
    nonisolated(unsafe) static var fTreeFlags: NativeField<UInt32>!  // meta flags | state bits
    nonisolated(unsafe) static var fClock: NativeField<UInt32>!
    nonisolated(unsafe) static var fCursorPage: NativeField<UInt32>!
    nonisolated(unsafe) static var fCursorIndex: NativeField<Int32>!
    nonisolated(unsafe) static var fIterFlags: NativeField<Int32>!
    nonisolated(unsafe) static var fNextFlags: NativeField<Int32>!

    // State bits kept beside the meta flags.
    static let metaDirty: UInt32 = 1 << 16
    static let modified: UInt32 = 1 << 17
    static let dirtyBit: UInt32 = 0x8000_0000

    static func corrupt() -> PyExc { PyExc.osError(Errno.EINVAL) }

    // MARK: pages in host form

    struct Item {
        var key: [UInt8]      // stored key bytes (an overflow reference if flags has bigKey)
        var data: [UInt8]     // leaf: stored data bytes (reference if bigData)
        var child: UInt32     // internal: the page below
        var flags: UInt8
    }

    struct Page {
        var pgno: UInt32
        var prev: UInt32
        var next: UInt32
        var flags: UInt32
        var items: [Item]
        var isLeaf: Bool { flags & pTypeMask == pLeaf }
    }

    static func align(_ n: Int) -> Int { (n + 3) & ~3 }
    static func leafItemSize(_ k: Int, _ d: Int) -> Int { align(4 + 4 + 1 + k + d) }
    static func internalItemSize(_ k: Int) -> Int { align(4 + 4 + 1 + k) }
    static func itemSize(_ it: Item, leaf: Bool) -> Int {
        leaf ? leafItemSize(it.key.count, it.data.count) : internalItemSize(it.key.count)
    }
    /// Bytes a page's items take, with their index slots.
    static func used(_ items: [Item], leaf: Bool) -> Int {
        var n = 0
        for it in items { n += itemSize(it, leaf: leaf) + 2 }
        return n
    }

    static func u32(_ p: UnsafePointer<UInt8>, _ o: Int) -> UInt32 {
        UInt32(p[o]) | UInt32(p[o + 1]) << 8 | UInt32(p[o + 2]) << 16 | UInt32(p[o + 3]) << 24
    }
    static func u16(_ p: UnsafePointer<UInt8>, _ o: Int) -> Int { Int(p[o]) | Int(p[o + 1]) << 8 }
    static func put32(_ b: inout [UInt8], _ o: Int, _ v: UInt32) {
        for i in 0..<4 { b[o + i] = UInt8(truncatingIfNeeded: v >> UInt32(8 * i)) }
    }
    static func put16(_ b: inout [UInt8], _ o: Int, _ v: Int) {
        b[o] = UInt8(truncatingIfNeeded: v); b[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
    }

    /// Decodes a leaf or internal page, checking every offset and size against the page.
    static func decode(_ p: UnsafePointer<UInt8>, _ psize: Int, _ pgno: UInt32) throws(PyExc) -> Page {
        var page = Page(pgno: u32(p, 0), prev: u32(p, 4), next: u32(p, 8), flags: u32(p, 12), items: [])
        let lower = u16(p, 16), upper = u16(p, 18)
        let type = page.flags & pTypeMask
        guard type == pLeaf || type == pInternal else { throw corrupt() }
        let upperBound = upper == 0 && psize == maxPageSize ? maxPageSize : upper
        guard lower >= headerSize, (lower - headerSize) % 2 == 0, lower <= upperBound, upperBound <= psize else { throw corrupt() }
        let n = (lower - headerSize) / 2
        page.items.reserveCapacity(n)
        for i in 0..<n {
            let off = u16(p, headerSize + 2 * i)
            guard off >= lower, off + 9 <= psize else { throw corrupt() }
            if type == pLeaf {
                let k = Int(u32(p, off)), d = Int(u32(p, off + 4))
                guard k <= psize, d <= psize, off + 9 + k + d <= psize else { throw corrupt() }
                let f = p[off + 8]
                if f & bigKey != 0 && k != overflowRefSize { throw corrupt() }
                if f & bigData != 0 && d != overflowRefSize { throw corrupt() }
                page.items.append(Item(key: Array(UnsafeBufferPointer(start: p + off + 9, count: k)),
                                       data: Array(UnsafeBufferPointer(start: p + off + 9 + k, count: d)),
                                       child: 0, flags: f))
            } else {
                let k = Int(u32(p, off))
                guard k <= psize, off + 9 + k <= psize else { throw corrupt() }
                let f = p[off + 8]
                if f & bigKey != 0 && k != overflowRefSize { throw corrupt() }
                page.items.append(Item(key: Array(UnsafeBufferPointer(start: p + off + 9, count: k)),
                                       data: [], child: u32(p, off + 4), flags: f))
            }
        }
        _ = pgno
        return page
    }

    /// The page's bytes: header, index, items from the end of the page down (index 0 highest).
    static func encode(_ page: Page, _ psize: Int) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: psize)
        put32(&b, 0, page.pgno); put32(&b, 4, page.prev); put32(&b, 8, page.next); put32(&b, 12, page.flags)
        var upper = psize
        let leaf = page.isLeaf
        for (i, it) in page.items.enumerated() {
            let n = itemSize(it, leaf: leaf)
            upper -= n
            put16(&b, headerSize + 2 * i, upper)
            if leaf {
                put32(&b, upper, UInt32(it.key.count)); put32(&b, upper + 4, UInt32(it.data.count))
                b[upper + 8] = it.flags
                for (j, x) in it.key.enumerated() { b[upper + 9 + j] = x }
                for (j, x) in it.data.enumerated() { b[upper + 9 + it.key.count + j] = x }
            } else {
                put32(&b, upper, UInt32(it.key.count)); put32(&b, upper + 4, it.child)
                b[upper + 8] = it.flags
                for (j, x) in it.key.enumerated() { b[upper + 9 + j] = x }
            }
        }
        put16(&b, 16, headerSize + 2 * page.items.count)
        put16(&b, 18, upper == maxPageSize ? 0 : upper)
        return b
    }

    // MARK: the stream

    static func isUser(_ s: Obj) -> Bool { SelectModule.isUserStream(s) }

    /// readinto(buf): the count read; OSError for a negative result.
    static func streamReadInto(_ s: Obj, _ buf: Obj) throws(PyExc) -> Int {
        let r = try Runtime.callMethodByName(s, Qstr("readinto"), [buf])
        if r == .none { throw PyExc.osError(Errno.EAGAIN) }
        let n = try IntOps.toInt(r)
        if n < 0 { throw PyExc.osError(-n) }
        return n
    }

    static func streamWrite(_ s: Obj, _ buf: Obj) throws(PyExc) -> Int {
        let r = try Runtime.callMethodByName(s, Qstr("write"), [buf])
        if r == .none { throw PyExc.osError(Errno.EAGAIN) }
        let n = try IntOps.toInt(r)
        if n < 0 { throw PyExc.osError(-n) }
        return n
    }

    static func streamSeek(_ s: Obj, _ offset: Int, _ whence: Int) throws(PyExc) -> Int {
        if isUser(s) && Classes.lookup(typeOf(s), Qstr("seek")) == nil {
            // A bare io.IOBase stream seeks through its ioctl (MP_STREAM_SEEK).
            return try SelectModule.userIoctl(s, streamSeek, offset)
        }
        return try IntOps.toInt(try Runtime.callMethodByName(s, Qstr("seek"), [try IntOps.make(offset), Obj(small: whence)]))
    }

    static func streamFlush(_ s: Obj) throws(PyExc) {
        if isUser(s) && Classes.lookup(typeOf(s), Qstr("flush")) == nil { return }
        _ = try Runtime.callMethodByName(s, Qstr("flush"), [])
    }

    // MARK: the page cache

    static func psize(_ db: Obj) -> Int { Int(fPageSize[db]) }

    static func slotInfo(_ db: Obj) -> UnsafeMutablePointer<UInt32> {
        UnsafeMutableRawPointer(BytesMethods.data(fSlots[db]).0).assumingMemoryBound(to: UInt32.self)
    }
    static func slotCount(_ db: Obj) -> Int { List.count(fPages[db]) }

    /// The cache slot holding page `pgno`, reading it from the stream if needed (nil: the page
    /// is past the end of the file).
    static func slot(_ db: Obj, _ pgno: UInt32, reading: Bool = true) throws(PyExc) -> Int? {
        let info = slotInfo(db)
        let n = slotCount(db)
        fClock[db] = (fClock[db] &+ 1) & ~dirtyBit
        for i in 0..<n where info[2 * i] == pgno && info[2 * i + 1] != 0 {
            info[2 * i + 1] = (info[2 * i + 1] & dirtyBit) | fClock[db] | 1
            return i
        }
        if reading && pgno >= fPageCount[db] { return nil }
        let i = try freeSlot(db)
        let info2 = slotInfo(db)
        info2[2 * i] = pgno
        info2[2 * i + 1] = fClock[db] | 1
        let buf = List.item(fPages[db], i)
        if reading {
            let s = fStream[db]
            let off = Int(pgno) * psize(db)
            if try streamSeek(s, off, seekSet) != off { throw corrupt() }
            if try streamReadInto(s, buf) != psize(db) { info2[2 * i + 1] = 0; throw corrupt() }
        } else {
            BytesMethods.data(buf).0.initialize(repeating: 0, count: psize(db))
        }
        return i
    }

    /// A slot to load a page into: a new one while the cache is below its size, else the least
    /// recently used one (written back first if dirty).
    static func freeSlot(_ db: Obj) throws(PyExc) -> Int {
        let n = slotCount(db)
        var info = slotInfo(db)
        for i in 0..<n where info[2 * i + 1] == 0 { return i }
        if n < Int(fCacheSize[db]) {
            let page = try ByteArray.make(count: psize(db))
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = page
            var grown = Array(UnsafeBufferPointer(start: BytesMethods.data(fSlots[db]).0, count: n * cacheSlotBytes))
            grown += [UInt8](repeating: 0, count: cacheSlotBytes)
            try ByteArray.replaceContents(fSlots[db], grown)
            try List.append(fPages[db], page)
            return n
        }
        var best = 0
        info = slotInfo(db)
        for i in 1..<n where info[2 * i + 1] & ~dirtyBit < info[2 * best + 1] & ~dirtyBit { best = i }
        try writeBack(db, best)
        slotInfo(db)[2 * best + 1] = 0
        return best
    }

    static func writeBack(_ db: Obj, _ i: Int) throws(PyExc) {
        let info = slotInfo(db)
        guard info[2 * i + 1] & dirtyBit != 0 else { return }
        let s = fStream[db]
        let off = Int(info[2 * i]) * psize(db)
        if try streamSeek(s, off, seekSet) != off { throw PyExc.osError(Errno.EIO) }
        if try streamWrite(s, List.item(fPages[db], i)) != psize(db) { throw PyExc.osError(Errno.EIO) }
        slotInfo(db)[2 * i + 1] &= ~dirtyBit
    }

    static func readPage(_ db: Obj, _ pgno: UInt32) throws(PyExc) -> Page {
        guard pgno != metaPage, let i = try slot(db, pgno) else { throw corrupt() }
        let p = BytesMethods.data(List.item(fPages[db], i)).0
        let page = try decode(p, psize(db), pgno)
        if page.pgno != pgno { throw corrupt() }
        return page
    }

    static func rawPage(_ db: Obj, _ pgno: UInt32) throws(PyExc) -> UnsafeMutablePointer<UInt8> {
        guard let i = try slot(db, pgno) else { throw corrupt() }
        return BytesMethods.data(List.item(fPages[db], i)).0
    }

    static func writeRaw(_ db: Obj, _ pgno: UInt32, _ bytes: [UInt8]) throws(PyExc) {
        guard let i = try slot(db, pgno, reading: pgno < fPageCount[db]) else { throw corrupt() }
        let p = BytesMethods.data(List.item(fPages[db], i)).0
        for (j, x) in bytes.enumerated() { p[j] = x }
        slotInfo(db)[2 * i + 1] |= dirtyBit
        fTreeFlags[db] |= modified
    }

    static func writePage(_ db: Obj, _ page: Page) throws(PyExc) {
        guard used(page.items, leaf: page.isLeaf) + headerSize <= psize(db) else { throw corrupt() }
        try writeRaw(db, page.pgno, encode(page, psize(db)))
    }

    /// A page for new data: the head of the free list, or a new one at the end of the file.
    static func newPage(_ db: Obj) throws(PyExc) -> UInt32 {
        let f = fFree[db]
        if f != pageInvalid {
            guard f < fPageCount[db] else { throw corrupt() }
            let p = try rawPage(db, f)
            fFree[db] = u32(p, 8)
            fTreeFlags[db] |= metaDirty
            return f
        }
        let n = fPageCount[db]
        fPageCount[db] = n + 1
        // Dirty from the start: if it is evicted before it is filled, the file still grows.
        if let i = try slot(db, n, reading: false) { slotInfo(db)[2 * i + 1] |= dirtyBit }
        return n
    }

    static func freePage(_ db: Obj, _ pgno: UInt32) throws(PyExc) {
        var b = Array(UnsafeBufferPointer(start: try rawPage(db, pgno), count: psize(db)))
        put32(&b, 4, pageInvalid)
        put32(&b, 8, fFree[db])
        try writeRaw(db, pgno, b)
        fFree[db] = pgno
        fTreeFlags[db] |= metaDirty
    }

    // MARK: overflow chains

    static func overflowGet(_ db: Obj, _ ref: [UInt8]) throws(PyExc) -> [UInt8] {
        var pg = ref.withUnsafeBufferPointer { u32($0.baseAddress!, 0) }
        let size = Int(ref.withUnsafeBufferPointer { u32($0.baseAddress!, 4) })
        try Heap.checkTemporary(size)
        let plen = psize(db) - headerSize
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var pages = 0
        while out.count < size {
            guard pg != pageInvalid, pg != metaPage, pages <= Int(fPageCount[db]) else { throw corrupt() }
            let p = try rawPage(db, pg)
            let n = min(plen, size - out.count)
            out += UnsafeBufferPointer(start: p + headerSize, count: n)
            pg = u32(p, 8)
            pages += 1
        }
        return out
    }

    static func overflowPut(_ db: Obj, _ bytes: [UInt8]) throws(PyExc) -> [UInt8] {
        let plen = psize(db) - headerSize
        var first = pageInvalid
        var last = pageInvalid
        var lastBytes: [UInt8] = []
        var off = 0
        repeat {
            let pg = try newPage(db)
            if last != pageInvalid {
                put32(&lastBytes, 8, pg)
                try writeRaw(db, last, lastBytes)
            } else {
                first = pg
            }
            var b = [UInt8](repeating: 0, count: psize(db))
            put32(&b, 0, pg); put32(&b, 12, pOverflow)
            let n = min(plen, bytes.count - off)
            for j in 0..<n { b[headerSize + j] = bytes[off + j] }
            off += n
            try writeRaw(db, pg, b)
            last = pg
            lastBytes = b
        } while off < bytes.count
        var ref = [UInt8](repeating: 0, count: overflowRefSize)
        put32(&ref, 0, first)
        put32(&ref, 4, UInt32(bytes.count))
        return ref
    }

    static func overflowDelete(_ db: Obj, _ ref: [UInt8]) throws(PyExc) {
        var pg = ref.withUnsafeBufferPointer { u32($0.baseAddress!, 0) }
        guard pg != pageInvalid else { return }
        if u32(try rawPage(db, pg), 12) & pPreserve != 0 { return }
        var pages = 0
        while pg != pageInvalid {
            guard pg != metaPage, pages <= Int(fPageCount[db]) else { throw corrupt() }
            let next = u32(try rawPage(db, pg), 8)
            try freePage(db, pg)
            pg = next
            pages += 1
        }
    }

    static func preserve(_ db: Obj, _ ref: [UInt8]) throws(PyExc) {
        let pg = ref.withUnsafeBufferPointer { u32($0.baseAddress!, 0) }
        var b = Array(UnsafeBufferPointer(start: try rawPage(db, pg), count: psize(db)))
        put32(&b, 12, u32(b, 12) | pPreserve)
        try writeRaw(db, pg, b)
    }

    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 { b.withUnsafeBufferPointer { u32($0.baseAddress!, o) } }

    /// The full key of an item.
    static func fullKey(_ db: Obj, _ it: Item) throws(PyExc) -> [UInt8] {
        it.flags & bigKey != 0 ? try overflowGet(db, it.key) : it.key
    }
    static func fullData(_ db: Obj, _ it: Item) throws(PyExc) -> [UInt8] {
        it.flags & bigData != 0 ? try overflowGet(db, it.data) : it.data
    }

    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return Int(a[i]) - Int(b[i]) }
        return a.count - b.count
    }

    // MARK: search

    /// The path from the root to the leaf where `key` is or belongs: (page, index) per level;
    /// the last is the leaf with the first index whose key is >= key. `exact`: found.
    static func search(_ db: Obj, _ key: [UInt8]) throws(PyExc) -> ([(UInt32, Int)], Page, Bool) {
        var path: [(UInt32, Int)] = []
        var pg = rootPage
        var depth = 0
        while true {
            let page = try readPage(db, pg)
            var base = 0, lim = page.items.count
            var found = -1
            while lim > 0 {
                let i = base + (lim >> 1)
                let c: Int
                if i == 0 && page.prev == pageInvalid && !page.isLeaf {
                    c = 1
                } else {
                    c = compare(key, try fullKey(db, page.items[i]))
                }
                if c == 0 { found = i; break }
                if c > 0 { base = i + 1; lim -= 1 }
                lim >>= 1
            }
            if page.isLeaf {
                path.append((pg, found >= 0 ? found : base))
                return (path, page, found >= 0)
            }
            let idx = found >= 0 ? found : (base > 0 ? base - 1 : 0)
            guard idx < page.items.count else { throw corrupt() }
            path.append((pg, idx))
            pg = page.items[idx].child
            depth += 1
            if depth > 64 { throw corrupt() }
        }
    }

    // MARK: insertion and splits

    static func put(_ db: Obj, _ key: [UInt8], _ data: [UInt8]) throws(PyExc) {
        var (path, leaf, exact) = try search(db, key)
        let index = path[path.count - 1].1
        if exact && fTreeFlags[db] & noDups != 0 {
            let old = leaf.items[index]
            if old.flags & bigKey != 0 { try overflowDelete(db, old.key) }
            if old.flags & bigData != 0 { try overflowDelete(db, old.data) }
            leaf.items.remove(at: index)
        }
        var item = Item(key: key, data: data, child: 0, flags: 0)
        let limit = Int(fOverflowSize[db])
        if key.count + data.count > limit {
            if key.count > limit {
                item.key = try overflowPut(db, key); item.flags |= bigKey
            }
            if item.key.count + data.count > limit {
                item.data = try overflowPut(db, data); item.flags |= bigData
            }
            if item.key.count + item.data.count > limit && item.flags & bigKey == 0 {
                item.key = try overflowPut(db, key); item.flags |= bigKey
            }
        }
        leaf.items.insert(item, at: index)
        try store(db, leaf, path.dropLast())
        fTreeFlags[db] |= modified
    }

    /// Writes `page`, splitting it when its items do not fit; `parents` is the path above it.
    static func store(_ db: Obj, _ page: Page, _ parents: ArraySlice<(UInt32, Int)>) throws(PyExc) {
        let room = psize(db) - headerSize
        let leaf = page.isLeaf
        if used(page.items, leaf: leaf) <= room { return try writePage(db, page) }
        guard page.items.count >= 2 else { throw PyExc.make(Exceptions.MemoryError) }
        // Split point: about half the bytes to each side (at least one item each).
        let total = used(page.items, leaf: leaf)
        var acc = 0, cut = 0
        while cut < page.items.count - 1 {
            let s = itemSize(page.items[cut], leaf: leaf) + 2
            if cut > 0 && acc + s > total / 2 { break }
            acc += s
            cut += 1
        }
        if cut == 0 { cut = 1 }
        var left = Array(page.items[0..<cut])
        var right = Array(page.items[cut...])
        // Sides that still do not fit (one huge item): move items across.
        while used(left, leaf: leaf) > room && left.count > 1 { right.insert(left.removeLast(), at: 0) }
        while used(right, leaf: leaf) > room && right.count > 1 { left.append(right.removeFirst()) }
        // The separator the parent gets for the right page.
        var sep: Item
        let first = right[0]
        if leaf {
            if first.flags & bigKey != 0 {
                sep = Item(key: first.key, data: [], child: 0, flags: bigKey)
                try preserve(db, first.key)
            } else {
                // The shortest prefix of the right's first key above the left's last key.
                let a = try fullKey(db, left[left.count - 1]), b = first.key
                var n = 1
                let m = min(a.count, b.count)
                while n <= m && a[n - 1] == b[n - 1] { n += 1 }
                if n > m { n = a.count < b.count ? a.count + 1 : a.count }
                sep = Item(key: Array(b[0..<min(n, b.count)]), data: [], child: 0, flags: 0)
            }
        } else {
            sep = Item(key: first.key, data: [], child: 0, flags: first.flags & bigKey)
        }
        if page.pgno == rootPage {
            // The root stays page 1: its items go to two new pages below it.
            let l = try newPage(db), r = try newPage(db)
            let type = page.flags & pTypeMask
            try writePage(db, Page(pgno: l, prev: pageInvalid, next: r, flags: type, items: left))
            try writePage(db, Page(pgno: r, prev: l, next: pageInvalid, flags: type, items: right))
            sep.child = r
            var rootSep = sep
            if leaf { rootSep = Item(key: first.key, data: [], child: r, flags: first.flags & bigKey) }
            let root = Page(pgno: rootPage, prev: pageInvalid, next: pageInvalid,
                            flags: (page.flags & ~pTypeMask) | pInternal,
                            items: [Item(key: [], data: [], child: l, flags: 0), rootSep])
            return try writePage(db, root)
        }
        let r = try newPage(db)
        if page.next != pageInvalid {
            var after = try readPage(db, page.next)
            after.prev = r
            try writePage(db, after)
        }
        try writePage(db, Page(pgno: r, prev: page.pgno, next: page.next, flags: page.flags, items: right))
        try writePage(db, Page(pgno: page.pgno, prev: page.prev, next: r, flags: page.flags, items: left))
        guard let (ppg, pidx) = parents.last else { throw corrupt() }
        var parent = try readPage(db, ppg)
        sep.child = r
        guard pidx < parent.items.count else { throw corrupt() }
        parent.items.insert(sep, at: pidx + 1)
        try store(db, parent, parents.dropLast())
    }

    // MARK: deletion

    /// Removes `key`; false when it is not there.
    static func delete(_ db: Obj, _ key: [UInt8]) throws(PyExc) -> Bool {
        var (path, leaf, exact) = try search(db, key)
        guard exact else { return false }
        let index = path[path.count - 1].1
        let old = leaf.items[index]
        if old.flags & bigKey != 0 { try overflowDelete(db, old.key) }
        if old.flags & bigData != 0 { try overflowDelete(db, old.data) }
        leaf.items.remove(at: index)
        fTreeFlags[db] |= modified
        if !leaf.items.isEmpty || leaf.pgno == rootPage { try writePage(db, leaf); return true }
        // An empty page leaves the tree: its entry goes from the parent (parents left with no
        // entry go too); the root becomes an empty leaf when everything is gone.
        try writePage(db, leaf)
        var parents = path.dropLast()
        while let (ppg, pidx) = parents.popLast() {
            var parent = try readPage(db, ppg)
            guard pidx < parent.items.count else { throw corrupt() }
            let gone = parent.items[pidx]
            if gone.flags & bigKey != 0 { try overflowDelete(db, gone.key) }
            if parent.items.count == 1 {
                if ppg == rootPage {
                    try writePage(db, Page(pgno: rootPage, prev: pageInvalid, next: pageInvalid,
                                           flags: (parent.flags & ~pTypeMask) | pLeaf, items: []))
                    break
                }
                try unlink(db, parent)
                try freePage(db, ppg)
                continue
            }
            parent.items.remove(at: pidx)
            try writePage(db, parent)
            break
        }
        try unlink(db, leaf)
        try freePage(db, leaf.pgno)
        return true
    }

    static func unlink(_ db: Obj, _ page: Page) throws(PyExc) {
        if page.next != pageInvalid {
            var n = try readPage(db, page.next)
            n.prev = page.prev
            try writePage(db, n)
        }
        if page.prev != pageInvalid {
            var p = try readPage(db, page.prev)
            p.next = page.next
            try writePage(db, p)
        }
    }

    // MARK: cursor

    /// Moves to the first leaf item at or after (page, index), following right links.
    /// A sibling of `page` (right when `forward`), checked: it links back, and its keys
    /// continue the order (a damaged file could otherwise make iteration loop for ever).
    static func sibling(_ db: Obj, _ page: Page, forward: Bool) throws(PyExc) -> Page? {
        let n = forward ? page.next : page.prev
        if n == pageInvalid { return nil }
        let s = try readPage(db, n)
        guard (forward ? s.prev : s.next) == page.pgno, s.isLeaf == page.isLeaf, s.pgno != page.pgno else { throw corrupt() }
        if let a = forward ? page.items.last : page.items.first, let b = forward ? s.items.first : s.items.last {
            let c = compare(try fullKey(db, a), try fullKey(db, b))
            if forward ? c >= 0 : c <= 0 { throw corrupt() }
        }
        return s
    }

    static func settleForward(_ db: Obj, _ pg: UInt32, _ index: Int) throws(PyExc) -> (Page, Int)? {
        var page = try readPage(db, pg)
        var i = index
        var hops = 0
        while i >= page.items.count {
            guard let s = try sibling(db, page, forward: true) else { return nil }
            page = s
            i = 0
            hops += 1
            if hops > Int(fPageCount[db]) { throw corrupt() }
        }
        return (page, i)
    }

    static func settleBackward(_ db: Obj, _ pg: UInt32, _ index: Int) throws(PyExc) -> (Page, Int)? {
        var page = try readPage(db, pg)
        var i = index
        var hops = 0
        while i < 0 || page.items.isEmpty {
            guard let s = try sibling(db, page, forward: false) else { return nil }
            page = s
            i = page.items.count - 1
            hops += 1
            if hops > Int(fPageCount[db]) { throw corrupt() }
        }
        return (page, min(i, page.items.count - 1))
    }

    /// The leaf at the left (or right) end of the tree.
    static func edgeLeaf(_ db: Obj, last: Bool) throws(PyExc) -> Page {
        var page = try readPage(db, rootPage)
        var depth = 0
        while !page.isLeaf {
            guard !page.items.isEmpty else { throw corrupt() }
            page = try readPage(db, last ? page.items[page.items.count - 1].child : page.items[0].child)
            depth += 1
            if depth > 64 { throw corrupt() }
        }
        return page
    }

    /// seq(): the (key, data) at the new cursor position, or nil at the end.
    static func seq(_ db: Obj, _ flags: Int, _ key: [UInt8]?) throws(PyExc) -> ([UInt8], [UInt8])? {
        var at: (Page, Int)?
        switch flags {
        case rCursor:
            guard let key, !key.isEmpty else { throw PyExc.osError(Errno.EINVAL) }
            let (path, leaf, _) = try search(db, key)
            at = try settleForward(db, leaf.pgno, path[path.count - 1].1)
        case rFirst:
            at = try settleForward(db, try edgeLeaf(db, last: false).pgno, 0)
        case rLast:
            let l = try edgeLeaf(db, last: true)
            at = try settleBackward(db, l.pgno, l.items.count - 1)
        case rNext, rPrev:
            if fCursorPage[db] == pageInvalid {
                // Not started: as R_FIRST / R_LAST.
                return try seq(db, flags == rNext ? rFirst : rLast, nil)
            }
            let pg = fCursorPage[db], i = Int(fCursorIndex[db])
            at = flags == rNext ? try settleForward(db, pg, i + 1) : try settleBackward(db, pg, i - 1)
        default:
            throw PyExc.osError(Errno.EINVAL)
        }
        guard let (page, i) = at else { return nil }
        fCursorPage[db] = page.pgno
        fCursorIndex[db] = Int32(i)
        let it = page.items[i]
        return (try fullKey(db, it), try fullData(db, it))
    }

    // MARK: open, flush, close

    static func sync(_ db: Obj) throws(PyExc) {
        guard fTreeFlags[db] & modified != 0 else { return }
        if fTreeFlags[db] & metaDirty != 0 {
            var b = Array(UnsafeBufferPointer(start: try rawPage(db, metaPage), count: psize(db)))
            put32(&b, 0, magic); put32(&b, 4, version); put32(&b, 8, UInt32(psize(db)))
            put32(&b, 12, fFree[db]); put32(&b, 16, 0); put32(&b, 20, fTreeFlags[db] & (noDups | recno))
            try writeRaw(db, metaPage, b)
            fTreeFlags[db] &= ~metaDirty
        }
        for i in 0..<slotCount(db) { try writeBack(db, i) }
        try streamFlush(fStream[db])
        fTreeFlags[db] &= ~modified
    }

    static func open(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        var flags = 0, cachesize = 0, pagesize = 0, minkeypage = 0
        for k in 0..<nKw {
            let name = a[nPos + 2 * k], v = a[nPos + 2 * k + 1]
            let n = Str.string(name)
            let x = try IntOps.toInt(v)
            switch n {
            case "flags": flags = x
            case "cachesize": cachesize = x
            case "pagesize": pagesize = x
            case "minkeypage": minkeypage = x
            default: throw PyExc.typeError("unexpected keyword argument '\(n)'")
            }
        }
        let stream = a[0]
        try DeflateModule.checkStream(stream, write: true)
        let small = MicroPythonRuntime.port.moduleFeatures.contains(.btreeSmallPages)
        if flags & ~allowDuplicates != 0 { throw PyExc.osError(Errno.EINVAL) }
        if pagesize != 0 && (pagesize < minPageSize || pagesize > maxPageSize || pagesize & 1 != 0) { throw PyExc.osError(Errno.EINVAL) }
        if minkeypage != 0 && minkeypage < 2 { throw PyExc.osError(Errno.EINVAL) }
        if minkeypage == 0 { minkeypage = defaultMinKeyPage }

        let db = try cls.make()
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = db
        fStream[db] = stream
        fStart[db] = .none
        fEnd[db] = .none
        // The meta record, from where the stream is.
        let meta = try ByteArray.make(count: metaSize)
        fPages[db] = meta  // held while read
        let nr = try streamReadInto(stream, meta)
        var treeFlags: UInt32 = 0
        var free = pageInvalid
        if nr != 0 {
            if nr != metaSize { throw corrupt() }
            let p = BytesMethods.data(meta).0
            guard u32(p, 0) == magic, u32(p, 4) == version else { throw corrupt() }
            let ps = Int(u32(p, 8))
            guard ps >= minPageSize, ps <= maxPageSize, ps & 1 == 0 else { throw corrupt() }
            let mf = u32(p, 20)
            guard mf & ~(noDups | recno) == 0, mf & recno == 0 else { throw corrupt() }
            pagesize = ps
            treeFlags = mf
            free = u32(p, 12)
        } else {
            if pagesize == 0 { pagesize = small ? 1024 : 4096 }
            if flags & allowDuplicates == 0 { treeFlags |= noDups }
            treeFlags |= metaDirty
        }
        let minCache = small ? 3 : 5
        if cachesize != 0 && cachesize & (pagesize - 1) != 0 { cachesize += (~cachesize & (pagesize - 1)) + 1 }
        if cachesize < pagesize * minCache { cachesize = pagesize * minCache }
        let ncache = (cachesize + pagesize - 1) / pagesize
        var ovfl = (pagesize - headerSize) / minkeypage - (2 + leafItemSize(0, 0))
        if ovfl < leafItemSize(overflowRefSize, overflowRefSize) + 2 { ovfl = leafItemSize(overflowRefSize, overflowRefSize) + 2 }
        fPageSize[db] = Int32(pagesize)
        fFree[db] = free
        fTreeFlags[db] = treeFlags
        fOverflowSize[db] = Int32(ovfl)
        fCacheSize[db] = Int32(ncache)
        fCursorPage[db] = pageInvalid
        let size = try streamSeek(stream, 0, seekEnd)
        fPageCount[db] = UInt32(clamping: max(0, size) / pagesize)
        fPages[db] = try List.make(count: 0)
        fSlots[db] = try ByteArray.make(count: 0)
        if fPageCount[db] == 0 {
            // A new tree: the meta page and an empty root leaf.
            _ = try newPage(db)
            _ = try newPage(db)
            try writeRaw(db, metaPage, [UInt8](repeating: 0, count: pagesize))
            try writePage(db, Page(pgno: rootPage, prev: pageInvalid, next: pageInvalid, flags: pLeaf, items: []))
            fTreeFlags[db] &= ~modified
        } else if fPageCount[db] < 2 {
            throw corrupt()
        }
        return db
    }

    // MARK: the module

    static func isOpen(_ db: Obj) throws(PyExc) {
        if fPages[db].isNull || kindOf(fPages[db]) != .list { throw PyExc.valueError("database closed") }
    }

    static func bytesOf(_ o: Obj) throws(PyExc) -> [UInt8] { Array(try ModSupport.bufferView(o)) }

    static func get(_ db: Obj, _ key: Obj) throws(PyExc) -> Obj? {
        let (path, leaf, exact) = try search(db, try bytesOf(key))
        guard exact else { return nil }
        return try ModSupport.bytes(try fullData(db, leaf.items[path[path.count - 1].1]))
    }

    static func next(_ db: Obj) throws(PyExc) -> Obj {
        try isOpen(db)
        let iterFlags = Int(fIterFlags[db])
        let desc = iterFlags & flagDesc != 0
        var r: ([UInt8], [UInt8])?
        if !fStart[db].isNull {
            if fStart[db] != .none {
                r = try seq(db, rCursor, try bytesOf(fStart[db]))
            } else {
                r = try seq(db, desc ? rLast : rFirst, nil)
            }
            fStart[db] = .null
        } else {
            r = try seq(db, desc ? rPrev : rNext, nil)
        }
        guard let (k, v) = r else { return .null }
        if !fEnd[db].isNull && fEnd[db] != .none {
            var c = compare(k, try bytesOf(fEnd[db]))
            if desc { c = -c }
            if iterFlags & flagEndKeyIncl != 0 { c -= 1 }
            if c >= 0 {
                fEnd[db] = .null
                return .null
            }
        }
        switch iterFlags & iterTypeMask {
        case iterKeys: return try ModSupport.bytes(k)
        case iterValues: return try ModSupport.bytes(v)
        default:
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = try ModSupport.bytes(k)
            return try Tuple.make2(hold[0], try ModSupport.bytes(v))
        }
    }

    static func initIter(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int, _ type: Int) throws(PyExc) -> Obj {
        let db = a[0]
        fNextFlags[db] = Int32(type)
        fStart[db] = .none
        fEnd[db] = .none
        if nPos > 1 {
            fStart[db] = a[1]
            if nPos > 2 {
                fEnd[db] = a[2]
                if nPos > 3 { fNextFlags[db] = Int32(type | (try IntOps.toInt(a[3]) & 0xFF)) }
            }
        }
        return db
    }

    static func install() {
        let m = ModuleBuilder("btree")
        let c = NativeClass("btree")
        cls = c
        fStream = c.field(Obj.self); fPages = c.field(Obj.self); fSlots = c.field(Obj.self)
        fStart = c.field(Obj.self); fEnd = c.field(Obj.self)
        fPageSize = c.field(Int32.self); fFree = c.field(UInt32.self); fPageCount = c.field(UInt32.self)
        fOverflowSize = c.field(Int32.self); fCacheSize = c.field(Int32.self); fTreeFlags = c.field(UInt32.self)
        fClock = c.field(UInt32.self); fCursorPage = c.field(UInt32.self); fCursorIndex = c.field(Int32.self)
        fIterFlags = c.field(Int32.self); fNextFlags = c.field(Int32.self)

        c.method("close", 1, 1) { (a, _, _) throws(PyExc) in
            let db = a[0]
            if !fPages[db].isNull && kindOf(fPages[db]) == .list {
                defer { fPages[db] = .null; fSlots[db] = .null }
                try sync(db)
            }
            return Obj(small: 0)
        }
        c.method("flush", 1, 1) { (a, _, _) throws(PyExc) in
            try isOpen(a[0])
            try sync(a[0])
            return Obj(small: 0)
        }
        c.method("get", 2, 3) { (a, nPos, _) throws(PyExc) in
            try isOpen(a[0])
            return try get(a[0], a[1]) ?? (nPos > 2 ? a[2] : .none)
        }
        c.method("put", 3, 4) { (a, _, _) throws(PyExc) in
            try isOpen(a[0])
            try put(a[0], try bytesOf(a[1]), try bytesOf(a[2]))
            return Obj(small: 0)
        }
        c.method("seq", 2, 4) { (a, nPos, _) throws(PyExc) in
            try isOpen(a[0])
            guard a[1].isSmallInt else { throw PyExc.osError(Errno.EINVAL) }
            let key = nPos > 2 ? try bytesOf(a[2]) : nil
            guard let (k, v) = try seq(a[0], a[1].smallValue, key) else { return .none }
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = try ModSupport.bytes(k)
            return try Tuple.make2(hold[0], try ModSupport.bytes(v))
        }
        c.method("keys", 1, 4) { (a, nPos, _) throws(PyExc) in try initIter(a, nPos, iterKeys) }
        c.method("values", 1, 4) { (a, nPos, _) throws(PyExc) in try initIter(a, nPos, iterValues) }
        c.method("items", 1, 4) { (a, nPos, _) throws(PyExc) in try initIter(a, nPos, iterItems) }
        c.method("__getitem__", 2, 2) { (a, _, _) throws(PyExc) in
            try isOpen(a[0])
            guard let v = try get(a[0], a[1]) else { throw PyExc.make(Exceptions.KeyError) }
            return v
        }
        c.method("__setitem__", 3, 3) { (a, _, _) throws(PyExc) in
            try isOpen(a[0])
            try put(a[0], try bytesOf(a[1]), try bytesOf(a[2]))
            return .none
        }
        c.method("__delitem__", 2, 2) { (a, _, _) throws(PyExc) in
            try isOpen(a[0])
            if !(try delete(a[0], try bytesOf(a[1]))) { throw PyExc.make(Exceptions.KeyError) }
            return .none
        }
        c.method("__contains__", 2, 2) { (a, _, _) throws(PyExc) in
            try isOpen(a[0])
            return Obj(bool: try get(a[0], a[1]) != nil)
        }
        c.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            let open = !fPages[a[0]].isNull && kindOf(fPages[a[0]]) == .list
            return try Str.make("<btree \(open ? String(a[0].raw, radix: 16) : "0")>")
        }
        let slots = NativeProtocols()
        slots.next = { o throws(PyExc) in try next(o) }
        c.implement(slots)
        // Iterating right after keys()/values()/items() uses their range; otherwise all keys.
        c.method("__iter__", 1, 1) { (a, _, _) throws(PyExc) in
            let db = a[0]
            if fNextFlags[db] != 0 {
                fIterFlags[db] = fNextFlags[db]
                fNextFlags[db] = 0
            } else {
                fIterFlags[db] = Int32(iterKeys)
                fStart[db] = .none
                fEnd[db] = .none
            }
            return db
        }

        m.function("open", 1, 1, kw: true) { (a, nPos, nKw) throws(PyExc) in try open(a, nPos, nKw) }
        m.set("INCL", Obj(small: flagEndKeyIncl))
        m.set("DESC", Obj(small: flagDesc))
    }
}
