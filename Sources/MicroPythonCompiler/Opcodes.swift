/// Bytecode v6 opcodes (§3.8). Operand kinds: q qstr, u uint, s signed int, c child,
/// o object, l label (signed or unsigned), - none.
/// Inlinable so that the VM's dispatch switch sees constants (a jump table).
public enum Op {
    @inlinable public static var loadConstString: UInt8 { 0x10 }
    @inlinable public static var loadName: UInt8 { 0x11 }
    @inlinable public static var loadGlobal: UInt8 { 0x12 }
    @inlinable public static var loadAttr: UInt8 { 0x13 }
    @inlinable public static var loadMethod: UInt8 { 0x14 }
    @inlinable public static var loadSuperMethod: UInt8 { 0x15 }
    @inlinable public static var storeName: UInt8 { 0x16 }
    @inlinable public static var storeGlobal: UInt8 { 0x17 }
    @inlinable public static var storeAttr: UInt8 { 0x18 }
    @inlinable public static var deleteName: UInt8 { 0x19 }
    @inlinable public static var deleteGlobal: UInt8 { 0x1a }
    @inlinable public static var importName: UInt8 { 0x1b }
    @inlinable public static var importFrom: UInt8 { 0x1c }
    @inlinable public static var makeClosure: UInt8 { 0x20 }
    @inlinable public static var makeClosureDefargs: UInt8 { 0x21 }
    @inlinable public static var loadConstSmallInt: UInt8 { 0x22 }
    @inlinable public static var loadConstObj: UInt8 { 0x23 }
    @inlinable public static var loadFastN: UInt8 { 0x24 }
    @inlinable public static var loadDeref: UInt8 { 0x25 }
    @inlinable public static var storeFastN: UInt8 { 0x26 }
    @inlinable public static var storeDeref: UInt8 { 0x27 }
    @inlinable public static var deleteFast: UInt8 { 0x28 }
    @inlinable public static var deleteDeref: UInt8 { 0x29 }
    @inlinable public static var buildTuple: UInt8 { 0x2a }
    @inlinable public static var buildList: UInt8 { 0x2b }
    @inlinable public static var buildMap: UInt8 { 0x2c }
    @inlinable public static var buildSet: UInt8 { 0x2d }
    @inlinable public static var buildSlice: UInt8 { 0x2e }
    @inlinable public static var storeComp: UInt8 { 0x2f }
    @inlinable public static var unpackSequence: UInt8 { 0x30 }
    @inlinable public static var unpackEx: UInt8 { 0x31 }
    @inlinable public static var makeFunction: UInt8 { 0x32 }
    @inlinable public static var makeFunctionDefargs: UInt8 { 0x33 }
    @inlinable public static var callFunction: UInt8 { 0x34 }
    @inlinable public static var callFunctionVarKw: UInt8 { 0x35 }
    @inlinable public static var callMethod: UInt8 { 0x36 }
    @inlinable public static var callMethodVarKw: UInt8 { 0x37 }
    @inlinable public static var unwindJump: UInt8 { 0x40 }
    @inlinable public static var jump: UInt8 { 0x42 }
    @inlinable public static var popJumpIfTrue: UInt8 { 0x43 }
    @inlinable public static var popJumpIfFalse: UInt8 { 0x44 }
    @inlinable public static var jumpIfTrueOrPop: UInt8 { 0x45 }
    @inlinable public static var jumpIfFalseOrPop: UInt8 { 0x46 }
    @inlinable public static var setupWith: UInt8 { 0x47 }
    @inlinable public static var setupExcept: UInt8 { 0x48 }
    @inlinable public static var setupFinally: UInt8 { 0x49 }
    @inlinable public static var popExceptJump: UInt8 { 0x4a }
    @inlinable public static var forIter: UInt8 { 0x4b }
    @inlinable public static var loadConstFalse: UInt8 { 0x50 }
    @inlinable public static var loadConstNone: UInt8 { 0x51 }
    @inlinable public static var loadConstTrue: UInt8 { 0x52 }
    @inlinable public static var loadNull: UInt8 { 0x53 }
    @inlinable public static var loadBuildClass: UInt8 { 0x54 }
    @inlinable public static var loadSubscr: UInt8 { 0x55 }
    @inlinable public static var storeSubscr: UInt8 { 0x56 }
    @inlinable public static var dupTop: UInt8 { 0x57 }
    @inlinable public static var dupTopTwo: UInt8 { 0x58 }
    @inlinable public static var popTop: UInt8 { 0x59 }
    @inlinable public static var rotTwo: UInt8 { 0x5a }
    @inlinable public static var rotThree: UInt8 { 0x5b }
    @inlinable public static var withCleanup: UInt8 { 0x5c }
    @inlinable public static var endFinally: UInt8 { 0x5d }
    @inlinable public static var getIter: UInt8 { 0x5e }
    @inlinable public static var getIterStack: UInt8 { 0x5f }
    @inlinable public static var storeMap: UInt8 { 0x62 }
    @inlinable public static var returnValue: UInt8 { 0x63 }
    @inlinable public static var raiseLast: UInt8 { 0x64 }
    @inlinable public static var raiseObj: UInt8 { 0x65 }
    @inlinable public static var raiseFrom: UInt8 { 0x66 }
    @inlinable public static var yieldValue: UInt8 { 0x67 }
    @inlinable public static var yieldFrom: UInt8 { 0x68 }
    @inlinable public static var importStar: UInt8 { 0x69 }
    /// Not a MicroPython opcode: a typed operation of a viper function (see Viper.swift).
    @inlinable public static var viper: UInt8 { 0x6a }
    @inlinable public static var loadConstSmallIntMulti: UInt8 { 0x70 }
    @inlinable public static var loadFastMulti: UInt8 { 0xb0 }
    @inlinable public static var storeFastMulti: UInt8 { 0xc0 }
    @inlinable public static var unaryOpMulti: UInt8 { 0xd0 }
    @inlinable public static var binaryOpMulti: UInt8 { 0xd7 }
    // The last opcode of each multi-opcode range.
    @inlinable public static var loadConstSmallIntMultiLast: UInt8 { 0xaf }
    @inlinable public static var loadFastMultiLast: UInt8 { 0xbf }
    @inlinable public static var storeFastMultiLast: UInt8 { 0xcf }
    @inlinable public static var unaryOpMultiLast: UInt8 { 0xd3 }
    @inlinable public static var binaryOpMultiLast: UInt8 { 0xf9 }

    static let unaryNot: Int = 3
    static let binLess = 0, binMore = 1, binEqual = 2, binLessEqual = 3, binMoreEqual = 4, binNotEqual = 5
    static let binIn = 6, binIs = 7, binExceptionMatch = 8, binInplaceAdd = 14

    /// Names for the disassembler, with operand kind.
    static let table: [UInt8: (String, Character)] = [
        0x10: ("LOAD_CONST_STRING", "q"), 0x11: ("LOAD_NAME", "q"), 0x12: ("LOAD_GLOBAL", "q"),
        0x13: ("LOAD_ATTR", "q"), 0x14: ("LOAD_METHOD", "q"), 0x15: ("LOAD_SUPER_METHOD", "q"),
        0x16: ("STORE_NAME", "q"), 0x17: ("STORE_GLOBAL", "q"), 0x18: ("STORE_ATTR", "q"),
        0x19: ("DELETE_NAME", "q"), 0x1a: ("DELETE_GLOBAL", "q"), 0x1b: ("IMPORT_NAME", "q"),
        0x1c: ("IMPORT_FROM", "q"), 0x20: ("MAKE_CLOSURE", "C"), 0x21: ("MAKE_CLOSURE_DEFARGS", "C"),
        0x22: ("LOAD_CONST_SMALL_INT", "s"), 0x23: ("LOAD_CONST_OBJ", "u"), 0x24: ("LOAD_FAST_N", "u"),
        0x25: ("LOAD_DEREF", "u"), 0x26: ("STORE_FAST_N", "u"), 0x27: ("STORE_DEREF", "u"),
        0x28: ("DELETE_FAST", "u"), 0x29: ("DELETE_DEREF", "u"), 0x2a: ("BUILD_TUPLE", "u"),
        0x2b: ("BUILD_LIST", "u"), 0x2c: ("BUILD_MAP", "u"), 0x2d: ("BUILD_SET", "u"),
        0x2e: ("BUILD_SLICE", "u"), 0x2f: ("STORE_COMP", "u"), 0x30: ("UNPACK_SEQUENCE", "u"),
        0x31: ("UNPACK_EX", "u"), 0x32: ("MAKE_FUNCTION", "u"), 0x33: ("MAKE_FUNCTION_DEFARGS", "u"),
        0x34: ("CALL_FUNCTION", "u"), 0x35: ("CALL_FUNCTION_VAR_KW", "u"), 0x36: ("CALL_METHOD", "u"),
        0x37: ("CALL_METHOD_VAR_KW", "u"), 0x40: ("UNWIND_JUMP", "W"), 0x42: ("JUMP", "S"),
        0x43: ("POP_JUMP_IF_TRUE", "S"), 0x44: ("POP_JUMP_IF_FALSE", "S"),
        0x45: ("JUMP_IF_TRUE_OR_POP", "L"), 0x46: ("JUMP_IF_FALSE_OR_POP", "L"), 0x47: ("SETUP_WITH", "L"),
        0x48: ("SETUP_EXCEPT", "L"), 0x49: ("SETUP_FINALLY", "L"), 0x4a: ("POP_EXCEPT_JUMP", "L"),
        0x4b: ("FOR_ITER", "L"), 0x50: ("LOAD_CONST_FALSE", "-"), 0x51: ("LOAD_CONST_NONE", "-"),
        0x52: ("LOAD_CONST_TRUE", "-"), 0x53: ("LOAD_NULL", "-"), 0x54: ("LOAD_BUILD_CLASS", "-"),
        0x55: ("LOAD_SUBSCR", "-"), 0x56: ("STORE_SUBSCR", "-"), 0x57: ("DUP_TOP", "-"),
        0x58: ("DUP_TOP_TWO", "-"), 0x59: ("POP_TOP", "-"), 0x5a: ("ROT_TWO", "-"), 0x5b: ("ROT_THREE", "-"),
        0x5c: ("WITH_CLEANUP", "-"), 0x5d: ("END_FINALLY", "-"), 0x5e: ("GET_ITER", "-"),
        0x5f: ("GET_ITER_STACK", "-"), 0x62: ("STORE_MAP", "-"), 0x63: ("RETURN_VALUE", "-"),
        0x64: ("RAISE_LAST", "-"), 0x65: ("RAISE_OBJ", "-"), 0x66: ("RAISE_FROM", "-"),
        0x67: ("YIELD_VALUE", "-"), 0x68: ("YIELD_FROM", "-"), 0x69: ("IMPORT_STAR", "-"), 0x6a: ("VIPER", "u"),
    ]

    /// Each opcode's operand kind as in `table` ("." where there is no such opcode), 64 opcodes
    /// a line. Written out because the .mpy check looks up every instruction of a file: it must
    /// pay neither for a dictionary nor for building one on first use. A unit test keeps it
    /// equal to `table`.
    static let operandKinds: StaticString = """
        ................qqqqqqqqqqqqq...CCsuuuuuuuuuuuuuuuuuuuuu........\
        W.SSSLLLLLLL....----------------..--------u.....................\
        ................................................................\
        ................................................................
        """

    /// The operand kind of `op` as an ASCII byte ("." for none such).
    @inline(__always) static func operandKind(_ op: UInt8) -> UInt8 { operandKinds.utf8Start[Int(op)] }
}
