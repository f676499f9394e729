/// random: MicroPython's Yasmarang generator (extmod/modrandom.c): getrandbits and seed, and
/// where the port has them (MICROPY_PY_RANDOM_EXTRA_FUNCS; not the ESP8266) randrange, randint,
/// choice, random and uniform. Seeded once per process from the host's random source, which
/// stands for the unix port's getrandom and the ESP8266's hardware RNG; os.urandom reads it too.
public enum RandomModule {
    nonisolated(unsafe) static var pad: UInt32 = 0xEDA4_BABA
    nonisolated(unsafe) static var n: UInt32 = 69
    nonisolated(unsafe) static var d: UInt32 = 233
    nonisolated(unsafe) static var dat: UInt8 = 0

    static func next() -> UInt32 {
        pad = pad &+ UInt32(dat) &+ d &* n
        pad = (pad << 3) &+ (pad >> 29)
        n = pad | 2
        d ^= (pad << 31) &+ (pad >> 1)
        dat ^= UInt8(truncatingIfNeeded: pad) ^ UInt8(truncatingIfNeeded: d >> 8) ^ 1
        return pad ^ (d << 5) ^ (pad >> 18) ^ (UInt32(dat) << 1)
    }

    /// A number below `limit` (MicroPython's yasmarang_randbelow). A limit that truncated to 0
    /// (a range of a multiple of 2**32) would loop for ever there; here it gives 32 random bits.
    static func below(_ limit: UInt32) -> UInt32 {
        if limit == 0 { return next() }
        var mask: UInt32 = 1
        while (limit & mask) < limit { mask = (mask << 1) | 1 }
        while true {
            let r = next() & mask
            if r < limit { return r }
        }
    }

    static func seed(_ s: UInt32) { pad = s; n = 69; d = 233; dat = 0 }

    /// The host's random source (getrandom on Linux).
    static func hostSeed() -> UInt32 {
        var g = SystemRandomNumberGenerator()
        return g.next()
    }

    nonisolated(unsafe) static var seeded = false

    /// Seeds once per process (MicroPython's random.__init__, run on the first import).
    static func seedOnce() {
        if seeded { return }
        seeded = true
        seed(hostSeed())
    }

    /// os.urandom(n): n bytes from the host's random source.
    static func urandom(_ count: Obj) throws(PyExc) -> Obj {
        let n = try IntOps.toInt(count)
        if n < 0 { throw PyExc.make(Exceptions.ValueError) }
        // More than the heap holds: the heap's own MemoryError, before any host memory is used.
        if n > Heap.poolBytes { _ = try Heap.allocate(bytes: n) }
        var g = SystemRandomNumberGenerator()
        var out = [UInt8](repeating: 0, count: n)
        for i in 0..<n { out[i] = UInt8(truncatingIfNeeded: g.next()) }
        return try ModSupport.bytes(out)
    }

    /// A float in [0, 1) with the fraction bits filled from the generator.
    static func unit() -> Double {
        if Float.immediate {
            let bits = UInt32(0x3F80_0000) | (next() & 0x7F_FFFF)
            return Double(Swift.Float(bitPattern: bits)) - 1
        }
        let frac = ((UInt64(next()) << 32) | UInt64(next())) & 0xF_FFFF_FFFF_FFFF
        return Double(bitPattern: 0x3FF0_0000_0000_0000 | frac) - 1
    }

    static func install() {
        seedOnce()
        let m = ModuleBuilder("random", extensible: true)
        m.function("__init__", 0, 0) { (_, _, _) throws(PyExc) in
            seedOnce()
            return .none
        }
        m.function("getrandbits", 1, 1) { (a, _, _) throws(PyExc) in
            let k = try IntOps.toInt(a[0])
            if k > 32 || k < 0 { throw PyExc.valueError("bits must be 32 or less") }
            if k == 0 { return Obj(small: 0) }
            return try IntOps.make(Int(next() & (UInt32.max >> UInt32(32 - k))))
        }
        m.function("seed", 0, 1) { (a, nPos, _) throws(PyExc) in
            if nPos == 0 || a[0] == .none {
                seed(hostSeed())
            } else {
                seed(UInt32(truncatingIfNeeded: try ModSupport.truncated64(a[0])))
            }
            return .none
        }
        guard MicroPythonRuntime.port.moduleFeatures.contains(.randomExtras) else { return }
        m.function("randrange", 1, 3) { (a, nPos, _) throws(PyExc) in
            let start = try IntOps.toInt(a[0])
            if nPos == 1 {
                if start > 0 { return try IntOps.make(Int(below(UInt32(truncatingIfNeeded: start)))) }
                throw PyExc.make(Exceptions.ValueError)
            }
            let stop = try IntOps.toInt(a[1])
            if nPos == 2 {
                if start < stop { return try IntOps.make(start + Int(below(UInt32(truncatingIfNeeded: stop - start)))) }
                throw PyExc.make(Exceptions.ValueError)
            }
            let step = try IntOps.toInt(a[2])
            var count = 0
            if step > 0 {
                count = (stop - start + step - 1) / step
            } else if step < 0 {
                count = (stop - start + step + 1) / step
            } else {
                throw PyExc.make(Exceptions.ValueError)
            }
            if count > 0 { return try IntOps.make(start + step * Int(below(UInt32(truncatingIfNeeded: count)))) }
            throw PyExc.make(Exceptions.ValueError)
        }
        m.function("randint", 2, 2) { (a, _, _) throws(PyExc) in
            let lo = try IntOps.toInt(a[0]), hi = try IntOps.toInt(a[1])
            if lo > hi { throw PyExc.make(Exceptions.ValueError) }
            return try IntOps.make(lo + Int(below(UInt32(truncatingIfNeeded: hi - lo + 1))))
        }
        m.function("choice", 1, 1) { (a, _, _) throws(PyExc) in
            let len = try Runtime.length(a[0])
            if len <= 0 { throw PyExc.make(Exceptions.IndexError) }
            return try Runtime.getItem(a[0], Obj(small: Int(below(UInt32(len)))))
        }
        m.function("random", 0, 0) { (_, _, _) throws(PyExc) in try Float.make(unit()) }
        m.function("uniform", 2, 2) { (a, _, _) throws(PyExc) in
            let lo = try ModSupport.float(a[0]), hi = try ModSupport.float(a[1])
            return try Float.make(lo + (hi - lo) * unit())
        }
    }
}
