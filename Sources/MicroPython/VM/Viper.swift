import MicroPythonCompiler

/// The typed operations of viper functions (`Op.viper`), and viper's pointers.
///
/// Values: a viper value is an ordinary object in the canonical form of its type (see the
/// compiler's Viper.swift): `int` a Python int in the signed range of the machine word (64 bits
/// on the host profile, 32 on the ESP8266), `uint` and pointers one in the unsigned range,
/// `bool` True/False. Arithmetic wraps at the machine word.
///
/// Pointers: an address is a number, as in MicroPython, but it never reaches host memory
/// directly. Converting a buffer object to a pointer (an annotated argument, `ptr8(buf)`...)
/// registers the buffer in a small table and gives its address: `addressBase` plus the arena
/// offset of its bytes (or, for bytes held outside the arena, such as an interned str, an
/// address in a window of their own). Every load or store finds the registered buffer whose
/// bytes contain the whole access, checks that the buffer's owner is still a live object of
/// the type it had and still has its bytes at that place, and only then touches them; anything
/// else (an address no buffer covers, a buffer that moved or shrank, a store into a read-only
/// buffer) raises an exception where MicroPython would read or write whatever memory is there.
/// So pointer arithmetic and passing addresses around (`get_addr(buf) + 2`) behave as on the
/// board, while no program can reach bytes outside its own buffers.
public enum Viper {
    /// Where arena addresses start (keeps them positive small ints on both profiles).
    static let addressBase: UInt64 = 0x2000_0000
    /// Addresses of registered buffers held outside the arena: one window per table slot.
    static let hostWindowBase: UInt64 = 0x1000_0000
    static let hostWindowBits: UInt64 = 20
    static let capacity = 64

    struct Entry {
        var owner: Obj
        /// The owner's type word when registered (a reused block must not pass for it).
        var ownerType: UInt32
        var address: UInt64
        var host: UnsafeMutablePointer<UInt8>?
        var length: Int
    }

    nonisolated(unsafe) static var entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
    nonisolated(unsafe) static var count = 0
    nonisolated(unsafe) static var next = 0

    /// Forgets every registered buffer (soft reset).
    public static func reset() { count = 0; next = 0 }

    /// The port's machine word, 64 or 32 (set when the runtime starts: reading the port
    /// configuration itself costs a lazy-global check on every viper operation).
    nonisolated(unsafe) static var wordBits = 64

    // MARK: machine words

    /// The machine word of an int-like object (mp_obj_get_int_truncated): low bits of any int.
    static func word(_ o: Obj) throws(PyExc) -> UInt64 {
        if o.isSmallInt { return UInt64(bitPattern: Int64(o.smallValue)) }
        if o == .true { return 1 }
        if o == .false { return 0 }
        if IntOps.isBig(o) {
            let n = Int(words(o)[1] >> 1)
            let p = UnsafeMutableRawPointer(arenaBytes(words(o)[3])).assumingMemoryBound(to: UInt16.self)
            var m: UInt64 = 0
            for i in 0..<min(n, 4) { m |= UInt64(p[i]) << UInt64(16 * i) }
            return words(o)[1] & 1 != 0 ? 0 &- m : m
        }
        return UInt64(bitPattern: Int64(try IntOps.toInt(o)))
    }

    /// A machine word as an object of viper type `t` (int signed, the others unsigned).
    static func box(_ w: UInt64, _ t: ViperType) throws(PyExc) -> Obj {
        let bits = wordBits
        let m = bits == 64 ? w : w & 0xFFFF_FFFF
        switch t {
        case .bool:
            return m != 0 ? .true : .false
        case .int:
            let s = bits == 64 ? Int64(bitPattern: m) : Int64(Int32(truncatingIfNeeded: m))
            return try IntOps.make(Int(s))
        default:
            if m <= UInt64(Int.max) { return try IntOps.make(Int(m)) }
            return try IntOps.store(BigIntValue(m))
        }
    }

    // MARK: the instruction

    /// The operand the VM loop tests for its fast path.
    static let addInt = ViperOp.encode(ViperOp.binary, BinOp.add, ViperType.int.rawValue)

    /// `ViperOp.castLocals`: converts the arguments in the operand's mask (a small int is
    /// already what an int cast makes of it).
    @inline(__always)
    static func castLocals(_ operand: Int, _ fastTop: UnsafeMutablePointer<Obj>) throws(PyExc) {
        let type = (operand >> 4) & 0xFF
        var mask = operand >> 12
        while mask != 0 {
            let n = mask.trailingZeroBitCount
            mask &= mask - 1
            let v = fastTop[-n]
            if type == ViperType.int.rawValue && v.isSmallInt { continue }
            fastTop[-n] = try castSlow(v, type)
        }
    }

    @inline(never)
    static func castSlow(_ o: Obj, _ type: Int) throws(PyExc) -> Obj {
        try cast(o, ViperType(rawValue: type) ?? .object)
    }

    /// Executes one `Op.viper` instruction on the value stack; returns the new stack top
    /// (out of line: the VM loop keeps one call for the whole family).
    @inline(never)
    public static func execute(_ operand: Int, _ sp: UnsafeMutablePointer<Obj>) throws(PyExc) -> UnsafeMutablePointer<Obj> {
        let a = (operand >> 4) & 0xFF
        let b = operand >> 12
        switch operand & 0xF {
        case ViperOp.cast:
            // A small int is already what an int cast makes of it (31 bits fit either word).
            if sp[0].isSmallInt && a == ViperType.int.rawValue { return sp }
            sp[0] = try cast(sp[0], ViperType(rawValue: a) ?? .object)
            return sp
        case ViperOp.binary:
            // Signed sums and differences of small ints cannot wrap a 32- or 64-bit word.
            if b == ViperType.int.rawValue && sp[-1].isSmallInt && sp[0].isSmallInt && (a == BinOp.add || a == BinOp.sub) {
                let x = sp[-1].smallValue, y = sp[0].smallValue
                sp[-1] = try IntOps.make(a == BinOp.add ? x + y : x - y)
                return sp - 1
            }
            sp[-1] = try binary(a, try word(sp[-1]), try word(sp[0]), ViperType(rawValue: b) ?? .int)
            return sp - 1
        case ViperOp.unary:
            let w = try word(sp[0])
            let t = ViperType(rawValue: b) ?? .int
            sp[0] = try box(a == 1 ? 0 &- w : ~w, t)
            return sp
        case ViperOp.load:
            let address = try word(sp[-1]) &+ (try word(sp[0])) &* UInt64(a)
            let p = try resolve(address, a, store: false)
            var v: UInt64 = 0
            for i in 0..<a { v |= UInt64(p[i]) << UInt64(8 * i) }
            sp[-1] = try box(v, .int)
            return sp - 1
        case ViperOp.store:
            let address = try word(sp[-1]) &+ (try word(sp[0])) &* UInt64(a)
            let v = try word(sp[-2])
            let p = try resolve(address, a, store: true)
            for i in 0..<a { p[i] = UInt8(truncatingIfNeeded: v >> UInt64(8 * i)) }
            return sp - 3
        default:
            throw PyExc.valueError("invalid viper instruction")
        }
    }

    static func binary(_ op: Int, _ x: UInt64, _ y: UInt64, _ t: ViperType) throws(PyExc) -> Obj {
        let bits = UInt64(wordBits)
        let signed = t == .int
        // Sign-extend 32-bit words so that signed operations see their value.
        @inline(__always) func s(_ v: UInt64) -> Int64 {
            bits == 64 ? Int64(bitPattern: v) : Int64(Int32(truncatingIfNeeded: v))
        }
        let r: UInt64
        switch op {
        case BinOp.or: r = x | y
        case BinOp.xor: r = x ^ y
        case BinOp.and: r = x & y
        case BinOp.lshift: r = x << (y & (bits - 1))
        case BinOp.rshift:
            let n = y & (bits - 1)
            if signed { r = UInt64(bitPattern: s(x) >> Int64(n)) } else { r = (bits == 64 ? x : x & 0xFFFF_FFFF) >> n }
        case BinOp.add: r = x &+ y
        case BinOp.sub: r = x &- y
        case BinOp.mul: r = x &* y
        case BinOp.floorDiv, BinOp.mod:
            let a = s(x), d = s(y)
            if d == 0 { throw PyExc.make(Exceptions.ZeroDivisionError, "divide by zero") }
            if d == -1 {
                r = op == BinOp.floorDiv ? 0 &- x : 0
            } else {
                var q = a / d, m = a % d
                if m != 0 && (m < 0) != (d < 0) { q -= 1; m += d }
                r = UInt64(bitPattern: op == BinOp.floorDiv ? q : m)
            }
        default:
            throw PyExc.valueError("invalid viper instruction")
        }
        return try box(r, t)
    }

    /// Conversion to viper type `t` (mp_native_from_obj for objects; a typed value keeps
    /// its machine word).
    static func cast(_ o: Obj, _ t: ViperType) throws(PyExc) -> Obj {
        switch t {
        case .object:
            return o
        case .bool:
            if o.isSmallInt { return o.smallValue != 0 ? .true : .false }
            return try Runtime.isTrue(o) ? .true : .false
        case .int, .uint:
            return try box(try word(o), t)
        default:
            if let address = try register(o) { return try box(address, .uint) }
            return try box(try word(o), .uint)
        }
    }

    // MARK: pointers

    /// Registers the bytes of a buffer object; nil when `o` has no buffer protocol.
    static func register(_ o: Obj) throws(PyExc) -> UInt64? {
        guard Str.isStr(o) || BytesMethods.isBuffer(o) || ArrayModule.buffer(o) != nil || kindOf(o) == .instance else { return nil }
        guard let view = try? ModSupport.bufferView(o) else { return nil }
        let host = UnsafeMutablePointer(mutating: view.baseAddress)
        let n = view.count
        let ownerType: UInt32 = o.isPointer ? words(o)[0] : 0
        for i in 0..<count where entries[i].owner == o && entries[i].host == host && entries[i].ownerType == ownerType {
            entries[i].length = n
            return entries[i].address
        }
        let slot: Int
        if count < capacity { slot = count; count += 1 } else { slot = next; next = (next + 1) % capacity }
        var address: UInt64
        if let h = host, UInt(bitPattern: h) >= arenaBase, UInt(bitPattern: h) < arenaBase + UInt(Heap.poolEnd) {
            address = addressBase + UInt64(UInt(bitPattern: h) - arenaBase)
        } else {
            address = hostWindowBase + UInt64(slot) << hostWindowBits
        }
        if wordBits == 32 { address &= 0xFFFF_FFFF }
        entries[slot] = Entry(owner: o, ownerType: ownerType, address: address, host: host, length: n)
        return address
    }

    /// Is the registered owner still the object it was (a live block holding the same type)?
    static func ownerIsLive(_ e: Entry) -> Bool {
        let o = e.owner
        if !o.isPointer { return o.isQstr }
        if Heap.inPool(o) {
            let b = Heap.blockOf(o.raw)
            if b < 0 || b >= Heap.poolBlocks || Heap.kind(b) != Heap.head { return false }
        }
        return words(o)[0] == e.ownerType
    }

    /// The bytes of an access of `size` bytes at `address` for a port's memory objects (the
    /// unix port's machine.mem8...): the same checks as a viper load or store.
    public static func memory(at address: UInt64, size: Int, store: Bool) throws(PyExc) -> UnsafeMutablePointer<UInt8> {
        try resolve(address, size, store: store)
    }

    /// The host bytes of an access of `size` bytes at `address`, after the checks above.
    static func resolve(_ address: UInt64, _ size: Int, store: Bool) throws(PyExc) -> UnsafeMutablePointer<UInt8> {
        var i = count - 1
        while i >= 0 {
            let e = entries[i]
            i -= 1
            guard address >= e.address, address - e.address <= UInt64(e.length) else { continue }
            let off = Int(address - e.address)
            guard size <= e.length - off, ownerIsLive(e) else { continue }
            guard let view = try? ModSupport.bufferView(e.owner),
                  UnsafeMutablePointer(mutating: view.baseAddress) == e.host, off + size <= view.count,
                  let base = e.host else { continue }
            if store && (try? ModSupport.writeBuffer(e.owner)) == nil {
                throw PyExc.typeError("viper store into a read-only buffer")
            }
            return base + off
        }
        throw PyExc.make(Exceptions.IndexError, "viper pointer access outside any buffer")
    }
}
