/// MicroPython's hash map (mp_map_t), embedded in dicts, instances and modules as three words:
/// used, alloc, table (offset of `alloc` key/value pairs). Open addressing with linear probing;
/// a table fills completely before it grows along `allocationSizes`, so iteration order (table
/// order) and memory use are MicroPython's. Deleted slots hold SENTINEL keys.
/// An *ordered* map (OrderedDict; bit 31 of the used word, as MicroPython's is_ordered) is a
/// plain array instead: entries packed at the front in insertion order, searched linearly,
/// grown by 4, closed up on removal.
public struct MapRef {
    public let owner: Obj
    public let base: Int

    @inline(__always) public init(_ owner: Obj, _ base: Int) { self.owner = owner; self.base = base }

    static let orderedBit: UInt32 = 0x8000_0000
    /// A fixed map (a ROM table such as errno.errorcode; MicroPython's is_fixed) refuses changes
    /// made from Python.
    static let fixedBit: UInt32 = 0x4000_0000
    /// Set once a key that is not an interned string is added (MicroPython's
    /// all_keys_are_qstrs, inverted so that a zeroed map has it): until then a lookup of any
    /// other key than a str finds nothing without hashing it, as in C (`[] in {'a': 1}` is
    /// False, `{'a': 1}.get([])` None).
    static let mixedKeysBit: UInt32 = 0x2000_0000
    /// Set once a key that is an instance of a class made by `class` is added: such a key may
    /// equal a str (a str subclass's instance, an __eq__ of its own), which C finds by asking
    /// the stored key (mp_obj_equal(slot key, key)). Until then str keys take the fast probes,
    /// which compare strs only.
    static let objectKeysBit: UInt32 = 0x1000_0000
    static let flagBits = orderedBit | fixedBit | mixedKeysBit | objectKeysBit

    /// A lookup that cannot succeed: the keys are all interned strings and `key` is neither
    /// one nor a str object.
    @inline(__always) func cannotHold(_ key: Obj) -> Bool {
        !key.isQstr && words(owner)[base] & MapRef.mixedKeysBit == 0 && !(key.isPointer && field(key, 0) == Types.str)
    }

    /// For a verbatim copy of `other`'s table: its keys' kind goes with them.
    public func takeKeyKind(of other: MapRef) {
        words(owner)[base] |= words(other.owner)[other.base] & (MapRef.mixedKeysBit | MapRef.objectKeysBit)
    }

    @inline(__always) func noteAdded(_ key: Obj) {
        if !key.isQstr {
            words(owner)[base] |= MapRef.mixedKeysBit
            if key.isPointer && TypeObject.isUserClass(field(key, 0)) { words(owner)[base] |= MapRef.objectKeysBit }
        }
    }

    /// Whether a key may be an object that equals a str without being one (see objectKeysBit).
    @inline(__always) var holdsObjectKeys: Bool { words(owner)[base] & MapRef.objectKeysBit != 0 }

    @inline(__always) public var used: Int {
        get { Int(words(owner)[base] & ~MapRef.flagBits) }
        nonmutating set { words(owner)[base] = (words(owner)[base] & MapRef.flagBits) | UInt32(newValue) }
    }
    @inline(__always) public var isOrdered: Bool { words(owner)[base] & MapRef.orderedBit != 0 }
    public func makeOrdered() { words(owner)[base] |= MapRef.orderedBit }
    public var isFixed: Bool { words(owner)[base] & MapRef.fixedBit != 0 }
    public func makeFixed() { words(owner)[base] |= MapRef.fixedBit }

    /// Linear search of an ordered map.
    func orderedFind(_ key: Obj) throws(PyExc) -> UnsafeMutablePointer<Obj>? {
        search: while true {
            let t = table, tableOff = words(owner)[base + 2], n = used
            for i in 0..<n {
                let slot = t + 2 * i
                if slot[0] == key { return slot }
                let equal = try MapRef.keysEqual(slot[0], key)
                // An __eq__ that changed the map: search its new entries from the start.
                if words(owner)[base + 2] != tableOff || used != n { continue search }
                if equal { return slot }
            }
            return nil
        }
    }

    /// Has the table been replaced or resized since `tableOff`/`a` were read? A key's __eq__
    /// (Python code) may add to or clear the map it is being looked up in; a probe that sees
    /// this starts again on the new table (the old one may be freed already).
    @inline(__always) func tableMoved(_ tableOff: UInt32, _ a: Int) -> Bool {
        words(owner)[base + 2] != tableOff || alloc != a
    }
    @inline(__always) public var alloc: Int {
        get { Int(words(owner)[base + 1]) }
        nonmutating set { words(owner)[base + 1] = UInt32(newValue) }
    }
    @inline(__always) public var table: UnsafeMutablePointer<Obj> {
        objArray(words(owner)[base + 2])
    }
    /// Is this map's table the one MapIndex indexes?
    @inline(__always) var isIndexed: Bool {
        MapIndex.table != 0 && words(owner)[base + 2] == MapIndex.table
    }

    /// After a probe for `key` from `start` stopped at `pos`: a long walk counts towards
    /// indexing the table (MapIndex).
    @inline(__always) func probed(_ key: Obj, from start: Int, to pos: Int) {
        let walked = pos >= start ? pos - start : pos + alloc - start
        if walked > MapRef.longProbe { MapIndex.notePressure(self, walked, key: key) }
    }

    static let allocationSizes: [Int] = [
        0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389, 521, 691,
        919, 1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607, 54907,
    ]

    /// A probe walking more slots than this counts towards indexing the table (MapIndex).
    static let longProbe = 24

    static func sizeAtLeast(_ n: Int) -> Int {
        for s in allocationSizes where s >= n { return s }
        // Past the table, grow by half as map.c does (growing by one slot made every insert
        // into a big dict or set a full rehash).
        return (n + n / 2) | 1
    }

    /// Allocates an empty table for `n` items (BUILD_MAP n / dict literal).
    public func initialise(capacity n: Int) throws(PyExc) {
        words(owner)[base] &= ~(MapRef.mixedKeysBit | MapRef.objectKeysBit)
        used = 0
        alloc = 0
        words(owner)[base + 2] = 0
        if n > 0 {
            words(owner)[base + 2] = try Heap.allocate(bytes: 8 * n)
            alloc = n
        }
    }

    /// The machine's size_t: C probes from `(size_t)hash % alloc`, so a negative hash lands
    /// elsewhere on a 32-bit board than on a 64-bit host (set by the runtime from the port).
    nonisolated(unsafe) static var hashMask = UInt.max

    @inline(__always) static func hash(_ key: Obj) throws(PyExc) -> Int {
        if key.isQstr { return Int(QstrPool.hashOf(key.qstrValue)) }
        if key.isSmallInt { return Int(bitPattern: UInt(bitPattern: key.smallValue) & hashMask) }
        return Int(bitPattern: UInt(bitPattern: try Runtime.hash(key)) & hashMask)
    }

    @inline(__always) static func keysEqual(_ a: Obj, _ b: Obj) throws(PyExc) -> Bool {
        if a == b { return true }
        if a.isQstr && b.isQstr { return false }
        if a.isSmallInt {
            if b.isSmallInt || Str.isStr(b) { return false }
        } else if Str.isStr(a) {
            if Str.isStr(b) { return Str.hash(a) == Str.hash(b) && Str.equal(a, b) }
            if b.isSmallInt { return false }
        }
        return try Runtime.equals(a, b)
    }

    /// The slot holding `key` (pointer to its key word; value follows), or nil.
    public func lookup(_ key: Obj) throws(PyExc) -> UnsafeMutablePointer<Obj>? {
        if cannotHold(key) { return nil }
        if isOrdered { return try orderedFind(key) }
        if alloc == 0 { return nil }
        let h = try MapRef.hash(key)
        search: while true {
            let a = alloc
            if a == 0 { return nil }
            let tableOff = words(owner)[base + 2]
            var pos = Int(UInt(bitPattern: h) % UInt(a))
            let start = pos
            let t = table
            if key.isSmallInt {
                if isIndexed && !MapIndex.holdsStrs {
                    guard let i = MapIndex.find(key) else { return nil }
                    return t + 2 * i
                }
                // Small-int keys: only another pointer (a float or big int of equal value) needs a
                // real comparison; small ints, qstrs and deleted slots are passed over at once.
                var found: UnsafeMutablePointer<Obj>? = nil
                while true {
                    let slot = t + 2 &* pos
                    let k = slot[0]
                    if k == key { found = slot; break }
                    if k.isNull { break }
                    if MapRef.mayEqualSmallInt(k) {
                        let equal = try MapRef.keysEqual(k, key)
                        if tableMoved(tableOff, a) { continue search }
                        if equal { found = slot; break }
                    }
                    pos &+= 1
                    if pos == a { pos = 0 }
                    if pos == start { break }
                }
                probed(key, from: start, to: pos)
                return found
            }
            if MapRef.isStrKey(key) && !holdsObjectKeys {
                let h32 = UInt32(truncatingIfNeeded: h)
                if isIndexed && MapIndex.holdsStrs {
                    guard let i = MapIndex.findStr(key, h32, t) else { return nil }
                    return t + 2 * i
                }
                // Str keys: slots whose stored hash differs are passed over with two loads.
                var found: UnsafeMutablePointer<Obj>? = nil
                while true {
                    let slot = t + 2 &* pos
                    let k = slot[0]
                    if k.isNull { break }
                    if k == key { found = slot; break }
                    let kh: UInt32 = k.isQstr ? QstrPool.hashOf(k.qstrValue) : (k.raw & 3 == 0 && k != .sentinel ? words(k)[1] : 1)
                    if (kh == h32 || kh == 0) && k != .sentinel && Str.isStr(k) && Str.equal(k, key) { found = slot; break }
                    pos &+= 1
                    if pos == a { pos = 0 }
                    if pos == start { break }
                }
                probed(key, from: start, to: pos)
                return found
            }
            while true {
                let slot = t + 2 &* pos
                let k = slot[0]
                if k.isNull { return nil }
                if k == key { return slot }
                if k != .sentinel {
                    let equal = try MapRef.probeMatches(k, key, h)
                    if tableMoved(tableOff, a) { continue search }
                    if equal { return slot }
                }
                pos &+= 1
                if pos == a { pos = 0 }
                if pos == start { return nil }
            }
        }
    }

    /// Can slot key `k` (not identical to a small-int key) still equal it? Only a bool, a float
    /// or a big int can; other small ints, strs, None and deleted slots cannot.
    @inline(__always) static func mayEqualSmallInt(_ k: Obj) -> Bool {
        !(k.isSmallInt || k.isQstr || k == .sentinel || k == .none || k.isNull)
    }

    @inline(__always) static func isStrKey(_ key: Obj) -> Bool {
        key.isQstr || (key.raw & 3 == 0 && key.raw != 0 && TypeObject.kind(field(key, 0)) == .str)
    }

    /// Does slot key `k` (not NULL, not SENTINEL, not identical to `key`) equal `key`, whose
    /// hash is `h`? Str keys are told apart by their stored hashes first, so a probe past a
    /// different string costs two loads.
    @inline(__always) static func probeMatches(_ k: Obj, _ key: Obj, _ h: Int) throws(PyExc) -> Bool {
        if isStrKey(key) {
            // A class's instance answers for itself (a str subclass's, or one with an __eq__).
            if k.isPointer && TypeObject.isUserClass(field(k, 0)) { return try keysEqual(k, key) }
            let kh: UInt32 = k.isQstr ? QstrPool.hashOf(k.qstrValue) : (k.raw & 3 == 0 ? words(k)[1] : 0)
            if kh != UInt32(truncatingIfNeeded: h) && kh != 0 { return false }
            return Str.isStr(k) && Str.equal(k, key)
        }
        if key.isSmallInt && (k.isSmallInt || k.isQstr) { return false }
        return try keysEqual(k, key)
    }

    /// Fast lookup for a qstr key (attribute and global names).
    @inline(__always) public func lookupQstr(_ key: Obj) -> UnsafeMutablePointer<Obj>? {
        if isOrdered { return (try? orderedFind(key)) ?? nil }
        let a = alloc
        if a == 0 { return nil }
        var pos = Int(QstrPool.hashOf(key.qstrValue)) % a
        let start = pos
        let t = table
        while true {
            let slot = t + 2 &* pos
            let k = slot[0]
            if k == key { return slot }
            if k.isNull { return nil }
            if !k.isQstr && k != .sentinel && Str.isStr(k) && Str.equal(k, key) { return slot }
            pos &+= 1
            if pos == a { pos = 0 }
            if pos == start { return nil }
        }
    }

    public func get(_ key: Obj) throws(PyExc) -> Obj? {
        if key.isQstr && !holdsObjectKeys { return lookupQstr(key)?[1] }
        return try lookup(key)?[1]
    }

    /// Stores key -> value, adding the key if absent (MP_MAP_LOOKUP_ADD_IF_NOT_FOUND).
    public func set(_ key: Obj, _ value: Obj) throws(PyExc) {
        // Rebinding an existing name (attribute, global): the qstr lookup finds the same slot.
        if key.isQstr, let slot = lookupQstr(key) {
            slot[1] = value
            return
        }
        let slot = try findOrAdd(key)
        slot[1] = value
    }

    /// `set` for the tables the runtime builds while it starts (the ROM: builtins, type
    /// methods, module globals; about 800 names, the tables grown about 300 times). For a qstr
    /// key in a table whose keys are all qstrs it is one probe without the general path's
    /// per-slot comparisons: the slot holding `key`, else the first deleted slot from
    /// hash % alloc on, else the first empty one, growing a full table first; the table comes
    /// out as `set` leaves it. Other keys and tables take `set`. Kept apart from `set`, whose
    /// callers are the VM's hot paths. (MapIndex's probe-length accounting is skipped: it only
    /// decides when to build a lookup cache.)
    public func setWhileBuildingROM(_ key: Obj, _ value: Obj) throws(PyExc) {
        guard Heap.allocatingStatic && key.isQstr && !isOrdered && !isIndexed else {
            try set(key, value)
            return
        }
        let h = Int(QstrPool.hashOf(key.qstrValue))
        while true {
            if alloc == 0 { try rehashWhileBuildingROM() }
            let a = alloc
            let t = table
            var pos = h % a
            let start = pos
            var avail: UnsafeMutablePointer<Obj>? = nil
            while true {
                let slot = t + 2 &* pos
                let k = slot[0]
                if k == key { slot[1] = value; return }
                if k.isNull { avail = avail ?? slot; break }
                if k == .sentinel {
                    if avail == nil { avail = slot }
                } else if !k.isQstr {
                    // A str object could equal `key`: the general path (nothing changed yet).
                    try set(key, value)
                    return
                }
                pos &+= 1
                if pos == a { pos = 0 }
                if pos == start { break }
            }
            if let s = avail {
                used += 1
                s[0] = key
                s[1] = value
                return
            }
            try rehashWhileBuildingROM()
        }
    }

    /// `rehash` for a start-up table: the keys are distinct and the new table has no deleted
    /// slots, so each goes to the first empty slot from its hash on, where `set` would put it.
    func rehashWhileBuildingROM() throws(PyExc) {
        let oldAlloc = alloc
        let oldTableOff = words(owner)[base + 2]
        let newAlloc = MapRef.sizeAtLeast(oldAlloc + 1)
        let newOff = try Heap.allocate(bytes: 8 * newAlloc)
        alloc = newAlloc
        used = 0
        words(owner)[base + 2] = newOff
        guard oldAlloc > 0 else { return }
        let old = objArray(oldTableOff)
        let t = table
        for i in 0..<oldAlloc {
            let k = old[2 * i]
            if !k.isNull && k != .sentinel {
                var pos = Int(UInt(bitPattern: try MapRef.hash(k)) % UInt(newAlloc))
                while !t[2 &* pos].isNull {
                    pos &+= 1
                    if pos == newAlloc { pos = 0 }
                }
                t[2 &* pos] = k
                t[2 &* pos + 1] = old[2 * i + 1]
                used += 1
            }
        }
        Heap.release(oldTableOff)
    }

    public func findOrAdd(_ key: Obj) throws(PyExc) -> UnsafeMutablePointer<Obj> {
        if isOrdered {
            if let slot = try orderedFind(key) { return slot }
            if used == alloc {
                words(owner)[base + 2] = try Heap.reallocate(words(owner)[base + 2], bytes: 8 * (alloc + 4))
                alloc += 4
            }
            let slot = table + 2 * used
            slot[0] = key
            slot[1] = .null
            used += 1
            noteAdded(key)
            return slot
        }
        if alloc == 0 { try rehash() }
        let h = try MapRef.hash(key)
        if key.isSmallInt {
            if isIndexed && !MapIndex.holdsStrs {
                if let i = MapIndex.find(key) { return table + 2 * i }
                if let slot = addIndexed(key, h) { return slot }
                // Full: the probe below grows the table (which drops the index).
            }
            if isIndexed { MapIndex.invalidate() }
            // Only a bool or a float can equal a small int without being it.
            return try probeForAdd(key, h) { k throws(PyExc) in MapRef.mayEqualSmallInt(k) ? try MapRef.keysEqual(k, key) : false }
        }
        if MapRef.isStrKey(key) && !holdsObjectKeys {
            let h32 = UInt32(truncatingIfNeeded: h)
            if isIndexed && MapIndex.holdsStrs {
                if let i = MapIndex.findStr(key, h32, table) { return table + 2 * i }
                if MapIndex.isStrKey(key), let slot = addIndexed(key, h) { return slot }
            }
            if isIndexed { MapIndex.invalidate() }
            // Only strs can equal a str: slots whose stored hash differs cost two loads.
            return try probeForAdd(key, h) { k throws(PyExc) in
                let kh: UInt32 = k.isQstr ? QstrPool.hashOf(k.qstrValue) : (k.raw & 3 == 0 ? words(k)[1] : 1)
                return (kh == h32 || kh == 0) && Str.isStr(k) && Str.equal(k, key)
            }
        }
        // Any other key may make the indexed table mixed.
        if isIndexed { MapIndex.invalidate() }
        return try probeForAdd(key, h) { k throws(PyExc) in try MapRef.probeMatches(k, key, h) }
    }

    /// Adds absent `key` (hash `h`) to the indexed table where MicroPython's probe would put it:
    /// the first empty or deleted slot from hash % alloc on. Nil when the table is full.
    @inline(__always)
    func addIndexed(_ key: Obj, _ h: Int) -> UnsafeMutablePointer<Obj>? {
        let free = MapIndex.firstFree(from: Int(UInt(bitPattern: h) % UInt(alloc)))
        if free < 0 { return nil }
        used += 1
        noteAdded(key)
        let slot = table + 2 * free
        slot[0] = key
        slot[1] = .null
        MapIndex.added(key, free)
        return slot
    }

    /// MP_MAP_LOOKUP_ADD_IF_NOT_FOUND's probe: from hash % alloc onwards, the slot holding a key
    /// equal to `key` (`matches` tests slots that are neither empty, deleted nor `key` itself),
    /// else the first deleted slot passed, else the empty slot that ended the search; a table
    /// with neither is grown and searched again. Inlined per key kind so each loop stays tight.
    @inline(__always)
    func probeForAdd(_ key: Obj, _ h: Int, _ matches: (Obj) throws(PyExc) -> Bool) throws(PyExc) -> UnsafeMutablePointer<Obj> {
        search: while true {
            if alloc == 0 { try rehash() }
            let a = alloc
            let tableOff = words(owner)[base + 2]
            var pos = Int(UInt(bitPattern: h) % UInt(a))
            let start = pos
            var avail: UnsafeMutablePointer<Obj>? = nil
            let t = table
            while true {
                let slot = t + 2 &* pos
                let k = slot[0]
                if k == key { return slot }
                if k.isNull {
                    avail = avail ?? slot
                    break
                }
                if k == .sentinel {
                    if avail == nil { avail = slot }
                } else {
                    let equal = try matches(k)
                    if tableMoved(tableOff, a) { continue search }
                    if equal { return slot }
                }
                pos &+= 1
                if pos == a { pos = 0 }
                if pos == start { break }
            }
            if let s = avail {
                used += 1
                noteAdded(key)
                s[0] = key
                s[1] = .null
                // A rehash above (its re-insertions) may have indexed the new table.
                if isIndexed {
                    if MapIndex.holdsStrs ? MapIndex.isStrKey(key) : key.isSmallInt {
                        MapIndex.added(key, (s - t) / 2)
                    } else {
                        MapIndex.invalidate()
                    }
                }
                // Counted once the key is in: building the index reads the table.
                probed(key, from: start, to: pos)
                return s
            }
            try rehash()
        }
    }

    /// Removes `key`; returns its value or nil.
    public func remove(_ key: Obj) throws(PyExc) -> Obj? {
        if cannotHold(key) { return nil }
        if isOrdered {
            guard let slot = try orderedFind(key) else { return nil }
            let v = slot[1]
            let t = table
            let n = used
            var i = (slot - t) / 2
            while i + 1 < n { t[2 * i] = t[2 * i + 2]; t[2 * i + 1] = t[2 * i + 3]; i &+= 1 }
            t[2 * (n - 1)] = .null
            t[2 * (n - 1) + 1] = .null
            used = n - 1
            return v
        }
        guard let slot = try lookup(key) else { return nil }
        let v = slot[1]
        used -= 1
        let t = table
        let idx = (slot - t) / 2
        let next = (idx + 1) % alloc
        if isIndexed { MapIndex.removed(slot[0], idx) }
        slot[0] = t[2 * next].isNull ? .null : .sentinel
        slot[1] = .null
        return v
    }

    func rehash() throws(PyExc) {
        let oldAlloc = alloc
        let oldTableOff = words(owner)[base + 2]
        let newAlloc = MapRef.sizeAtLeast(oldAlloc + 1)
        let newOff = try Heap.allocate(bytes: 8 * newAlloc)
        alloc = newAlloc
        used = 0
        words(owner)[base + 2] = newOff
        if oldAlloc > 0 {
            let old = objArray(oldTableOff)
            for i in 0..<oldAlloc {
                let k = old[2 * i]
                if !k.isNull && k != .sentinel {
                    try set(k, old[2 * i + 1])
                }
            }
            Heap.release(oldTableOff)
        }
    }

    public func clear() {
        let off = words(owner)[base + 2]
        words(owner)[base] &= ~(MapRef.mixedKeysBit | MapRef.objectKeysBit)
        used = 0
        alloc = 0
        words(owner)[base + 2] = 0
        Heap.release(off)
    }

    /// Iterates occupied slots from position `i`; returns the next slot index or nil.
    public func next(from i: inout Int) -> UnsafeMutablePointer<Obj>? {
        let a = alloc
        let t = table
        while i < a {
            let s = t + 2 * i
            i &+= 1
            if !s[0].isNull && s[0] != .sentinel { return s }
        }
        return nil
    }
}
