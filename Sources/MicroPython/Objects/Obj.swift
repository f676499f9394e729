/// A Python value: one 32-bit word, encoded as MicroPython's object representation C (the
/// ESP8266's), bit by bit:
///
///     ...ssss ssss1   small int: value = word >> 1 (arithmetic), range -2^30 ... 2^30-1
///     ...qqqq 0110    interned string (qstr): q = word >> 4, and word & 0xFF80000F == 0x6
///     ...kkkk 1110    immediate object, word & 0xFF80000F == 0xE: None 0x0E, False 0x1E, True 0x3E
///     ...ffff ff10    float (esp8266 profile only): 30-bit single precision, see Float.swift
///     ...pppp pp00    pointer: byte offset of an object in the arena; its first word is its type.
///                     0 is NULL (MP_OBJ_NULL), 4 is the SENTINEL (deleted map slot, "no value").
///
/// The collector treats a word as a pointer only when it is 16-byte aligned and lands on the
/// head block of an allocation in the GC pool; every other word is inert data.
@frozen public struct Obj: Equatable, Hashable {
    public var raw: UInt32
    @inline(__always) public init(raw: UInt32) { self.raw = raw }

    public static let null = Obj(raw: 0)
    public static let sentinel = Obj(raw: 4)
    public static let none = Obj(raw: 0x0E)
    public static let `false` = Obj(raw: 0x1E)
    public static let `true` = Obj(raw: 0x3E)

    @inline(__always) public var isNull: Bool { raw == 0 }
    @inline(__always) public var isSmallInt: Bool { raw & 1 != 0 }
    @inline(__always) public var isQstr: Bool { raw & 0xFF80_000F == 0x6 }
    @inline(__always) public var isImmediate: Bool { raw & 0xFF80_000F == 0xE }
    @inline(__always) public var isPointer: Bool { raw & 3 == 0 && raw != 0 }
    /// An immediate float (esp8266 profile). On the host profile floats are boxed (pointers).
    @inline(__always) public var isImmediateFloat: Bool { raw & 3 == 2 && raw & 0xFF80_0007 != 0x6 }

    // MARK: small ints

    public static let smallIntMin = -(1 << 30)
    public static let smallIntMax = (1 << 30) - 1

    @inline(__always) public init(small v: Int) {
        raw = UInt32(truncatingIfNeeded: v &<< 1) | 1
    }
    @inline(__always) public var smallValue: Int { Int(Int32(bitPattern: raw) >> 1) }
    @inline(__always) public static func fitsSmall(_ v: Int) -> Bool {
        v >= smallIntMin && v <= smallIntMax
    }

    // MARK: qstrs

    @inline(__always) public init(qstr q: Qstr) { raw = (q.id << 4) | 0x6 }
    @inline(__always) public var qstrValue: Qstr { Qstr(id: raw >> 4) }

    // MARK: bool

    @inline(__always) public init(bool b: Bool) { raw = b ? 0x3E : 0x1E }

    // MARK: pointers

    @inline(__always) public init(offset: UInt32) { raw = offset }
    @inline(__always) public var offset: UInt32 { raw }
}

/// An interned string's number. The first numbers are MicroPython's static qstrs (the order
/// the .mpy format relies on), then the names the runtime itself uses, then runtime interns.
@frozen public struct Qstr: Equatable, Hashable {
    public var id: UInt32
    @inline(__always) public init(id: UInt32) { self.id = id }
}
