/// A host-side index over one large map table whose keys are all small ints, or all strs.
///
/// MicroPython's maps probe linearly and grow only when completely full, so in a big table
/// with clustered int keys (counters, sparse arrays, caches keyed by id) a lookup of an absent
/// key, or finding the slot for a new one, walks thousands of slots. The table, its layout and
/// its iteration order must stay MicroPython's; the index only answers faster where a key is
/// (or that it is absent) and where the first free slot after a position is. It lives outside
/// the GC heap, so memory figures are unchanged.
///
/// At most one table is indexed: the one on which long probes accumulated past half its size
/// (so building, O(size), costs no more than the probing it saves). It is dropped whenever the
/// table could change behind its back: a non-small-int key is added, the table is released
/// (rehash, clear), or a collection runs (the table might be freed and its address reused).
/// Every key change of the indexed table goes through `MapRef`, which keeps the index in step.
enum MapIndex {
    /// Arena offset of the indexed table; 0 when none.
    nonisolated(unsafe) static var table: UInt32 = 0
    nonisolated(unsafe) static var alloc = 0
    /// Bit i of word i/64: slot i holds a live key (not empty, not deleted).
    nonisolated(unsafe) static var occupiedAddress: UInt = 0
    /// Open addressing from key word to slot index; key 0 = never used, 2 = deleted (small
    /// ints are odd, so neither can be a key).
    nonisolated(unsafe) static var keysAddress: UInt = 0
    nonisolated(unsafe) static var slotsAddress: UInt = 0
    nonisolated(unsafe) static var capacity = 0      // entries (a power of two)
    nonisolated(unsafe) static var occupiedCapacity = 0   // words
    nonisolated(unsafe) static var filled = 0        // live + deleted entries
    /// The table long probes were last seen on, and how many slots they walked.
    nonisolated(unsafe) static var pressureTable: UInt32 = 0
    nonisolated(unsafe) static var pressure = 0
    /// A table found to hold other keys (not indexed until something changes).
    nonisolated(unsafe) static var rejected: UInt32 = 0
    /// What the indexed table holds: small ints (entries are the key words) or strs (entries
    /// are `code(hash)`, and a hit is confirmed by comparing the strings).
    nonisolated(unsafe) static var holdsStrs = false

    static let smallestTable = 512
    static let empty: UInt32 = 0, deleted: UInt32 = 2

    @inline(__always) static var occupied: UnsafeMutablePointer<UInt64> {
        UnsafeMutablePointer<UInt64>(bitPattern: occupiedAddress).unsafelyUnwrapped
    }
    @inline(__always) static var keys: UnsafeMutablePointer<UInt32> {
        UnsafeMutablePointer<UInt32>(bitPattern: keysAddress).unsafelyUnwrapped
    }
    @inline(__always) static var slots: UnsafeMutablePointer<UInt32> {
        UnsafeMutablePointer<UInt32>(bitPattern: slotsAddress).unsafelyUnwrapped
    }

    @inline(__always) static func invalidate() {
        table = 0
        rejected = 0
        pressureTable = 0
    }

    @inline(__always) static func home(_ key: UInt32) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> 7) & (capacity - 1)
    }

    /// The entry word for a str of hash `h` (odd, so never `empty` or `deleted`).
    @inline(__always) static func code(_ h: UInt32) -> UInt32 { h << 2 | 1 }

    /// The hash of a key of a str table: a qstr's, or the one a str object stores.
    @inline(__always) static func strHash(_ k: Obj) -> UInt32 {
        Str.hash(k)    // computes it if a str was made without one
    }

    /// Can `k` be a key of a str table? (qstrs and plain str objects, which store their hash)
    @inline(__always) static func isStrKey(_ k: Obj) -> Bool {
        k.isQstr || (k.isPointer && field(k, 0) == Types.str)
    }

    /// Slot index of small-int `key` in the indexed table, or nil when absent.
    @inline(__always) static func find(_ key: Obj) -> Int? {
        let k = keys
        var i = home(key.raw)
        while true {
            let e = k[i]
            if e == key.raw { return Int(slots[i]) }
            if e == empty { return nil }
            i = (i + 1) & (capacity - 1)
        }
    }

    /// Slot index of str `key` (hash `h`) in the indexed table, or nil when absent.
    @inline(__always) static func findStr(_ key: Obj, _ h: UInt32, _ t: UnsafeMutablePointer<Obj>) -> Int? {
        let k = keys
        let c = code(h)
        var i = home(c)
        while true {
            let e = k[i]
            if e == c {
                let s = Int(slots[i])
                let stored = t[2 * s]
                if stored == key || (!(stored.isQstr && key.isQstr) && Str.equal(stored, key)) { return s }
            }
            if e == empty { return nil }
            i = (i + 1) & (capacity - 1)
        }
    }

    @inline(__always) static func entry(_ key: Obj) -> UInt32 { holdsStrs ? code(strHash(key)) : key.raw }

    /// Records that `key` now lives in slot `slot`.
    static func added(_ key: Obj, _ slot: Int) {
        occupied[slot >> 6] |= 1 << UInt64(slot & 63)
        // The key is already in the table, so a rebuild picks it up.
        if (filled + 1) * 4 > capacity * 3 { rebuildKeys(); return }
        insertKey(entry(key), slot)
    }

    /// Records that `key`, which was in slot `slot`, is gone.
    static func removed(_ key: Obj, _ slot: Int) {
        occupied[slot >> 6] &= ~(1 << UInt64(slot & 63))
        let k = keys
        let e = entry(key)
        var i = home(e)
        while !(k[i] == e && Int(slots[i]) == slot) {
            if k[i] == empty { return }
            i = (i + 1) & (capacity - 1)
        }
        k[i] = deleted
    }

    @inline(__always) static func insertKey(_ key: UInt32, _ slot: Int) {
        let k = keys
        var i = home(key)
        while k[i] != empty && k[i] != deleted { i = (i + 1) & (capacity - 1) }
        if k[i] == empty { filled += 1 }
        k[i] = key
        slots[i] = UInt32(slot)
    }

    /// The first slot at or after `start` (wrapping) that is empty or deleted, or -1 when the
    /// table is full: MicroPython's choice of slot for a new key.
    static func firstFree(from start: Int) -> Int {
        let occ = occupied
        let words = (alloc + 63) >> 6
        // The bits past the end of the table are kept set, so they never look free.
        var w = start >> 6
        var bits = ~occ[w] & (~0 << UInt64(start & 63))
        var seen = 0
        while true {
            if bits != 0 { return (w << 6) + bits.trailingZeroBitCount }
            seen += 1
            if seen > words { return -1 }
            w += 1
            if w == words { w = 0 }
            bits = ~occ[w]
            if w == start >> 6 { bits &= (1 << UInt64(start & 63)) &- 1 }
        }
    }

    /// Counts a long probe for `key` on `map`; builds the index once they add up to half the
    /// table. Only int and str keys can lead to an index.
    static func notePressure(_ map: MapRef, _ probes: Int, key: Obj) {
        let strs: Bool
        if key.isSmallInt { strs = false } else if isStrKey(key) { strs = true } else { return }
        let off = words(map.owner)[map.base + 2]
        let a = map.alloc
        if a < smallestTable || off == rejected { return }
        if off != pressureTable { pressureTable = off; pressure = 0 }
        pressure += probes
        if pressure * 2 > a { build(map, off, strs: strs) }
    }

    @inline(__always) static func isLive(_ k: Obj) -> Bool { !k.isNull && k != .sentinel }

    static func build(_ map: MapRef, _ off: UInt32, strs: Bool) {
        pressure = 0
        let a = map.alloc
        let t = map.table
        for i in 0..<a {
            let k = t[2 * i]
            if isLive(k) && !(strs ? isStrKey(k) : k.isSmallInt) { rejected = off; table = 0; return }
        }
        holdsStrs = strs
        reserve(a)
        alloc = a
        let occ = occupied
        let words = (a + 63) >> 6
        occ.update(repeating: 0, count: words)
        if a & 63 != 0 { occ[words - 1] = ~0 << UInt64(a & 63) }
        for i in 0..<a where isLive(t[2 * i]) { occ[i >> 6] |= 1 << UInt64(i & 63) }
        table = off
        rebuildKeys()
    }

    /// Refills the key index from the table (drops deleted entries).
    static func rebuildKeys() {
        let t = objArray(table)
        keys.update(repeating: empty, count: capacity)
        filled = 0
        for i in 0..<alloc where isLive(t[2 * i]) { insertKey(entry(t[2 * i]), i) }
    }

    static func reserve(_ a: Int) {
        var cap = 1024
        while cap < 2 * a + 2 { cap <<= 1 }
        if cap > capacity {
            if keysAddress != 0 {
                keys.deallocate(); slots.deallocate()
            }
            keysAddress = UInt(bitPattern: UnsafeMutablePointer<UInt32>.allocate(capacity: cap))
            slotsAddress = UInt(bitPattern: UnsafeMutablePointer<UInt32>.allocate(capacity: cap))
            capacity = cap
        }
        let words = (a + 63) >> 6
        if words > occupiedCapacity {
            if occupiedAddress != 0 { occupied.deallocate() }
            occupiedAddress = UInt(bitPattern: UnsafeMutablePointer<UInt64>.allocate(capacity: words))
            occupiedCapacity = words
        }
    }
}

extension MapIndex {
    /// For tests: nil when the index agrees with its table, else what disagrees.
    static func mismatch() -> String? {
        if table == 0 { return nil }
        let t = objArray(table)
        for i in 0..<alloc {
            let live = isLive(t[2 * i])
            let bit = occupied[i >> 6] & (1 << UInt64(i & 63)) != 0
            if live != bit { return "slot \(i): live \(live), occupied bit \(bit)" }
            if live {
                let k = t[2 * i]
                let found = holdsStrs ? findStr(k, strHash(k), t) : find(k)
                if found != i { return "slot \(i): index finds \(String(describing: found))" }
            }
        }
        return nil
    }
}
