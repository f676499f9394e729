/// The native layout behind a type: what the runtime switches on for every operation.
public enum Kind: UInt32 {
    case object = 0, type, noneType, bool, int, float, complex, str, bytes, bytearray, memoryview
    case list, tuple, dict, set, frozenset, range, slice, ellipsis, notImplemented
    case function, closure, builtinFunction, boundMethod, generatorFunction, generator, cell
    case module, instance, exception, property, classMethod, staticMethod, superObj
    case iterator, rawCode, nativeObject
    /// A builtin method fetched from its type: checks its first argument (see CheckedFunction).
    case checkedFunction
}

/// Type objects. Layout (words):
///
///     0 type (the `type` type)      4 bases: tuple, or NULL for `object`
///     1 name (qstr)                 5 flags (TypeFlags)
///     2 kind (Kind.rawValue)        6 native base: the nearest builtin type in the bases
///     3 locals dict                 7 iterator kind / module-private data
///
/// Builtin types live in the static region; classes made by `class` live in the GC heap.
public enum TypeObject {
    static let wordCount = 8

    /// The static `(object,)` that classes without explicit bases share (also `type`'s bases).
    static var objectBases: Obj { field(Types.type, 4) }

    /// The raw values are the case indices 0...n, so the stored word is the enum's tag.
    @inline(__always) public static func kind(_ t: Obj) -> Kind {
        unsafeBitCast(UInt8(truncatingIfNeeded: words(t)[2]), to: Kind.self)
    }
    @inline(__always) public static func name(_ t: Obj) -> Qstr { field(t, 1).qstrValue }
    @inline(__always) public static func locals(_ t: Obj) -> Obj { field(t, 3) }
    @inline(__always) public static func bases(_ t: Obj) -> Obj { field(t, 4) }
    @inline(__always) public static func flags(_ t: Obj) -> UInt32 { words(t)[5] }
    @inline(__always) public static func nativeBase(_ t: Obj) -> Obj { field(t, 6) }
    @inline(__always) public static func isUserClass(_ t: Obj) -> Bool { words(t)[5] & TypeFlags.userClass != 0 }

    /// Makes a builtin type in the static region.
    static func makeBuiltin(_ name: Qstr, _ kind: Kind, base: Obj = .null, flags: UInt32 = 0) -> Obj {
        let t = Obj(offset: Heap.allocateStatic(bytes: wordCount * 4))
        setField(t, 0, Types.type == .null ? t : Types.type)
        setField(t, 1, Obj(qstr: name))
        words(t)[2] = kind.rawValue
        setField(t, 3, .null)
        if base != .null {
            setField(t, 4, Tuple.makeStatic([base]))
        }
        words(t)[5] = flags
        setField(t, 6, t)
        return t
    }
}

public enum TypeFlags {
    public static let userClass: UInt32 = 1
    /// Instances may be called (the class defines __call__).
    public static let hasGetattr: UInt32 = 2
    /// The class (or a base) defines __getattribute__-like hooks that disable fast attribute paths.
    public static let hasDescriptors: UInt32 = 4
    /// Instances of this builtin type may be subclassed.
    public static let subclassable: UInt32 = 8
    /// An exception type.
    public static let exception: UInt32 = 16
    /// The class defines __eq__/__hash__ or comparison slots.
    public static let hasSpecial: UInt32 = 32
    /// Storing an attribute on an instance may run Python code (__setattr__, __delattr__, a
    /// property or another data descriptor somewhere in the class or its bases).
    public static let setHooks: UInt32 = 64
    /// A dict type whose instances keep insertion order (OrderedDict).
    public static let orderedMap: UInt32 = 128
    /// The type carries a protocol (io.IOBase's stream protocol). A class whose first base has
    /// one inherits it, and MicroPython's type object for it is one word (one block) bigger.
    public static let hasProtocol: UInt32 = 256
    /// A native class with protocol slots (NativeProtocols), indexed by the type's extra word.
    public static let nativeProtocols: UInt32 = 512
    /// A user class some other class derives from (MicroPython's MP_TYPE_FLAG_IS_SUBCLASSED).
    public static let subclassed: UInt32 = 1024
}

/// The builtin type objects.
public enum Types {
    nonisolated(unsafe) public static var type = Obj(raw: 0)
    nonisolated(unsafe) public static var object = Obj(raw: 0)
    nonisolated(unsafe) public static var noneType = Obj(raw: 0)
    nonisolated(unsafe) public static var bool = Obj(raw: 0)
    nonisolated(unsafe) public static var int = Obj(raw: 0)
    nonisolated(unsafe) public static var float = Obj(raw: 0)
    nonisolated(unsafe) public static var complex = Obj(raw: 0)
    nonisolated(unsafe) public static var str = Obj(raw: 0)
    nonisolated(unsafe) public static var bytes = Obj(raw: 0)
    nonisolated(unsafe) public static var bytearray = Obj(raw: 0)
    nonisolated(unsafe) public static var memoryview = Obj(raw: 0)
    nonisolated(unsafe) public static var list = Obj(raw: 0)
    nonisolated(unsafe) public static var tuple = Obj(raw: 0)
    nonisolated(unsafe) public static var dict = Obj(raw: 0)
    nonisolated(unsafe) public static var set = Obj(raw: 0)
    nonisolated(unsafe) public static var frozenset = Obj(raw: 0)
    nonisolated(unsafe) public static var range = Obj(raw: 0)
    nonisolated(unsafe) public static var slice = Obj(raw: 0)
    nonisolated(unsafe) public static var ellipsis = Obj(raw: 0)
    nonisolated(unsafe) public static var notImplemented = Obj(raw: 0)
    nonisolated(unsafe) public static var function = Obj(raw: 0)
    nonisolated(unsafe) public static var closure = Obj(raw: 0)
    nonisolated(unsafe) public static var builtinFunction = Obj(raw: 0)
    nonisolated(unsafe) public static var checkedFunction = Obj(raw: 0)
    nonisolated(unsafe) public static var boundMethod = Obj(raw: 0)
    nonisolated(unsafe) public static var generator = Obj(raw: 0)
    nonisolated(unsafe) public static var cell = Obj(raw: 0)
    nonisolated(unsafe) public static var module = Obj(raw: 0)
    nonisolated(unsafe) public static var property = Obj(raw: 0)
    nonisolated(unsafe) public static var classMethod = Obj(raw: 0)
    nonisolated(unsafe) public static var staticMethod = Obj(raw: 0)
    nonisolated(unsafe) public static var superObj = Obj(raw: 0)
    nonisolated(unsafe) public static var iterator = Obj(raw: 0)
    nonisolated(unsafe) public static var rawCode = Obj(raw: 0)
    nonisolated(unsafe) public static var baseException = Obj(raw: 0)

    static func create() {
        type = TypeObject.makeBuiltin(.type, .type, flags: TypeFlags.subclassable)
        object = TypeObject.makeBuiltin(.object, .object, flags: TypeFlags.subclassable)
        tuple = TypeObject.makeBuiltin(.tuple, .tuple, base: object, flags: TypeFlags.subclassable)
        setField(field(tuple, 4), 0, tuple)
        setField(type, 4, Tuple.makeStatic([object]))
        Tuple.empty = Tuple.makeStatic([])
        noneType = TypeObject.makeBuiltin(.NoneType, .noneType)
        int = TypeObject.makeBuiltin(.int, .int, base: object, flags: TypeFlags.subclassable)
        bool = TypeObject.makeBuiltin(.bool, .bool, base: int)
        float = TypeObject.makeBuiltin(.float, .float, base: object, flags: TypeFlags.subclassable)
        str = TypeObject.makeBuiltin(.str, .str, base: object, flags: TypeFlags.subclassable)
        bytes = TypeObject.makeBuiltin(.bytes, .bytes, base: object, flags: TypeFlags.subclassable)
        bytearray = TypeObject.makeBuiltin(.bytearray, .bytearray, base: object, flags: TypeFlags.subclassable)
        memoryview = TypeObject.makeBuiltin(.memoryview, .memoryview, base: object, flags: TypeFlags.subclassable)
        list = TypeObject.makeBuiltin(.list, .list, base: object, flags: TypeFlags.subclassable)
        dict = TypeObject.makeBuiltin(.dict, .dict, base: object, flags: TypeFlags.subclassable)
        set = TypeObject.makeBuiltin(.set, .set, base: object, flags: TypeFlags.subclassable)
        frozenset = TypeObject.makeBuiltin(.frozenset, .frozenset, base: object, flags: TypeFlags.subclassable)
        range = TypeObject.makeBuiltin(.range, .range, base: object, flags: TypeFlags.subclassable)
        slice = TypeObject.makeBuiltin(.slice, .slice, base: object)
        // Ellipsis and NotImplemented share one nameless type, as C's mp_type_singleton.
        ellipsis = TypeObject.makeBuiltin(Qstr(""), .ellipsis)
        notImplemented = ellipsis
        function = TypeObject.makeBuiltin(.function, .function)
        closure = TypeObject.makeBuiltin(.closure, .closure)
        // A builtin function's type is called "function", as MicroPython's.
        builtinFunction = TypeObject.makeBuiltin(.function, .builtinFunction)
        checkedFunction = TypeObject.makeBuiltin(.function, .checkedFunction)
        boundMethod = TypeObject.makeBuiltin(.bound_method, .boundMethod)
        generator = TypeObject.makeBuiltin(.generator, .generator)
        cell = TypeObject.makeBuiltin(.cell, .cell)
        module = TypeObject.makeBuiltin(.module, .module)
        property = TypeObject.makeBuiltin(.property, .property, base: object)
        classMethod = TypeObject.makeBuiltin(.classmethod, .classMethod, base: object)
        staticMethod = TypeObject.makeBuiltin(.staticmethod, .staticMethod, base: object)
        superObj = TypeObject.makeBuiltin(.super, .superObj, base: object)
        iterator = TypeObject.makeBuiltin(.iterator, .iterator)
        rawCode = TypeObject.makeBuiltin(Qstr("code"), .rawCode)
        complex = TypeObject.makeBuiltin(.complex, .complex, base: object, flags: TypeFlags.subclassable)
    }
}
