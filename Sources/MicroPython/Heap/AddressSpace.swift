/// The address space a program sees through `uctypes` (addressof, struct, bytes_at,
/// bytearray_at, PTR fields): a model, never the host's memory.
///
/// An address is an arena offset, the same numbering `id()` and object reprs use. A program
/// can only reach bytes it was given an address for: `expose` (what `uctypes.addressof` calls)
/// records the data of a buffer object (bytes, bytearray, array, memoryview, str) as a region,
/// and every later access resolves its whole range inside one live region, else raises
/// OSError(EFAULT). Addresses a port claims (a board's registers and RAM scratch) go to the
/// port's `PortMemory` instead; everything else faults.
///
/// Liveness, as MicroPython's conservative collector would have it: a region lives as long as
/// the heap allocation holding it is reachable (a struct whose address is the start of a
/// buffer's data keeps that data alive, as in C, because the struct's address word is scanned
/// like every word). An exposed allocation is never freed explicitly (`Heap.release`, a moving
/// or shrinking `reallocate`): only the collector frees it, and the same collection drops its
/// region, so an address never reaches freed or reused memory. Regions are host-side
/// bookkeeping with no heap cost, as the C port has none.
public enum AddressSpace {
    /// Registers and RAM a port puts behind addresses of its own (the board's memory map).
    public struct PortMemory {
        /// Whether the port answers for `size` bytes at `address`.
        public var claims: (_ address: UInt64, _ size: Int) -> Bool
        /// Reads 1, 2 or 4 bytes, little-endian.
        public var read: (_ address: UInt32, _ size: Int) throws(PyExc) -> UInt32
        /// Writes 1, 2 or 4 bytes, little-endian.
        public var write: (_ address: UInt32, _ size: Int, _ value: UInt32) throws(PyExc) -> Void
        public init(claims: @escaping (_ address: UInt64, _ size: Int) -> Bool,
                    read: @escaping (_ address: UInt32, _ size: Int) throws(PyExc) -> UInt32,
                    write: @escaping (_ address: UInt32, _ size: Int, _ value: UInt32) throws(PyExc) -> Void) {
            self.claims = claims; self.read = read; self.write = write
        }
    }

    /// Set by a port while its modules are installed (ROM; survives soft resets).
    nonisolated(unsafe) public static var port: PortMemory? = nil

    struct Region {
        var start: UInt32
        var length: UInt32
        /// Head offset of the pool allocation holding it (0: static memory, never freed).
        var head: UInt32
        var writable: Bool
        /// A str's UTF-8: never handed out as a buffer (a buffer may be written through).
        var text: Bool
        /// An object whose reference a program holds as bytes (struct 'O', array('O')): no
        /// bytes are reachable through it, only the object itself.
        var object: Bool = false
    }

    nonisolated(unsafe) static var regions: [Region] = []
    /// Number of exposed pool allocations (a fast "nothing to do" for the heap's hooks).
    nonisolated(unsafe) static var exposedCount = 0

    /// The bad-address error.
    static func fault() -> PyExc { PyExc.osError(Errno.EFAULT) }

    /// The head offset of the pool allocation containing arena offset `off`, or nil.
    static func headOf(_ off: UInt32) -> UInt32? {
        guard off >= Heap.poolStart && off < Heap.poolEnd else { return nil }
        var b = Heap.blockOf(off)
        while b > 0 && Heap.kind(b) == Heap.tail { b -= 1 }
        let k = Heap.kind(b)
        guard k == Heap.head || k == Heap.mark else { return nil }
        return Heap.offsetOf(block: b)
    }

    /// Records `count` bytes at host pointer `p` (the data of a live buffer object) and returns
    /// their address. ValueError when the bytes are not in the arena (a qstr's characters).
    public static func expose(_ p: UnsafeMutablePointer<UInt8>, _ count: Int, writable: Bool, text: Bool = false) throws(PyExc) -> UInt32 {
        let a = UInt(bitPattern: p)
        guard a >= arenaBase && a - arenaBase < UInt(UInt32.max) else {
            throw PyExc.valueError("object's data has no address")
        }
        let off = UInt32(a - arenaBase)
        var head: UInt32 = 0
        if off >= Heap.poolStart {
            guard let h = headOf(off) else { throw PyExc.valueError("object's data has no address") }
            head = h
        } else if off >= Heap.staticTop {
            throw PyExc.valueError("object's data has no address")
        }
        let n = UInt32(truncatingIfNeeded: count)
        for i in 0..<regions.count where regions[i].start == off && !regions[i].object {
            regions[i].length = max(regions[i].length, n)
            regions[i].writable = regions[i].writable || writable
            regions[i].text = regions[i].text || text
            return off
        }
        record(Region(start: off, length: n, head: head, writable: writable, text: text))
        return off
    }

    /// Adds a region, counting its pool allocation if no region held it yet.
    static func record(_ r: Region) {
        if r.head != 0 && !regions.contains(where: { $0.head == r.head }) { exposedCount += 1 }
        regions.append(r)
    }

    /// The end of a region's bytes: its length, never past its allocation as it is now.
    static func limit(of r: Region) -> UInt64 {
        let end = UInt64(r.start) + UInt64(r.length)
        return r.head == 0 ? end : min(end, UInt64(r.head) + UInt64(Heap.allocationBytes(r.head)))
    }

    /// Whether the pool allocation at `head` holds an exposed region (it must then stay where
    /// it is until the collector frees it).
    @inline(__always) static func isExposed(_ head: UInt32) -> Bool {
        exposedCount > 0 && regions.contains(where: { $0.head == head })
    }

    /// The host pointer and pool head for `count` bytes at `address`, or nil when they are not
    /// inside one region (for writes: one writable region).
    static func find(_ address: UInt64, _ count: Int, write: Bool, buffer: Bool = false) -> (UnsafeMutablePointer<UInt8>, UInt32)? {
        guard count >= 0, address <= UInt64(UInt32.max) else { return nil }
        let end = address + UInt64(count)
        for r in regions where !r.object {
            guard address >= UInt64(r.start), end <= limit(of: r) else { continue }
            if write && !r.writable { continue }
            if buffer && r.text { continue }
            return (arenaBytes(UInt32(address)), r.head)
        }
        return nil
    }

    /// `count` bytes at `address` in exposed memory, for reading or writing; OSError(EFAULT)
    /// when the range is not inside one (writable) region.
    public static func bytes(at address: UInt64, _ count: Int, write: Bool) throws(PyExc) -> (UnsafeMutablePointer<UInt8>, UInt32) {
        guard let r = find(address, count, write: write) else { throw fault() }
        return r
    }

    /// Reads `size` (1, 2, 4 or 8) bytes at `address` as they lie in memory (byte i in bits
    /// 8i...): exposed memory, or the port's.
    public static func load(_ address: UInt64, _ size: Int) throws(PyExc) -> UInt64 {
        if let (p, _) = find(address, size, write: false) {
            var v: UInt64 = 0
            for i in 0..<size { v |= UInt64(p[i]) << UInt64(8 * i) }
            return v
        }
        if let port, port.claims(address, size) {
            if size == 8 {
                let lo = try port.read(UInt32(address), 4), hi = try port.read(UInt32(address + 4), 4)
                return UInt64(lo) | UInt64(hi) << 32
            }
            return UInt64(try port.read(UInt32(address), size))
        }
        throw fault()
    }

    /// Writes `size` bytes at `address` (byte i from bits 8i...).
    public static func store(_ address: UInt64, _ size: Int, _ value: UInt64) throws(PyExc) {
        if let (p, _) = find(address, size, write: true) {
            for i in 0..<size { p[i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
            return
        }
        if let port, port.claims(address, size) {
            if size == 8 {
                try port.write(UInt32(address), 4, UInt32(truncatingIfNeeded: value))
                try port.write(UInt32(address + 4), 4, UInt32(truncatingIfNeeded: value >> 32))
                return
            }
            try port.write(UInt32(address), size, UInt32(truncatingIfNeeded: value))
            return
        }
        throw fault()
    }

    // MARK: object references as bytes

    /// The word that stands for `o` in bytes (struct 'O', array('O') items), as in C: the
    /// object's own address. A heap object is recorded, so that `object(word:)` can tell its
    /// word from a forged one for as long as the object lives.
    public static func exposeObject(_ o: Obj) -> UInt32 {
        guard o.isPointer, o != .sentinel else { return o.raw }
        if regions.contains(where: { $0.object && $0.start == o.raw }) { return o.raw }
        let head: UInt32 = Heap.inPool(o) ? o.raw : 0
        record(Region(start: o.raw, length: 0, head: head, writable: false, text: false, object: true))
        return o.raw
    }

    /// The object a word read back from bytes stands for. Values that are not references
    /// (small ints, floats, interned strings, None/False/True) stand for themselves; a
    /// reference must be one `exposeObject` recorded and the collector has not freed. Any
    /// other word is a bad address: OSError(EFAULT), where C would follow it.
    public static func object(word w: UInt32) throws(PyExc) -> Obj {
        let o = Obj(raw: w)
        if o.isSmallInt || (o.isImmediateFloat && Float.immediate) { return o }
        if o.isQstr { if Int(o.qstrValue.id) < QstrPool.count { return o }; throw fault() }
        if o == .none || o == .false || o == .true { return o }
        if o.isPointer && regions.contains(where: { $0.object && $0.start == w }) { return o }
        throw fault()
    }

    /// The str of the NUL-terminated bytes at `address` (struct and array 'S'): they must lie in
    /// exposed memory, and its end also ends the string.
    public static func cString(at address: UInt64) throws(PyExc) -> Obj {
        guard address <= UInt64(UInt32.max) else { throw fault() }
        for r in regions where !r.object {
            let end = limit(of: r)
            guard address >= UInt64(r.start), address < end || (address == end && r.length == 0) else { continue }
            let p = arenaBytes(UInt32(address))
            var n = 0
            while UInt64(n) < end - address && p[n] != 0 { n += 1 }
            let text = UnsafeBufferPointer(start: UnsafePointer(p), count: n)
            // A str holds UTF-8 only, as every str made from outside bytes is checked.
            if !StrMethods.valid(.utf8, text) { throw PyExc.make(Exceptions.UnicodeError) }
            return try Str.make(bytes: text, type: Types.str)
        }
        throw fault()
    }

    /// Called by the collector after marking: regions in unmarked allocations go (their
    /// memory is about to be freed).
    static func sweep() {
        guard exposedCount > 0 else { return }
        var kept: [Region] = []
        kept.reserveCapacity(regions.count)
        for r in regions where r.head == 0 || Heap.kind(Heap.blockOf(r.head)) == Heap.mark { kept.append(r) }
        regions = kept
        var heads = Set<UInt32>()
        for r in regions where r.head != 0 { heads.insert(r.head) }
        exposedCount = heads.count
    }

    /// Soft reset: the pool is emptied.
    static func reset() {
        regions = []
        exposedCount = 0
    }
}
