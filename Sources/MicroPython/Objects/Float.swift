import MicroPythonCompiler

/// float. On the esp8266 profile a float is an immediate word holding 30 bits of an IEEE single
/// (MicroPython's representation C): encode ((F & ~3) | 2) + 0x80800000, decode by subtracting
/// and refilling the two lost mantissa bits from the two above them. On the host profile a float
/// is a heap object [type, pad, double] of 16 bytes.
public enum Float {
    nonisolated(unsafe) public static var immediate = false

    /// How this profile's floats read and print as text.
    @inline(__always) public static var model: FloatText.Model { immediate ? .single : .double }

    @inline(__always) public static func make(_ d: Double) throws(PyExc) -> Obj {
        if immediate { return encode(d) }
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, Types.float)
        UnsafeMutableRawPointer(words(o) + 2).storeBytes(of: d, as: Double.self)
        return o
    }

    @inline(__always) public static func value(_ o: Obj) -> Double {
        if o.raw & 3 == 2 { return decode(o) }
        return UnsafeMutableRawPointer(words(o) + 2).load(as: Double.self)
    }

    static func encode(_ d: Double) -> Obj {
        let f = Swift.Float(d)
        var bits = f.isNaN ? UInt32(0x7FC0_0000) : f.bitPattern
        bits = ((bits & ~3) | 2) &+ 0x8080_0000
        return Obj(raw: bits)
    }

    static func decode(_ o: Obj) -> Double {
        var f = (o.raw &- 0x8080_0000) & ~3
        f |= (f >> 2) & 3
        return Double(Swift.Float(bitPattern: f))
    }

    @inline(__always) public static func isFloat(_ o: Obj) -> Bool {
        if o.isImmediateFloat { return true }
        return o.isPointer && field(o, 0) == Types.float
    }

    /// MicroPython's float hash (without MICROPY_FLOAT_HIGH_QUALITY_HASH): the value cast to
    /// the machine int, as the x86 C builds do it (out of range and NaN give the lowest int),
    /// then kept to a small int's width (one bit less).
    public static func hash(_ d: Double) -> Int {
        if immediate {
            let f = Swift.Float(d)
            let lowest = Swift.Float(Int32.min)
            let i = f >= lowest && f < -lowest ? Int32(f) : Int32.min
            return Int((i << 1) >> 1)
        }
        let lowest = Double(Int64.min)
        let i = d >= lowest && d < -lowest ? Int64(d) : Int64.min
        return Int((i << 1) >> 1)
    }

    /// Rounds to the profile's precision (single on the esp8266 profile).
    @inline(__always) public static func narrow(_ d: Double) -> Double { immediate ? Double(Swift.Float(d)) : d }
}
