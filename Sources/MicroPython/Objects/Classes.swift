/// Python classes and their instances.
///
/// Instance: [type, used, alloc, table, native part?]: a MapRef at word 1 holds the attributes;
/// word 4 exists only when the class derives from a builtin type (list, dict, Exception...) and
/// holds the native object that carries that part of the state (MicroPython's subobj[0]).
public enum Classes {
    /// Looks `name` up in `t` and its bases, depth-first (MicroPython's order, no C3).
    @inline(__always) public static func lookup(_ t: Obj, _ name: Qstr) -> Obj? {
        if Heap.inPool(t) { return lookupUncached(t, name) }
        return lookupBuiltin(t, name)
    }

    // Builtin types (made at start-up, outside the GC pool) never change, so what is found in
    // them is remembered: a direct-mapped cache of (type, name) -> value words.
    static let cacheSize = 512
    nonisolated(unsafe) static var cacheAddress: UInt = 0

    /// Made once at start-up (before any lookup), so lookups need no check.
    static func startCache() {
        if cacheAddress != 0 { return }
        let c = UnsafeMutablePointer<UInt32>.allocate(capacity: 3 * cacheSize)
        c.initialize(repeating: 0, count: 3 * cacheSize)
        cacheAddress = UInt(bitPattern: c)
    }

    /// Forgets every cached lookup (qstr numbers are reused after `QstrPool.reset`).
    static func clearCache() {
        if cacheAddress == 0 { return }
        UnsafeMutablePointer<UInt32>(bitPattern: cacheAddress).unsafelyUnwrapped.update(repeating: 0, count: 3 * cacheSize)
    }

    static func lookupBuiltin(_ t: Obj, _ name: Qstr) -> Obj? {
        let c = UnsafeMutablePointer<UInt32>(bitPattern: cacheAddress).unsafelyUnwrapped
        let i = 3 * (Int(truncatingIfNeeded: (t.raw >> 4) &* 31 &+ name.id &* 0x9E37) & (cacheSize - 1))
        if c[i] == t.raw && c[i + 1] == name.id { return Obj(raw: c[i + 2]) }
        guard let v = lookupUncached(t, name) else { return nil }
        if !Heap.allocatingStatic {
            c[i] = t.raw; c[i + 1] = name.id; c[i + 2] = v.raw
        }
        return v
    }

    /// What `t` and its bases hold for `name`. `object` is searched only when it is `t` itself:
    /// as in MicroPython, it is "not a real type" to its subclasses, so a class has no
    /// `__init__` or `__new__` of object's (`hasattr(C, '__init__')` is False there).
    static func lookupUncached(_ t: Obj, _ name: Qstr) -> Obj? {
        let key = Obj(qstr: name)
        var cur = t
        while true {
            let d = TypeObject.locals(cur)
            if !d.isNull, let s = Dict.map(d).lookupQstr(key) { return s[1] }
            let bases = TypeObject.bases(cur)
            if bases.isNull { return nil }
            let n = Tuple.count(bases)
            if n == 0 { return nil }
            if n == 1 {
                cur = Tuple.item(bases, 0)
                if cur == Types.object { return nil }
                continue
            }
            for i in 0..<n {
                let b = Tuple.item(bases, i)
                if b != Types.object, let v = lookup(b, name) { return v }
            }
            return nil
        }
    }

    /// The type in whose own dict `lookup(t, name)` finds its value.
    static func owner(_ t: Obj, _ name: Qstr) -> Obj? {
        let key = Obj(qstr: name)
        var cur = t
        while true {
            let d = TypeObject.locals(cur)
            if !d.isNull, Dict.map(d).lookupQstr(key) != nil { return cur }
            let bases = TypeObject.bases(cur)
            if bases.isNull { return nil }
            let n = Tuple.count(bases)
            if n == 0 { return nil }
            if n == 1 {
                cur = Tuple.item(bases, 0)
                if cur == Types.object { return nil }
                continue
            }
            for i in 0..<n {
                let b = Tuple.item(bases, i)
                if b != Types.object, lookup(b, name) != nil { return owner(b, name) }
            }
            return nil
        }
    }

    /// Like `lookup`, starting after `cls` in the bases of `cls` (for super()), with `object`
    /// searched last, as MicroPython's super does.
    static func lookupAfter(_ cls: Obj, _ name: Qstr) -> Obj? {
        let bases = TypeObject.bases(cls)
        if bases.isNull { return nil }
        for i in 0..<Tuple.count(bases) {
            let b = Tuple.item(bases, i)
            if b != Types.object, let v = lookup(b, name) { return v }
        }
        return lookup(Types.object, name)
    }

    @inline(__always) public static func attrs(_ inst: Obj) -> MapRef { MapRef(inst, 1) }

    public static func hasNativePart(_ t: Obj) -> Bool {
        let nb = TypeObject.nativeBase(t)
        return !nb.isNull && nb != Types.object && TypeObject.kind(nb) != .instance
    }

    /// The native part of an instance, or NULL.
    public static func nativePart(_ o: Obj) -> Obj {
        hasNativePart(typeOf(o)) ? field(o, 4) : .null
    }

    public static func makeInstance(_ cls: Obj) throws(PyExc) -> Obj {
        let native = hasNativePart(cls)
        let o = Obj(offset: try Heap.allocate(bytes: native ? 20 : 16,
                                               finaliser: lookup(cls, .__del__) != nil))
        setField(o, 0, cls)
        return o
    }

    /// How many native types (other than object-kind ones) a base brings, counted down its
    /// classes' bases as C's instance_count_native_bases does.
    static func nativeBaseCount(_ t: Obj) -> Int {
        let k = TypeObject.kind(t)
        if k == .object { return 0 }
        if k != .instance { return 1 }
        let bases = TypeObject.bases(t)
        if bases.isNull { return 0 }
        var c = 0
        for i in 0..<Tuple.count(bases) { c += nativeBaseCount(Tuple.item(bases, i)) }
        return c
    }

    /// type(name, bases, dict) and class statements: a new class object in the heap.
    public static func makeClass(name: Qstr, bases: Obj, dict: Obj) throws(PyExc) -> Obj {
        var nativeBase = Types.object
        var flags = TypeFlags.userClass
        // MicroPython raises bare TypeErrors for a bad bases tuple, locals dict or base.
        guard kindOf(bases) == .tuple, kindOf(dict) == .dict else { throw PyExc.make(Exceptions.TypeError) }
        let n = Tuple.count(bases)
        for i in 0..<n {
            let b = Tuple.item(bases, i)
            guard kindOf(b) == .type else { throw PyExc.make(Exceptions.TypeError) }
            let bk = TypeObject.kind(b)
            if bk != .instance && bk != .object && TypeObject.flags(b) & TypeFlags.subclassable == 0 {
                throw PyExc.typeError("type '\(TypeObject.name(b).string)' isn't an acceptable base type")
            }
            // An .object-kind builtin (object, io.IOBase) adds no native part.
            let bk2 = TypeObject.kind(b)
            let nb = bk2 == .instance ? TypeObject.nativeBase(b) : bk2 == .object ? Types.object : b
            if nb != Types.object {
                // Two different native layouts cannot be combined in one instance.
                if nativeBase != Types.object && nativeBase != nb {
                    throw PyExc.typeError("multiple bases have instance lay-out conflict")
                }
                nativeBase = nb
            }
            flags |= TypeObject.flags(b) & TypeFlags.exception
        }
        // C counts the native types over all bases, the same one twice too (class D(B, C)
        // over one native base, or class E(A, Exception) with A an Exception subclass).
        var natives = 0
        for i in 0..<n { natives += nativeBaseCount(Tuple.item(bases, i)) }
        if natives > 1 { throw PyExc.typeError("multiple bases have instance lay-out conflict") }
        // A plain function named __new__ is implicitly a staticmethod.
        if let s = Dict.map(dict).lookupQstr(Obj(qstr: .__new__)) {
            let k = kindOf(s[1])
            if k == .function || k == .closure || k == .builtinFunction {
                try Dict.set(dict, Obj(qstr: .__new__), try Wrappers.make(Types.staticMethod, s[1]))
            }
        }
        // MicroPython's type object for a class is 5 header words and 10 slots, one more slot
        // with a base and another when the first base has a protocol: 4 blocks, or 5.
        if n > 0 && TypeObject.flags(Tuple.item(bases, 0)) & TypeFlags.hasProtocol != 0 {
            flags |= TypeFlags.hasProtocol
        }
        let t = Obj(offset: try Heap.allocate(bytes: flags & TypeFlags.hasProtocol != 0 ? 80 : 64))
        setField(t, 0, Types.type)
        setField(t, 1, Obj(qstr: name))
        words(t)[2] = Kind.instance.rawValue
        setField(t, 3, dict)
        if n == 0 {
            setField(t, 4, TypeObject.objectBases)
        } else if n == 1 {
            // MicroPython keeps a lone base without its tuple; the tuple we look bases up in
            // lives in the class's spare words (never handed out: __bases__ copies it).
            let inner = Obj(raw: t.raw + UInt32(TypeObject.wordCount * 4))
            setField(inner, 0, Types.tuple)
            words(inner)[1] = 1
            setField(inner, 2, Tuple.item(bases, 0))
            setField(t, 4, inner)
        } else {
            setField(t, 4, bases)
        }
        words(t)[5] = flags
        setField(t, 6, nativeBase)
        for i in 0..<n where TypeObject.isUserClass(Tuple.item(bases, i)) {
            words(Tuple.item(bases, i))[5] |= TypeFlags.subclassed
        }
        if try classHasSetHooks(t) { words(t)[5] |= TypeFlags.setHooks }
        // Functions named __init_subclass__/__set_name__ are not supported; plain names only.
        return t
    }

    /// Calls a type: builtin constructors, or __new__ then __init__ for classes.
    public static func construct(_ cls: Obj, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        if !TypeObject.isUserClass(cls) {
            let maker = field(cls, 7)
            if maker.isNull { throw PyExc.typeError("can't create '\(TypeObject.name(cls).string)' instances") }
            let a = try PyStack.pushObjs(nPos + 2 * nKw + 1)
            defer { PyStack.pop(to: a) }
            a[0] = cls
            if nPos + 2 * nKw > 0 { (a + 1).update(from: args, count: nPos + 2 * nKw) }
            return try Native.call(maker, a, nPos + 1, nKw)
        }
        let total = nPos + 2 * nKw
        let a = try PyStack.pushObjs(total + 1)
        defer { PyStack.pop(to: a) }
        if total > 0 { (a + 1).update(from: args, count: total) }
        var obj: Obj
        let initFn = userInit(cls).flatMap { kindOf($0) != .builtinFunction ? $0 : nil }
        // A native part (not an exception's) left for __init__ to build, as MicroPython's
        // native_base_init_wrapper: super().__init__(...) makes it, else it is made after
        // __init__ returns, from the arguments the class was called with.
        var deferred = false
        if let newFn = lookup(cls, .__new__), staticFunction(newFn) != Builtins.objectNew {
            a[0] = cls
            obj = try Runtime.call(staticFunction(newFn), a, nPos + 1, nKw)
            if !isInstance(obj, cls) { return obj }
        } else {
            obj = try makeInstance(cls)
            if hasNativePart(cls) {
                let nb = TypeObject.nativeBase(cls)
                let native: Obj
                if TypeObject.kind(nb) == .exception {
                    // Without an __init__ the arguments go to the exception's own constructor,
                    // which takes no keywords (C's mp_obj_exception_make_new).
                    if initFn == nil && nKw > 0 { throw PyExc.typeError("function doesn't take keyword arguments") }
                    native = try Exceptions.makeNative(nb, args: try Tuple.make(args, nPos))
                    // Not raisable until its __init__ has called the base's or returned.
                    if initFn != nil { Exceptions.markIncomplete(native) }
                } else if initFn != nil {
                    native = .null
                    deferred = true
                } else {
                    native = try construct(nb, args, nPos, nKw)
                }
                setField(obj, 4, native)
            }
        }
        a[0] = obj
        if let initFn {
            let r = try Runtime.call(initFn, a, nPos + 1, nKw)
            if r != .none { throw PyExc.typeError("__init__() should return None, not '\(typeName(r))'") }
            if hasNativePart(cls) { Exceptions.markComplete(field(obj, 4)) }
            if deferred && field(obj, 4).isNull {
                setField(obj, 4, try construct(TypeObject.nativeBase(cls), a + 1, nPos, nKw))
            }
        }
        return obj
    }

    /// The __init__ that initialises instances of `t`: the first found depth-first among its
    /// Python classes. Builtin types contribute none (their constructor does that work), as in
    /// MicroPython, whose class lookup passes over object and finds no __init__ in native types.
    static func userInit(_ t: Obj) -> Obj? {
        guard TypeObject.isUserClass(t) else { return nil }
        let d = TypeObject.locals(t)
        if !d.isNull, let s = Dict.map(d).lookupQstr(Obj(qstr: .__init__)) { return s[1] }
        let bases = TypeObject.bases(t)
        if bases.isNull { return nil }
        for i in 0..<Tuple.count(bases) {
            if let v = userInit(Tuple.item(bases, i)) { return v }
        }
        return nil
    }

    /// What super(cls, self).__init__ finds, searching the bases of `cls` depth-first with
    /// object passed over: a Python class's __init__, or a builtin type met first, whose
    /// constructor stands for its __init__ (`Builtins.nativeBaseInit`); nil for neither.
    static func superInit(_ cls: Obj) -> Obj? {
        let bases = TypeObject.bases(cls)
        if bases.isNull { return nil }
        for i in 0..<Tuple.count(bases) {
            let b = Tuple.item(bases, i)
            if b == Types.object { continue }
            if !TypeObject.isUserClass(b) { return Builtins.nativeBaseInit }
            let d = TypeObject.locals(b)
            if !d.isNull, let s = Dict.map(d).lookupQstr(Obj(qstr: .__init__)) { return s[1] }
            if let v = superInit(b) { return v }
        }
        return nil
    }

    /// Set once a hook-like value is stored into an existing class: from then on every
    /// attribute store takes the general path (rare; keeps the per-class flag simple).
    nonisolated(unsafe) public static var hooksAddedLate = false

    /// Whether a class's own __setattr__/__delattr__ run (MICROPY_PY_DELATTR_SETATTR; the ESP8266
    /// build never calls them).
    nonisolated(unsafe) static var userSetattr = true

    static func isSetHook(_ name: Obj, _ v: Obj) -> Bool {
        if userSetattr && (name == Obj(qstr: .__setattr__) || name == Obj(qstr: .__delattr__)) { return true }
        guard v.isPointer else { return false }
        let vt = field(v, 0)
        if vt == Types.property { return true }
        return TypeObject.isUserClass(vt) && (lookup(vt, .__set__) != nil || lookup(vt, .__delete__) != nil)
    }

    static func classHasSetHooks(_ t: Obj) throws(PyExc) -> Bool {
        if !TypeObject.isUserClass(t) { return false }
        let d = TypeObject.locals(t)
        if !d.isNull {
            let m = Dict.map(d)
            var i = 0
            while let s = m.next(from: &i) {
                if isSetHook(s[0], s[1]) { return true }
            }
        }
        let bases = TypeObject.bases(t)
        if bases.isNull { return false }
        for i in 0..<Tuple.count(bases) {
            if try classHasSetHooks(Tuple.item(bases, i)) { return true }
        }
        return false
    }

    static func staticFunction(_ f: Obj) -> Obj {
        kindOf(f) == .staticMethod ? field(f, 1) : f
    }
}

/// classmethod / staticmethod wrappers: [type, function]; property: [type, fget, fset, fdel].
public enum Wrappers {
    public static func make(_ type: Obj, _ f: Obj) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 8))
        setField(o, 0, type)
        setField(o, 1, f)
        return o
    }

    public static func makeProperty(_ get: Obj, _ set: Obj, _ del: Obj) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, Types.property)
        setField(o, 1, get)
        setField(o, 2, set)
        setField(o, 3, del)
        return o
    }
}
