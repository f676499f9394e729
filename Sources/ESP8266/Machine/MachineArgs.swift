import MicroPython

/// One parameter of a native function, as MicroPython's mp_arg_t: a name, whether it must be
/// given, whether it is keyword-only, and how its value is taken.
struct MachineParam {
    enum Kind { case object, int, bool }
    let name: Qstr
    let kind: Kind
    let required: Bool
    let keywordOnly: Bool
    let defaultObject: Obj
    let defaultInt: Int

    static func object(_ name: String, required: Bool = false, keywordOnly: Bool = false, default d: Obj = .null) -> MachineParam {
        MachineParam(name: Qstr(name), kind: .object, required: required, keywordOnly: keywordOnly, defaultObject: d, defaultInt: 0)
    }
    static func int(_ name: String, required: Bool = false, keywordOnly: Bool = false, default d: Int = 0) -> MachineParam {
        MachineParam(name: Qstr(name), kind: .int, required: required, keywordOnly: keywordOnly, defaultObject: .null, defaultInt: d)
    }
    static func bool(_ name: String, keywordOnly: Bool = false, default d: Bool = false) -> MachineParam {
        MachineParam(name: Qstr(name), kind: .bool, required: false, keywordOnly: keywordOnly, defaultObject: .null, defaultInt: d ? 1 : 0)
    }
}

/// Parsed arguments: objects (NULL when absent without a default), ints and bools, and
/// whether each was given.
struct MachineArgValues {
    var objects: [Obj]
    var ints: [Int]
    var given: [Bool]

    func object(_ i: Int) -> Obj { objects[i] }
    func int(_ i: Int) -> Int { ints[i] }
    func bool(_ i: Int) -> Bool { ints[i] != 0 }
}

enum MachineArgs {
    /// mp_arg_parse_all: `nPos` positional arguments at `args`, then `nKw` keyword pairs.
    static func parse(_ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int, _ params: [MachineParam]) throws(PyExc) -> MachineArgValues {
        var out = MachineArgValues(objects: [], ints: [], given: [])
        out.objects.reserveCapacity(params.count)
        var positionalFound = 0, keywordsFound = 0
        let kw = KwArgs(args, nPos, nKw)
        for (i, p) in params.enumerated() {
            var value: Obj
            if i < nPos {
                if p.keywordOnly { throw PyExc.typeError("extra positional arguments given") }
                positionalFound += 1
                value = args[i]
            } else if let v = kw.get(p.name) {
                keywordsFound += 1
                value = v
            } else {
                if p.required { throw PyExc.typeError("'\(p.name.string)' argument required") }
                out.objects.append(p.defaultObject)
                out.ints.append(p.defaultInt)
                out.given.append(false)
                continue
            }
            out.objects.append(value)
            switch p.kind {
            case .object: out.ints.append(0)
            case .int: out.ints.append(try toInt(value))
            case .bool: out.ints.append(try Runtime.isTrue(value) ? 1 : 0)
            }
            out.given.append(true)
        }
        if positionalFound < nPos { throw PyExc.typeError("extra positional arguments given") }
        if keywordsFound < nKw { throw PyExc.typeError("extra keyword arguments given") }
        return out
    }

    /// mp_arg_check_num for a slot taking `min`...`max` positional arguments and no keywords.
    static func check(_ nPos: Int, _ nKw: Int, _ min: Int, _ max: Int) throws(PyExc) {
        if nKw > 0 { throw PyExc.typeError("function doesn't take keyword arguments") }
        if min == max && nPos != min {
            throw PyExc.typeError("function takes \(min) positional arguments but \(nPos) were given")
        }
        if nPos < min { throw PyExc.typeError("function missing \(min - nPos) required positional arguments") }
        if nPos > max { throw PyExc.typeError("function expected at most \(max) arguments, got \(nPos)") }
    }

    /// mp_obj_get_int on the 32-bit chip: an int beyond a machine word is an OverflowError.
    static func toInt(_ o: Obj) throws(PyExc) -> Int {
        if o.isSmallInt { return o.smallValue }
        let v = try IntOps.toInt(o)
        guard v >= Int(Int32.min) && v <= Int(Int32.max) else {
            throw PyExc.overflowError("overflow converting long int to machine word")
        }
        return v
    }

    /// The most bytes one transfer may ask for: more than any board heap, so the request fails
    /// as the firmware's allocation would.
    static let maxTransferBytes = 1 << 24

    /// A byte count for a new buffer: MemoryError when negative or beyond any heap (the
    /// firmware's m_new failing), checked before anything is allocated.
    static func length(_ o: Obj) throws(PyExc) -> Int {
        let n = try toInt(o)
        if n < 0 || n > maxTransferBytes { throw PyExc(Exceptions.memoryError(bytes: UInt(UInt32(truncatingIfNeeded: n)))) }
        return n
    }

    /// An int argument taken as the C port's unsigned 32-bit (mp_obj_get_int_truncated).
    static func truncated32(_ o: Obj) throws(PyExc) -> UInt32 {
        if o.isSmallInt { return UInt32(truncatingIfNeeded: o.smallValue) }
        if IntOps.isInt(o) {
            let s = IntOps.string(o, radix: 16)
            let negative = s.hasPrefix("-")
            let digits = negative ? String(s.dropFirst()) : s
            let low = UInt32(truncatingIfNeeded: UInt64(digits.suffix(8), radix: 16) ?? 0)
            return negative ? 0 &- low : low
        }
        return UInt32(truncatingIfNeeded: try IntOps.toInt(o))
    }

    /// mp_obj_get_float.
    static func float(_ o: Obj) throws(PyExc) -> Double {
        if MicroPython.Float.isFloat(o) { return MicroPython.Float.value(o) }
        if IntOps.isInt(o) { return IntOps.toDouble(o) }
        throw PyExc.typeError("can't convert \(typeName(o)) to float")
    }

    /// An int result that may not fit a small int.
    static func int(_ v: Int) throws(PyExc) -> Obj { Obj.fitsSmall(v) ? Obj(small: v) : try IntOps.make(v) }

    static func bytes(_ b: [UInt8]) throws(PyExc) -> Obj { try Str.make(bytes: b, type: Types.bytes) }

    /// OSError with a message (mp_raise_msg(&mp_type_OSError, ...)).
    static func osError(_ message: String) -> PyExc { PyExc.make(Exceptions.OSError, message) }

    /// The board, or RuntimeError when the runtime runs without one.
    static var board: Board {
        get throws(PyExc) {
            guard let b = Board.current else { throw PyExc.runtimeError("no board attached") }
            return b
        }
    }
}
