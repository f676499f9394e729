/// Bytecode v6 opcodes (§3.8). Operand kinds: q qstr, u uint, s signed int, c child,
/// o object, l label (signed or unsigned), - none.
enum Op {
    static let loadConstString: UInt8 = 0x10
    static let loadName: UInt8 = 0x11
    static let loadGlobal: UInt8 = 0x12
    static let loadAttr: UInt8 = 0x13
    static let loadMethod: UInt8 = 0x14
    static let loadSuperMethod: UInt8 = 0x15
    static let storeName: UInt8 = 0x16
    static let storeGlobal: UInt8 = 0x17
    static let storeAttr: UInt8 = 0x18
    static let deleteName: UInt8 = 0x19
    static let deleteGlobal: UInt8 = 0x1a
    static let importName: UInt8 = 0x1b
    static let importFrom: UInt8 = 0x1c
    static let makeClosure: UInt8 = 0x20
    static let makeClosureDefargs: UInt8 = 0x21
    static let loadConstSmallInt: UInt8 = 0x22
    static let loadConstObj: UInt8 = 0x23
    static let loadFastN: UInt8 = 0x24
    static let loadDeref: UInt8 = 0x25
    static let storeFastN: UInt8 = 0x26
    static let storeDeref: UInt8 = 0x27
    static let deleteFast: UInt8 = 0x28
    static let deleteDeref: UInt8 = 0x29
    static let buildTuple: UInt8 = 0x2a
    static let buildList: UInt8 = 0x2b
    static let buildMap: UInt8 = 0x2c
    static let buildSet: UInt8 = 0x2d
    static let buildSlice: UInt8 = 0x2e
    static let storeComp: UInt8 = 0x2f
    static let unpackSequence: UInt8 = 0x30
    static let unpackEx: UInt8 = 0x31
    static let makeFunction: UInt8 = 0x32
    static let makeFunctionDefargs: UInt8 = 0x33
    static let callFunction: UInt8 = 0x34
    static let callFunctionVarKw: UInt8 = 0x35
    static let callMethod: UInt8 = 0x36
    static let callMethodVarKw: UInt8 = 0x37
    static let unwindJump: UInt8 = 0x40
    static let jump: UInt8 = 0x42
    static let popJumpIfTrue: UInt8 = 0x43
    static let popJumpIfFalse: UInt8 = 0x44
    static let jumpIfTrueOrPop: UInt8 = 0x45
    static let jumpIfFalseOrPop: UInt8 = 0x46
    static let setupWith: UInt8 = 0x47
    static let setupExcept: UInt8 = 0x48
    static let setupFinally: UInt8 = 0x49
    static let popExceptJump: UInt8 = 0x4a
    static let forIter: UInt8 = 0x4b
    static let loadConstFalse: UInt8 = 0x50
    static let loadConstNone: UInt8 = 0x51
    static let loadConstTrue: UInt8 = 0x52
    static let loadNull: UInt8 = 0x53
    static let loadBuildClass: UInt8 = 0x54
    static let loadSubscr: UInt8 = 0x55
    static let storeSubscr: UInt8 = 0x56
    static let dupTop: UInt8 = 0x57
    static let dupTopTwo: UInt8 = 0x58
    static let popTop: UInt8 = 0x59
    static let rotTwo: UInt8 = 0x5a
    static let rotThree: UInt8 = 0x5b
    static let withCleanup: UInt8 = 0x5c
    static let endFinally: UInt8 = 0x5d
    static let getIter: UInt8 = 0x5e
    static let getIterStack: UInt8 = 0x5f
    static let storeMap: UInt8 = 0x62
    static let returnValue: UInt8 = 0x63
    static let raiseLast: UInt8 = 0x64
    static let raiseObj: UInt8 = 0x65
    static let raiseFrom: UInt8 = 0x66
    static let yieldValue: UInt8 = 0x67
    static let yieldFrom: UInt8 = 0x68
    static let importStar: UInt8 = 0x69
    static let loadConstSmallIntMulti: UInt8 = 0x70
    static let loadFastMulti: UInt8 = 0xb0
    static let storeFastMulti: UInt8 = 0xc0
    static let unaryOpMulti: UInt8 = 0xd0
    static let binaryOpMulti: UInt8 = 0xd7

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
        0x67: ("YIELD_VALUE", "-"), 0x68: ("YIELD_FROM", "-"), 0x69: ("IMPORT_STAR", "-"),
    ]
}
