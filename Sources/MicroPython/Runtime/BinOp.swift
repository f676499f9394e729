/// Binary operator numbers, as the bytecode encodes them (BINARY_OP_MULTI = 0xD7 + n).
public enum BinOp {
    public static let less = 0, more = 1, equal = 2, lessEqual = 3, moreEqual = 4, notEqual = 5
    public static let `in` = 6, `is` = 7, exceptionMatch = 8
    public static let inplaceOr = 9, inplaceXor = 10, inplaceAnd = 11, inplaceLshift = 12, inplaceRshift = 13
    public static let inplaceAdd = 14, inplaceSub = 15, inplaceMul = 16, inplaceMatMul = 17
    public static let inplaceFloorDiv = 18, inplaceTrueDiv = 19, inplaceMod = 20, inplacePow = 21
    public static let or = 22, xor = 23, and = 24, lshift = 25, rshift = 26
    public static let add = 27, sub = 28, mul = 29, matMul = 30, floorDiv = 31, trueDiv = 32, mod = 33, pow = 34

    /// The special method for each operator number (reflected names for 22...34 are `reflected`).
    public static let methods: [Qstr] = [
        .__lt__, .__gt__, .__eq__, .__le__, .__ge__, .__ne__, .__contains__, .empty, .empty,
        .__ior__, .__ixor__, .__iand__, .__ilshift__, .__irshift__, .__iadd__, .__isub__, .__imul__,
        .__imatmul__, .__ifloordiv__, .__itruediv__, .__imod__, .__ipow__,
        .__or__, .__xor__, .__and__, .__lshift__, .__rshift__, .__add__, .__sub__, .__mul__,
        .__matmul__, .__floordiv__, .__truediv__, .__mod__, .__pow__,
    ]
    public static let reflected: [Qstr] = [
        .__ror__, .__rxor__, .__rand__, .__rlshift__, .__rrshift__, .__radd__, .__rsub__, .__rmul__,
        .__rmatmul__, .__rfloordiv__, .__rtruediv__, .__rmod__, .__rpow__,
    ]
    public static let symbols: [String] = [
        "<", ">", "==", "<=", ">=", "!=", "in", "is", "", "|=", "^=", "&=", "<<=", ">>=", "+=", "-=", "*=",
        "@=", "//=", "/=", "%=", "**=", "|", "^", "&", "<<", ">>", "+", "-", "*", "@", "//", "/", "%", "**",
    ]
}

/// Unary operator numbers (UNARY_OP_MULTI = 0xD0 + n), plus the runtime's internal ones.
public enum UnaryOp {
    public static let positive = 0, negative = 1, invert = 2, not = 3
    public static let methods: [Qstr] = [.__pos__, .__neg__, .__invert__]
}
