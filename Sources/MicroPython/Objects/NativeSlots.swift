/// Which operator slots a builtin type fills in MicroPython's C type tables, as far as an
/// instance of a subclass can tell. Such an instance hands an operation to its native part
/// only when the native type has the slot (mp_obj_class_lookup stops at a native type that
/// has it); otherwise the operation is the instance's own and fails as one: its class named
/// in the error, identity for ==, its address for hash(), True for bool().
enum NativeSlots {
    /// unary_op: -x, abs(), len(), hash(), bool(). bytes, exceptions and object have none.
    static func hasUnaryOp(_ native: Obj) -> Bool {
        switch kindOf(native) {
        case .int, .bool, .float, .complex, .str, .bytearray, .memoryview, .list, .tuple, .dict, .set, .frozenset, .range:
            return true
        case .nativeObject:
            let t = typeOf(native)
            return t == ArrayModule.type || t == CollectionsModule.deque
        default:
            return false
        }
    }

    /// binary_op: arithmetic and comparisons. range (the builds leave its operators out),
    /// deque, exceptions and object have none.
    static func hasBinaryOp(_ native: Obj) -> Bool {
        switch kindOf(native) {
        case .int, .bool, .float, .complex, .str, .bytes, .bytearray, .memoryview, .list, .tuple, .dict, .set, .frozenset:
            return true
        case .nativeObject:
            return typeOf(native) == ArrayModule.type
        default:
            return false
        }
    }

    /// iter: the sequences, containers and ranges, and native classes with an __iter__.
    static func hasIter(_ native: Obj) -> Bool {
        switch kindOf(native) {
        case .str, .bytes, .bytearray, .memoryview, .list, .tuple, .dict, .set, .frozenset, .range, .iterator, .generator:
            return true
        case .nativeObject:
            return Classes.lookup(typeOf(native), .__iter__) != nil
        default:
            return false
        }
    }

    /// subscr: the sequences, dicts and ranges, and native classes with a __getitem__.
    static func hasSubscript(_ native: Obj) -> Bool {
        switch kindOf(native) {
        case .str, .bytes, .bytearray, .memoryview, .list, .tuple, .dict, .range:
            return true
        case .nativeObject:
            return Classes.lookup(typeOf(native), .__getitem__) != nil
        default:
            return false
        }
    }

    /// print: every native type but memoryview, deque and the builtin iterators (which print
    /// as "<memoryview>", "<map>" only by their type's name, and so as an instance of the class
    /// in a subclass).
    static func hasPrint(_ native: Obj) -> Bool {
        switch kindOf(native) {
        case .memoryview, .iterator: return false
        case .nativeObject: return typeOf(native) != CollectionsModule.deque
        default: return true
        }
    }
}
