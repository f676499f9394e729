/// uctypes: C-structure access to memory by address (extmod/moductypes.c's behaviour).
///
/// Descriptors are MicroPython's: a dict of field name -> scalar (an int: type in the top bits,
/// offset below, bitfield position/length in between) or aggregate (a tuple whose first item
/// is the aggregate kind | offset: (offset, {struct}), (PTR | offset, type),
/// (ARRAY | offset, type | count) or (ARRAY | offset, count, {struct})).
///
/// Addresses are those of `AddressSpace`: arena offsets of buffer data a program took the
/// address of (and the port's registers). Every access is checked there; a bad address raises
/// OSError(EFAULT) instead of touching memory.
///
/// A struct is [type, descriptor, address, layout], 16 bytes as mp_obj_uctypes_struct_t; the
/// address word is scanned like any word, so a struct at the start of a buffer's data keeps
/// that data alive, as in C.
public enum UctypesModule {
    // Layouts.
    static let littleEndian = 0
    static let bigEndian = 1
    static let native = 2

    // The encoding of scalar and aggregate descriptors (31 bits: type, bitfield length and
    // position, offset).
    static let valTypeBits = 4
    static let aggTypeBits = 2
    static let offsetBits = 17
    static let bitfieldOffsetBits = 5
    static let bitfieldLengthShift = offsetBits + bitfieldOffsetBits
    static let bitfieldFieldMask = 31

    // Scalar types (the valTypeBits field).
    static let uint8 = 0, int8 = 1, uint16 = 2, int16 = 3, uint32 = 4, int32 = 5, uint64 = 6, int64 = 7
    static let bfuint8 = 8, bfint8 = 9, bfuint16 = 10, bfint16 = 11, bfuint32 = 12, bfint32 = 13
    static let float32 = 14, float64 = 15
    // Aggregate kinds (the aggTypeBits field).
    static let aggStruct = 0, aggPointer = 1, aggArray = 2

    nonisolated(unsafe) static var structClass: NativeClass!
    nonisolated(unsafe) static var descField: NativeField<Obj>!
    nonisolated(unsafe) static var addrField: NativeField<UInt32>!
    nonisolated(unsafe) static var layoutField: NativeField<Int32>!

    /// An address no region or port ever has (addresses that do not fit 32 bits).
    static let unreachable: UInt32 = 0xFFFF_FFFF

    /// A type code as the module's constant: the type in the top bits of a 31-bit value.
    static func typeConstant(_ t: Int, _ bits: Int) -> Int { Int(Int32(truncatingIfNeeded: t << (32 - bits)) >> 1) }
    static func getType(_ x: Int, _ bits: Int) -> Int { (x >> (31 - bits)) & ((1 << bits) - 1) }
    static func valueMask(_ bits: Int) -> Int { Int(~(Int32.min >> Int32(bits))) }

    static func syntaxError() -> PyExc { PyExc.typeError("syntax error in uctypes descriptor") }

    static var pointerSize: Int { MicroPythonRuntime.port.wordBits / 8 }
    static var wordMask: UInt64 { pointerSize >= 8 ? UInt64.max : UInt64(UInt32.max) }

    static func scalarSize(_ valType: Int) -> Int {
        valType == float32 ? 4 : 1 << ((valType & 7) >> 1)
    }

    /// A descriptor's int (the C code reads them as small ints without checking).
    static func small(_ o: Obj) throws(PyExc) -> Int {
        guard o.isSmallInt else { throw syntaxError() }
        return o.smallValue
    }

    static func isDict(_ o: Obj) -> Bool { o.isPointer && kindOf(o) == .dict }
    static func isTuple(_ o: Obj) -> Bool { o.isPointer && kindOf(o) == .tuple }

    // MARK: sizes

    static func aggregateSize(_ t: Obj, _ layout: Int, _ maxField: inout UInt) throws(PyExc) -> UInt {
        let n = Tuple.count(t)
        if n < 2 { throw syntaxError() }
        let first = try small(Tuple.item(t, 0))
        switch getType(first, aggTypeBits) {
        case aggStruct:
            if n != 2 { throw syntaxError() }
            return try size(Tuple.item(t, 1), layout, &maxField)
        case aggPointer:
            if n != 2 { throw syntaxError() }
            let s = UInt(pointerSize)
            if s > maxField { maxField = s }
            return s
        case aggArray:
            var count = try small(Tuple.item(t, 1))
            let valType = getType(count, valTypeBits)
            count &= valueMask(valTypeBits)
            var itemSize: UInt
            if n == 2 {
                itemSize = UInt(scalarSize(valType))
                if itemSize > maxField { maxField = itemSize }
            } else if n == 3 {
                itemSize = try size(Tuple.item(t, 2), layout, &maxField)
            } else {
                throw syntaxError()
            }
            return itemSize &* UInt(bitPattern: count)
        default:
            throw syntaxError()
        }
    }

    static func size(_ desc: Obj, _ layout: Int, _ maxField: inout UInt) throws(PyExc) -> UInt {
        guard isDict(desc) else {
            if isTuple(desc) { return try aggregateSize(desc, layout, &maxField) }
            if desc.isSmallInt { throw PyExc.typeError("can't unambiguously get sizeof scalar") }
            throw syntaxError()
        }
        var total: UInt = 0
        let map = Dict.map(desc)
        var i = 0
        while let slot = map.next(from: &i) {
            let v = slot[1]
            if v.isSmallInt {
                var offset = v.smallValue
                let valType = getType(offset, valTypeBits)
                offset &= valueMask(valTypeBits)
                if valType >= bfuint8 && valType <= bfint32 { offset &= (1 << offsetBits) - 1 }
                let s = UInt(scalarSize(valType))
                if s > maxField { maxField = s }
                let end = UInt(bitPattern: offset) &+ s
                if end > total { total = end }
            } else {
                guard isTuple(v) else { throw syntaxError() }
                if Tuple.count(v) == 0 { throw syntaxError() }
                let offset = try small(Tuple.item(v, 0)) & valueMask(aggTypeBits)
                let s = try aggregateSize(v, layout, &maxField)
                let end = UInt(bitPattern: offset) &+ s
                if end > total { total = end }
            }
        }
        if layout == native {
            // Round up to the alignment of the biggest field.
            total = (total &+ maxField &- 1) & ~(maxField &- 1)
        }
        return total
    }

    static func sizeOf(_ desc: Obj, _ layout: Int) throws(PyExc) -> Int {
        var maxField: UInt = 0
        let s = try size(desc, layout, &maxField)
        guard s <= UInt(Int.max) else { throw PyExc.overflowError("overflow converting long int to machine word") }
        return Int(s)
    }

    // MARK: structs

    static func makeStruct(_ desc: Obj, _ address: UInt64, _ layout: Int) throws(PyExc) -> Obj {
        let o = try structClass.make()
        descField[o] = desc
        addrField[o] = address <= UInt64(UInt32.max) ? UInt32(address) : unreachable
        layoutField[o] = Int32(truncatingIfNeeded: layout)
        return o
    }

    static func layoutOf(_ o: Obj) -> Int { Int(layoutField[o]) }
    static func isBig(_ layout: Int) -> Bool { layout != littleEndian && layout != native }
    static func address(_ o: Obj) -> UInt64 { UInt64(addrField[o]) }

    /// struct(...) field address: base + offset, in the machine word.
    static func offsetAddress(_ base: UInt64, _ offset: Int) -> UInt64 {
        (base &+ UInt64(bitPattern: Int64(offset))) & wordMask
    }

    /// Reads a scalar of `valType` at `address`.
    static func loadScalar(_ valType: Int, _ address: UInt64, _ big: Bool) throws(PyExc) -> Obj {
        let n = scalarSize(valType)
        var raw = try AddressSpace.load(address, n)
        if big { raw = swapped(raw, n) }
        switch valType {
        case float32: return try Float.make(Double(Swift.Float(bitPattern: UInt32(truncatingIfNeeded: raw))))
        case float64: return try Float.make(Double(bitPattern: raw))
        default: break
        }
        if valType & 1 != 0 {
            let shift = UInt64(64 - 8 * n)
            return try IntOps.make(Int(Int64(bitPattern: raw << shift) >> Int64(shift)))
        }
        if raw <= UInt64(Int.max) { return try IntOps.make(Int(raw)) }
        return try IntOps.store(BigIntValue(raw))
    }

    /// Writes a scalar of `valType` at `address` (ints truncated to the field, as C stores them).
    static func storeScalar(_ valType: Int, _ address: UInt64, _ big: Bool, _ value: Obj) throws(PyExc) {
        let n = scalarSize(valType)
        var raw: UInt64
        switch valType {
        case float32: raw = UInt64(Swift.Float(try ModSupport.float(value)).bitPattern)
        case float64: raw = (try ModSupport.float(value)).bitPattern
        default:
            if !IntOps.isInt(value) { _ = try IntOps.toInt(value) }  // the TypeError
            raw = try ModSupport.truncated64(value)
        }
        if big { raw = swapped(raw, n) }
        try AddressSpace.store(address, n, raw)
    }

    /// The low `n` bytes of `v` in the other byte order.
    static func swapped(_ v: UInt64, _ n: Int) -> UInt64 {
        var r: UInt64 = 0
        for i in 0..<n { r = r << 8 | (v >> UInt64(8 * i) & 0xFF) }
        return r
    }

    static func fieldAccess(_ s: Obj, _ name: Qstr, _ value: Obj) throws(PyExc) -> Obj {
        let desc = descField[s]
        guard isDict(desc) else { throw PyExc.typeError("struct: no fields") }
        let key = Obj(qstr: name)
        guard let deref = try Dict.get(desc, key) else { throw PyExc.keyError(key) }
        let layout = layoutOf(s)
        let big = isBig(layout)
        if deref.isSmallInt {
            var offset = deref.smallValue
            let valType = getType(offset, valTypeBits)
            offset &= valueMask(valTypeBits)
            if valType <= int64 || valType == float32 || valType == float64 {
                let a = offsetAddress(address(s), offset)
                if value.isNull { return try loadScalar(valType, a, big) }
                try storeScalar(valType, a, big, value)
                return value
            }
            // A bitfield in an unsigned 8-, 16- or 32-bit word.
            let bitOffset = UInt64((offset >> offsetBits) & bitfieldFieldMask)
            let bitLength = UInt64((offset >> bitfieldLengthShift) & bitfieldFieldMask)
            offset &= (1 << offsetBits) - 1
            let n = scalarSize(valType)
            let a = offsetAddress(address(s), offset)
            var word = try AddressSpace.load(a, n)
            if big { word = swapped(word, n) }
            let mask: UInt64 = (1 << bitLength) - 1
            if value.isNull { return try IntOps.make(Int((word >> bitOffset) & mask)) }
            let v = UInt64(bitPattern: Int64(try IntOps.toInt(value))) & mask
            word = (word & ~(mask << bitOffset)) | (v << bitOffset)
            try AddressSpace.store(a, n, big ? swapped(word, n) : word)
            return value
        }
        guard isTuple(deref), Tuple.count(deref) >= 2 else { throw syntaxError() }
        // Aggregates can't be assigned.
        if !value.isNull { throw syntaxError() }
        let first = try small(Tuple.item(deref, 0))
        let a = offsetAddress(address(s), first & valueMask(aggTypeBits))
        switch getType(first, aggTypeBits) {
        case aggStruct:
            return try makeStruct(Tuple.item(deref, 1), a, layout)
        case aggArray:
            if Tuple.count(deref) == 2, getType(try small(Tuple.item(deref, 1)), valTypeBits) == uint8 {
                // Arrays of bytes are bytearrays over the memory, where it can be aliased.
                var maxField: UInt = 0
                let n = Int(try aggregateSize(deref, layout, &maxField))
                if let alias = try byteArray(at: a, n, orStruct: true) { return alias }
            }
            return try makeStruct(deref, a, layout)
        case aggPointer:
            return try makeStruct(deref, a, layout)
        default:
            throw syntaxError()
        }
    }

    /// A bytearray over `n` bytes at `address` (exposed, writable pool memory). When the
    /// memory can't be aliased but can be reached (read-only data, the port's registers):
    /// nil if `orStruct` (the caller makes a checked struct instead), else OSError(EFAULT).
    static func byteArray(at address: UInt64, _ n: Int, orStruct: Bool) throws(PyExc) -> Obj? {
        if let (p, head) = AddressSpace.find(address, n, write: true), head != 0 {
            let data = UInt32(UInt(bitPattern: p) - arenaBase)
            return try ByteArray.make(referencing: data, count: n, backing: head)
        }
        if orStruct && (AddressSpace.find(address, n, write: false) != nil || (AddressSpace.port?.claims(address, n) ?? false)) {
            return nil
        }
        throw AddressSpace.fault()
    }

    /// S[i] (value NULL) and S[i] = v.
    static func index(_ s: Obj, _ indexObj: Obj, _ value: Obj) throws(PyExc) -> Obj {
        let desc = descField[s]
        guard isTuple(desc) else { throw PyExc.typeError("struct: can't index") }
        guard Tuple.count(desc) >= 2 else { throw syntaxError() }
        let index = try IntOps.toIndex(indexObj)
        let layout = layoutOf(s)
        let first = try small(Tuple.item(desc, 0))
        switch getType(first, aggTypeBits) {
        case aggArray:
            var count = try small(Tuple.item(desc, 1))
            let valType = getType(count, valTypeBits)
            count &= valueMask(valTypeBits)
            if index >= count { throw PyExc.indexError("struct: index out of range") }
            if Tuple.count(desc) == 2 {
                let a = offsetAddress(address(s), scalarSize(valType) &* index)
                if value.isNull { return try loadScalar(valType, a, isBig(layout)) }
                try storeScalar(valType, a, isBig(layout), value)
                return value
            }
            guard value.isNull else {
                throw PyExc.typeError("'struct' object doesn't support item assignment")
            }
            if Tuple.count(desc) != 3 { throw syntaxError() }
            let item = Tuple.item(desc, 2)
            let size = try sizeOf(item, layout)
            return try makeStruct(item, offsetAddress(address(s), size &* index), layout)
        case aggPointer:
            // The pointer is a native word, whatever the layout.
            let target = try AddressSpace.load(address(s), pointerSize)
            let pointee = Tuple.item(desc, 1)
            if pointee.isSmallInt {
                let valType = getType(pointee.smallValue, valTypeBits)
                // As in C, assigning through a PTR reads the item and stores nothing.
                return try loadScalar(valType, offsetAddress(target, scalarSize(valType) &* index), false)
            }
            let size = try sizeOf(pointee, layout)
            return try makeStruct(pointee, offsetAddress(target, size &* index), layout)
        default:
            throw PyExc.typeError(value.isNull ? "'struct' object isn't subscriptable" : "'struct' object doesn't support item assignment")
        }
    }

    static func repr(_ s: Obj) -> String {
        let desc = descField[s]
        var name = "unk"
        if isDict(desc) {
            name = "STRUCT"
        } else if isTuple(desc) {
            if Tuple.count(desc) > 0 && Tuple.item(desc, 0).isSmallInt {
                switch getType(Tuple.item(desc, 0).smallValue, aggTypeBits) {
                case aggPointer: name = "PTR"
                case aggArray: name = "ARRAY"
                default: break
                }
            }
        } else {
            name = "ERROR"
        }
        return "<struct \(name) \(String(addrField[s], radix: 16))>"
    }

    /// The struct's memory as a buffer: its descriptor's size at its address, when that is
    /// exposed memory (not a str's: a buffer can be written, and a str must stay UTF-8).
    static func buffer(_ s: Obj) -> UnsafeMutableRawBufferPointer? {
        var maxField: UInt = 0
        let n: UInt
        do { n = try size(descField[s], layoutOf(s), &maxField) } catch { return nil }
        guard n <= UInt(Int32.max), let (p, _) = AddressSpace.find(address(s), Int(n), write: false, buffer: true) else { return nil }
        return UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(p), count: Int(n))
    }

    // MARK: module functions

    /// An address or size argument: any int, truncated to the machine word (mp_obj_get_int_truncated).
    static func truncated(_ o: Obj) throws(PyExc) -> UInt64 {
        if !IntOps.isInt(o) { _ = try IntOps.toInt(o) }
        return try ModSupport.truncated64(o) & wordMask
    }

    static func addressOf(_ o: Obj) throws(PyExc) -> Obj {
        if structClass.isInstance(o) { return try IntOps.make(Int(addrField[o])) }
        let view = try ModSupport.bufferView(o)
        let writable: Bool
        switch kindOf(o) {
        case .bytearray: writable = true
        case .memoryview: writable = kindOf(field(o, 1)) == .bytearray
        case .nativeObject: writable = ArrayModule.buffer(o) != nil || (NativeProtocols.of(o)?.bufferIsWritable ?? false)
        default: writable = false
        }
        let p = UnsafeMutablePointer(mutating: view.baseAddress ?? UnsafePointer(arenaBytes(0)))
        return try IntOps.make(Int(try AddressSpace.expose(p, view.count, writable: writable, text: Str.isStr(o))))
    }

    static func byteCount(_ o: Obj) throws(PyExc) -> Int {
        let n = Int64(bitPattern: try truncated(o))
        if n < 0 || n > Int64(Int32.max) { throw PyExc.valueError("negative or too large size") }
        return Int(n)
    }

    static func bytesAt(_ addr: Obj, _ size: Obj) throws(PyExc) -> Obj {
        let a = try truncated(addr)
        let n = try byteCount(size)
        if n == 0 { return try Str.make(bytes: [UInt8](), type: Types.bytes) }
        if let (p, _) = AddressSpace.find(a, n, write: false) {
            return try Str.make(bytes: UnsafeBufferPointer(start: p, count: n), type: Types.bytes)
        }
        guard let port = AddressSpace.port, port.claims(a, n) else { throw AddressSpace.fault() }
        try Heap.checkTemporary(n)
        var out = [UInt8](repeating: 0, count: n)
        for i in 0..<n { out[i] = UInt8(truncatingIfNeeded: try port.read(UInt32(a + UInt64(i)), 1)) }
        return try Str.make(bytes: out, type: Types.bytes)
    }

    static func install() {
        let m = ModuleBuilder("uctypes")
        let cls = NativeClass("struct", in: m)
        structClass = cls
        descField = cls.field(Obj.self)
        addrField = cls.field(UInt32.self)
        layoutField = cls.field(Int32.self)

        // Counted here, for mp_arg_check_num's messages (which do not count the type).
        cls.constructor(0, Native.varArgs) { (a, nPos, _) throws(PyExc) in
            if nPos < 3 { throw PyExc.typeError("function missing \(3 - nPos) required positional arguments") }
            if nPos > 4 { throw PyExc.typeError("function expected at most 3 arguments, got \(nPos - 1)") }
            let addr = try truncated(a[1])
            let layout = nPos == 4 ? try IntOps.toInt(a[3]) : native
            return try makeStruct(a[2], addr, layout)
        }
        cls.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in try Str.make(repr(a[0])) }
        cls.method("__getitem__", 2, 2) { (a, _, _) throws(PyExc) in try index(a[0], a[1], .null) }
        cls.method("__setitem__", 3, 3) { (a, _, _) throws(PyExc) in
            _ = try index(a[0], a[1], a[2])
            return .none
        }
        cls.constant("__hash__", .none)
        // int(S) of a PTR field is the address it holds (MP_UNARY_OP_INT_MAYBE); None otherwise.
        cls.method("__int__", 1, 1) { (a, _, _) throws(PyExc) in
            let desc = descField[a[0]]
            if isTuple(desc), Tuple.count(desc) > 0, Tuple.item(desc, 0).isSmallInt,
               getType(Tuple.item(desc, 0).smallValue, aggTypeBits) == aggPointer {
                let p = try AddressSpace.load(address(a[0]), pointerSize)
                if p <= UInt64(Int.max) { return try IntOps.make(Int(p)) }
                return try IntOps.store(BigIntValue(p))
            }
            return .none  // not a pointer: int() goes on as for any buffer
        }
        let slots = NativeProtocols()
        slots.loadAttribute = { (o, name) throws(PyExc) in try fieldAccess(o, name, .null) }
        slots.storeAttribute = { (o, name, value) throws(PyExc) in
            if value.isNull { return false }
            _ = try fieldAccess(o, name, value)
            return true
        }
        slots.buffer = { o in buffer(o) }
        slots.bufferIsWritable = true
        cls.implement(slots)

        m.function("sizeof", 1, 2) { (a, nPos, _) throws(PyExc) in
            var desc = a[0]
            if desc.isPointer && kindOf(desc) == .bytearray { return Obj(small: ByteArray.count(desc)) }
            var layout = native
            if structClass.isInstance(desc) {
                if nPos != 1 { throw PyExc.make(Exceptions.TypeError) }
                layout = layoutOf(desc)
                desc = descField[desc]
            } else if nPos == 2 {
                layout = try IntOps.toInt(a[1])
            }
            return try IntOps.make(try sizeOf(desc, layout))
        }
        m.function("addressof", 1, 1) { (a, _, _) throws(PyExc) in try addressOf(a[0]) }
        m.function("bytes_at", 2, 2) { (a, _, _) throws(PyExc) in try bytesAt(a[0], a[1]) }
        m.function("bytearray_at", 2, 2) { (a, _, _) throws(PyExc) in
            let addr = try truncated(a[0])
            return try byteArray(at: addr, try byteCount(a[1]), orStruct: false) ?? .none
        }

        m.set("NATIVE", Obj(small: native))
        m.set("LITTLE_ENDIAN", Obj(small: littleEndian))
        m.set("BIG_ENDIAN", Obj(small: bigEndian))
        let scalars: [(String, Int)] = [
            ("VOID", uint8), ("UINT8", uint8), ("INT8", int8), ("UINT16", uint16), ("INT16", int16),
            ("UINT32", uint32), ("INT32", int32), ("UINT64", uint64), ("INT64", int64),
            ("BFUINT8", bfuint8), ("BFINT8", bfint8), ("BFUINT16", bfuint16), ("BFINT16", bfint16),
            ("BFUINT32", bfuint32), ("BFINT32", bfint32),
        ]
        for (name, t) in scalars { m.set(name, Obj(small: typeConstant(t, valTypeBits))) }
        m.set("BF_POS", Obj(small: offsetBits))
        m.set("BF_LEN", Obj(small: bitfieldLengthShift))
        m.set("FLOAT32", Obj(small: typeConstant(float32, valTypeBits)))
        m.set("FLOAT64", Obj(small: typeConstant(float64, valTypeBits)))
        // C type aliases: short 16 bits, int 32, long the machine word, long long 64.
        let longType = MicroPythonRuntime.port.wordBits >= 64 ? (int64, uint64) : (int32, uint32)
        let aliases: [(String, Int)] = [
            ("SHORT", int16), ("USHORT", uint16), ("INT", int32), ("UINT", uint32),
            ("LONG", longType.0), ("ULONG", longType.1), ("LONGLONG", int64), ("ULONGLONG", uint64),
        ]
        for (name, t) in aliases { m.set(name, Obj(small: typeConstant(t, valTypeBits))) }
        m.set("PTR", Obj(small: typeConstant(aggPointer, aggTypeBits)))
        m.set("ARRAY", Obj(small: typeConstant(aggArray, aggTypeBits)))
    }
}
