/// Small helpers shared by the native modules in this folder.
public enum ModSupport {
    /// The bytes of an object with the buffer protocol (str, bytes, bytearray, memoryview, array),
    /// in place (valid while the object lives and is not resized), or TypeError as
    /// mp_get_buffer_raise.
    public static func bufferView(_ o: Obj) throws(PyExc) -> UnsafeBufferPointer<UInt8> {
        if Str.isStr(o) || BytesMethods.isBuffer(o) {
            let (p, n) = BytesMethods.data(o)
            return UnsafeBufferPointer(start: p, count: n)
        }
        if let (p, n) = ArrayModule.buffer(o) { return UnsafeBufferPointer(start: p, count: n) }
        if let (p, n) = NativeProtocols.bytes(o) { return UnsafeBufferPointer(start: p, count: n) }
        if let n = subclassNativePart(o) { return try bufferView(n) }
        throw PyExc.typeError("object with buffer protocol required")
    }

    /// The native part of an instance of a Python subclass of a builtin or port type, or nil.
    static func subclassNativePart(_ o: Obj) -> Obj? {
        guard kindOf(o) == .instance else { return nil }
        let n = Classes.nativePart(o)
        return n.isNull || kindOf(n) == .instance ? nil : n
    }

    /// A copy of the bytes of a buffer-protocol object (see `bufferView`).
    static func readBuffer(_ o: Obj) throws(PyExc) -> [UInt8] { Array(try bufferView(o)) }

    /// A writable buffer (bytearray, memoryview, array): pointer and length.
    public static func writeBuffer(_ o: Obj) throws(PyExc) -> (UnsafeMutablePointer<UInt8>, Int) {
        let k = kindOf(o)
        if k == .bytearray || k == .memoryview { return BytesMethods.data(o) }
        if let b = ArrayModule.buffer(o) { return b }
        if let p = NativeProtocols.of(o), p.bufferIsWritable, let b = NativeProtocols.bytes(o) { return b }
        if let n = subclassNativePart(o) { return try writeBuffer(n) }
        throw PyExc.typeError("object with buffer protocol required")
    }

    static func isBufferLike(_ o: Obj) -> Bool {
        Str.isStr(o) || BytesMethods.isBuffer(o) || ArrayModule.buffer(o) != nil
    }

    public static func bytes(_ b: [UInt8]) throws(PyExc) -> Obj { try Str.make(bytes: b, type: Types.bytes) }

    /// A new tuple from Swift-computed items produced one at a time by `make` (each item is
    /// stored into the tuple before the next allocation, so all stay reachable).
    static func tuple(_ n: Int, _ make: (Int) throws(PyExc) -> Obj) throws(PyExc) -> Obj {
        let t = try Tuple.make(count: n)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = t
        for i in 0..<n { Tuple.items(t)[i] = try make(i) }
        return t
    }

    /// Items of a tuple or list (pointer, count), else nil.
    static func items(_ o: Obj) -> (UnsafeMutablePointer<Obj>, Int)? {
        switch kindOf(o) {
        case .tuple: return (Tuple.items(o), Tuple.count(o))
        case .list: return (List.items(o), List.count(o))
        default: return nil
        }
    }

    static func float(_ o: Obj) throws(PyExc) -> Double {
        if Float.isFloat(o) { return Float.value(o) }
        if IntOps.isInt(o) { return IntOps.toDouble(o) }
        throw PyExc.typeError("can't convert \(typeName(o)) to float")
    }

    /// The value truncated to 64 bits (mp_obj_get_int_truncated on a 64-bit value).
    static func truncated64(_ o: Obj) throws(PyExc) -> UInt64 {
        if o.isSmallInt { return UInt64(bitPattern: Int64(o.smallValue)) }
        if o == .true { return 1 }
        if o == .false { return 0 }
        if IntOps.isBig(o) {
            let b = IntOps.big(o)
            let bytes = (b & BigIntValue(UInt64.max)).toBytes(length: 8, littleEndian: true, signed: false) ?? []
            var v: UInt64 = 0
            for (i, x) in bytes.enumerated() { v |= UInt64(x) << UInt64(8 * i) }
            return v
        }
        throw PyExc.typeError("can't convert \(typeName(o)) to int")
    }

    static func str(_ o: Obj) throws(PyExc) -> [UInt8] {
        guard Str.isStr(o) else { throw PyExc.typeError("can't convert '\(typeName(o))' object to str implicitly") }
        return Array(Str.buffer(o))
    }
}
