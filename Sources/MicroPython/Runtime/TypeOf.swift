/// The type and native kind of any value.
@inline(__always) public func typeOf(_ o: Obj) -> Obj {
    if o.raw & 3 == 0 { return field(o, 0) }
    return immediateType(o)
}

@inline(never) func immediateType(_ o: Obj) -> Obj {
    if o.isSmallInt { return Types.int }
    if o.isQstr { return Types.str }
    if o.isImmediate {
        switch o.raw {
        case Obj.none.raw: return Types.noneType
        case Obj.true.raw, Obj.false.raw: return Types.bool
        default: return o == Singletons.ellipsis ? Types.ellipsis : Types.notImplemented
        }
    }
    return Types.float
}

@inline(__always) public func kindOf(_ o: Obj) -> Kind {
    if o.raw & 3 == 0 { return TypeObject.kind(field(o, 0)) }
    if o.isSmallInt { return .int }
    if o.isQstr { return .str }
    if o.isImmediate {
        switch o.raw {
        case Obj.none.raw: return .noneType
        case Obj.true.raw, Obj.false.raw: return .bool
        default: return o == Singletons.ellipsis ? .ellipsis : .notImplemented
        }
    }
    return .float
}

/// Immediate singletons beyond None/True/False.
public enum Singletons {
    public static let ellipsis = Obj(raw: (4 << 4) | 0xE)
    public static let notImplemented = Obj(raw: (5 << 4) | 0xE)
}

/// `isinstance` on the native side: is `t` a subclass of `base` (depth-first over bases, as
/// MicroPython resolves, without C3 linearisation)?
public func isSubclass(_ t: Obj, _ base: Obj) -> Bool {
    if t == base || base == Types.object { return true }
    let bases = TypeObject.bases(t)
    if bases.isNull { return false }
    let n = Tuple.count(bases)
    for i in 0..<n where isSubclass(Tuple.item(bases, i), base) { return true }
    return false
}

@inline(__always) public func isInstance(_ o: Obj, _ t: Obj) -> Bool { isSubclass(typeOf(o), t) }

public func typeName(_ o: Obj) -> String { TypeObject.name(typeOf(o)).string }
