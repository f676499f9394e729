/// Comparisons between buffer objects (bytes, bytearray, array, memoryview), with
/// MicroPython's rules: bytes compares its raw bytes with any buffer; bytearray, array and
/// memoryview compare raw bytes only when both sides' typecodes agree (up to signedness for
/// ==, and unsigned for ordering; never floats), and raise NotImplementedError otherwise.
/// For == between different types, only bytearray and memoryview look at the other type
/// (MP_TYPE_FLAG_EQ_CHECKS_OTHER_TYPE); array and bytes fall back to identity.
enum BufferCompare {
    static let byteCode: UInt8 = 0x42   // 'B'

    /// The typecode a buffer presents ('B' for byte buffers), or nil for a non-buffer.
    static func typecode(_ o: Obj) -> UInt8? {
        switch kindOf(o) {
        case .str, .bytes, .bytearray: return byteCode
        case .memoryview: return MemoryView.code(o)
        case .nativeObject:
            if ArrayModule.isArray(o) { return ArrayModule.code(o) }
            return NativeProtocols.bytes(o) != nil ? byteCode : nil
        case .instance:
            let n = Classes.nativePart(o)
            return n.isNull ? nil : typecode(n)
        default: return nil
        }
    }

    /// Whether == with `o` on the left tries the other operand's type.
    static func checksOtherType(_ o: Obj) -> Bool {
        let k = kindOf(o)
        return k == .bytearray || k == .memoryview || (k == .instance && typecode(o) != nil)
    }

    /// array_binary_op's comparison, `a` being a bytearray, array or memoryview.
    static func compareTyped(_ op: Int, _ a: Obj, _ b: Obj) throws(PyExc) -> Obj {
        guard let ca = typecode(a), let cb = typecode(b) else { return .false }
        // Upper case is unsigned; either side being unsigned makes the pair unsigned.
        let lower: (UInt8) -> UInt8 = { $0 <= 0x5A ? $0 + 0x20 : $0 }
        let unsigned = ca <= 0x5A || cb <= 0x5A
        let la = lower(ca), lb = lower(cb)
        let isFloat = la == 0x66 || la == 0x64
        guard la == lb, !isFloat, op == BinOp.equal || op == BinOp.notEqual || unsigned else {
            throw PyExc.make(Exceptions.NotImplementedError)
        }
        return raw(op, a, b)
    }

    /// == and != between two buffers (mp_obj_equal's passes), or nil for identity.
    static func equality(_ op: Int, _ a: Obj, _ b: Obj) throws(PyExc) -> Obj? {
        let same = typeOf(a) == typeOf(b)
        if same && kindOf(a) == .bytes { return raw(op, a, b) }
        if same || checksOtherType(a) { return try compareTyped(op, a, b) }
        if checksOtherType(b) { return try compareTyped(op, b, a) }
        return nil
    }

    /// Compares the raw bytes of two buffers.
    static func raw(_ op: Int, _ a: Obj, _ b: Obj) -> Obj {
        let (pa, na) = BytesMethods.data(a), (pb, nb) = BytesMethods.data(b)
        let c = StrMethods.compareBytes(UnsafeBufferPointer(start: pa, count: na), UnsafeBufferPointer(start: pb, count: nb))
        switch op {
        case BinOp.less: return Obj(bool: c < 0)
        case BinOp.more: return Obj(bool: c > 0)
        case BinOp.equal: return Obj(bool: c == 0)
        case BinOp.lessEqual: return Obj(bool: c <= 0)
        case BinOp.moreEqual: return Obj(bool: c >= 0)
        default: return Obj(bool: c != 0)
        }
    }
}
