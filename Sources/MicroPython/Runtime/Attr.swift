/// Attribute access: instances, classes, modules, builtin values, descriptors and super().
extension Runtime {
    public static func loadAttr(_ o: Obj, _ name: Qstr) throws(PyExc) -> Obj {
        let dest = try PyStack.pushObjs(2)
        defer { PyStack.pop(to: dest) }
        try loadMethod(o, name, dest, forAttr: true)
        if dest[1].isNull { return dest[0] }
        // A method looked up for attribute access becomes a bound method.
        return try BoundMethod.make(dest[0], dest[1])
    }

    /// LOAD_METHOD: dest[0] = callable, dest[1] = self (or NULL when nothing is to be prepended).
    public static func loadMethod(_ o: Obj, _ name: Qstr, _ dest: UnsafeMutablePointer<Obj>, forAttr: Bool = false) throws(PyExc) {
        if let found = try findAttr(o, name, dest) {
            if !found { throw attributeError(o, name) }
            return
        }
        throw attributeError(o, name)
    }

    static func attributeError(_ o: Obj, _ name: Qstr) -> PyExc {
        if kindOf(o) == .type {
            return PyExc.attributeError("type object '\(TypeObject.name(o).string)' has no attribute '\(name.string)'")
        }
        // The module wording is the detailed error level's (the NORMAL level of the esp8266
        // build says "'module' object has no attribute").
        if kindOf(o) == .module && MicroPythonRuntime.port.detailedErrors {
            let n = (try? Dict.get(Module.globals(o), Obj(qstr: .__name__))) ?? nil
            return PyExc.attributeError("module '\(n.map { Str.string($0) } ?? "?")' has no attribute '\(name.string)'")
        }
        return PyExc.attributeError("'\(typeName(o))' object has no attribute '\(name.string)'")
    }

    /// Binds what a class lookup found for access through instance `o` of `t`.
    @inline(__always)
    static func bind(_ v: Obj, _ o: Obj, _ t: Obj, _ dest: UnsafeMutablePointer<Obj>) throws(PyExc) {
        guard v.isPointer else { dest[0] = v; dest[1] = .null; return }
        switch TypeObject.kind(field(v, 0)) {
        case .function, .closure, .builtinFunction, .checkedFunction:
            dest[0] = v; dest[1] = o
        case .classMethod:
            dest[0] = field(v, 1); dest[1] = t
        case .staticMethod:
            dest[0] = field(v, 1); dest[1] = .null
        case .property:
            let getter = field(v, 1)
            if getter.isNull || getter == .none { throw PyExc.attributeError("unreadable attribute") }
            dest[0] = try invoke(getter, o); dest[1] = .null
        default:
            // A user descriptor with __get__.
            if TypeObject.isUserClass(field(v, 0)), let g = Classes.lookup(field(v, 0), .__get__) {
                dest[0] = try invoke(g, v, o, t); dest[1] = .null
                return
            }
            dest[0] = v; dest[1] = .null
        }
    }

    /// Returns true when found (dest filled), false/nil when absent.
    static func findAttr(_ o: Obj, _ name: Qstr, _ dest: UnsafeMutablePointer<Obj>) throws(PyExc) -> Bool? {
        let key = Obj(qstr: name)
        let k = kindOf(o)
        switch k {
        case .instance:
            let t = typeOf(o)
            if let s = Classes.attrs(o).lookupQstr(key) {
                dest[0] = s[1]; dest[1] = .null
                return true
            }
            if let v = Classes.lookup(t, name) {
                // A builtin function stored in a class (f = abs) acts as a staticmethod; only
                // the methods of native base types bind.
                if kindOf(v) == .builtinFunction, let owner = Classes.owner(t, name) {
                    if TypeObject.isUserClass(owner) {
                        dest[0] = v; dest[1] = .null
                        return true
                    }
                    // A native base's method while the native part waits for __init__.
                    if owner != Types.object && Classes.hasNativePart(t) && field(o, 4).isNull {
                        throw PyExc.attributeError("call super().__init__() first")
                    }
                }
                try bind(v, o, t, dest)
                return true
            }
            if name == .__class__ { dest[0] = t; dest[1] = .null; return true }
            if name == .__dict__ { dest[0] = try instanceDict(o); dest[1] = .null; return true }
            if Classes.hasNativePart(t) {
                let native = field(o, 4)
                if !native.isNull, (try findAttr(native, name, dest)) == true { return true }
            }
            if let g = Classes.lookup(t, .__getattr__) {
                dest[0] = try invoke(g, o, key); dest[1] = .null
                return true
            }
            return false
        case .type:
            if let v = Classes.lookup(o, name) {
                guard v.isPointer else { dest[0] = v; dest[1] = .null; return true }
                switch TypeObject.kind(field(v, 0)) {
                case .classMethod: dest[0] = field(v, 1); dest[1] = o
                case .staticMethod: dest[0] = field(v, 1); dest[1] = .null
                case .builtinFunction:
                    // Unbound, the native code would trust whatever comes as self.
                    let owner = CheckedFunction.owner(o, name, v)
                    dest[0] = owner.isNull ? v : try CheckedFunction.make(owner, v); dest[1] = .null
                default: dest[0] = v; dest[1] = .null
                }
                return true
            }
            switch name {
            case .__name__: dest[0] = field(o, 1)
            case .__bases__:
                // A fresh tuple for zero or one base, as MicroPython builds it from the parent.
                let b = TypeObject.bases(o)
                dest[0] = b.isNull ? Tuple.empty : Tuple.count(b) > 1 ? b : try Tuple.make(Tuple.items(b), Tuple.count(b))
            case .__class__: dest[0] = Types.type
            case .__dict__:
                if TypeObject.locals(o).isNull { dest[0] = try Dict.make() }
                else if TypeObject.isUserClass(o) { dest[0] = TypeObject.locals(o) }
                else { dest[0] = try builtinTypeDict(o) }
            case .__module__ where TypeObject.isUserClass(o): dest[0] = Obj(qstr: .__main__)
            case .__qualname__: dest[0] = field(o, 1)
            default: return false
            }
            dest[1] = .null
            return true
        case .module:
            if Module.globals(o) == Runtime.builtinsDict {
                let over = Heap.roots[Root.builtinsOverride]
                if !over.isNull, let s = Dict.map(over).lookupQstr(key) { dest[0] = s[1]; dest[1] = .null; return true }
            }
            if let s = Dict.map(Module.globals(o)).lookupQstr(key) {
                dest[0] = s[1]; dest[1] = .null
                return true
            }
            if name == .__dict__ { dest[0] = Module.globals(o); dest[1] = .null; return true }
            if name == .__class__ { dest[0] = Types.module; dest[1] = .null; return true }
            // A module-level __getattr__ (PEP 562, MICROPY_MODULE_GETATTR) answers the rest.
            if name != .__getattr__, let g = Dict.map(Module.globals(o)).lookupQstr(Obj(qstr: .__getattr__)) {
                dest[0] = try Runtime.invoke(g[1], Obj(qstr: name)); dest[1] = .null
                return true
            }
            return false
        case .superObj:
            let cls = field(o, 1), selfObj = field(o, 2)
            if name == .__init__, try superInitOfNative(cls, selfObj, dest) { return true }
            if let v = Classes.lookupAfter(cls, name) {
                // super(D, cls) in a classmethod: the class itself is what classmethods bind.
                try bind(v, selfObj, kindOf(selfObj) == .type ? selfObj : typeOf(selfObj), dest)
                return true
            }
            if name == .__init__ { dest[0] = Builtins.objectInit; dest[1] = selfObj; return true }
            return false
        default:
            break
        }
        // Builtin values: methods of their type, then special attributes.
        let t = typeOf(o)
        if let v = Classes.lookup(t, name) {
            try bind(v, o, t, dest)
            return true
        }
        if name == .__class__ { dest[0] = t; dest[1] = .null; return true }
        if let v = try Attributes.special(o, k, name) { dest[0] = v; dest[1] = .null; return true }
        if k == .nativeObject, let p = NativeProtocols.of(type: t), let load = p.loadAttribute,
           let v = try load(o, name) {
            dest[0] = v; dest[1] = .null
            return true
        }
        return false
    }

    /// A builtin type's __dict__: a copy (its static table must not change) whose methods
    /// check their self argument, as when fetched as attributes.
    static func builtinTypeDict(_ t: Obj) throws(PyExc) -> Obj {
        let d = try Dict.make()
        let hold = try PyStack.pushObjs(1)
        defer { PyStack.pop(to: hold) }
        hold[0] = d
        let m = Dict.map(TypeObject.locals(t))
        var i = 0
        while let s = m.next(from: &i) {
            var v = s[1]
            if kindOf(v) == .builtinFunction && s[0].isQstr {
                let owner = CheckedFunction.owner(t, s[0].qstrValue, v)
                if !owner.isNull { v = try CheckedFunction.make(owner, v) }
            }
            try Dict.set(d, s[0], v)
        }
        return d
    }

    static func instanceDict(_ o: Obj) throws(PyExc) -> Obj {
        // As C: a read-only copy of the instance's table, slot for slot (so it iterates in
        // the same order); changing it is a TypeError.
        let m = Classes.attrs(o)
        let d = try Dict.make(capacity: m.alloc)
        if m.alloc > 0 {
            Dict.map(d).table.update(from: m.table, count: 2 * m.alloc)
            Dict.map(d).used = m.used
            Dict.map(d).takeKeyKind(of: m)
        }
        Dict.map(d).makeFixed()
        return d
    }

    /// super(cls, self).__init__ for an instance with a native part (not an exception): the
    /// next Python __init__, or the native base's constructor if a builtin type comes first
    /// (it builds the native part), else object's. False for other instances.
    static func superInitOfNative(_ cls: Obj, _ selfObj: Obj, _ dest: UnsafeMutablePointer<Obj>) throws(PyExc) -> Bool {
        guard kindOf(selfObj) == .instance, kindOf(cls) == .type, Classes.hasNativePart(typeOf(selfObj)),
              TypeObject.kind(TypeObject.nativeBase(typeOf(selfObj))) != .exception else { return false }
        if let v = Classes.superInit(cls) {
            if v == Builtins.nativeBaseInit { dest[0] = v; dest[1] = selfObj }
            else { try bind(v, selfObj, typeOf(selfObj), dest) }
        } else {
            dest[0] = Builtins.objectInit; dest[1] = selfObj
        }
        return true
    }

    /// LOAD_SUPER_METHOD: dest[1] = class, dest[2] = self on entry.
    public static func loadSuperMethod(_ name: Qstr, _ dest: UnsafeMutablePointer<Obj>) throws(PyExc) {
        let cls = dest[1], selfObj = dest[2]
        if name == .__init__, try superInitOfNative(cls, selfObj, dest) { return }
        if let v = Classes.lookupAfter(cls, name) {
            try bind(v, selfObj, kindOf(selfObj) == .type ? selfObj : typeOf(selfObj), dest)
            if kindOf(v) == .builtinFunction && name == .__init__ && kindOf(selfObj) == .instance
                && Classes.hasNativePart(typeOf(selfObj)) {
                // An exception's __init__ works on the native exception.
                dest[1] = field(selfObj, 4)
            }
            return
        }
        if name == .__init__ { dest[0] = Builtins.objectInit; dest[1] = selfObj; return }
        if name == .__new__ { dest[0] = Builtins.objectNew; dest[1] = .null; return }
        throw PyExc.attributeError("'super' object has no attribute '\(name.string)'")
    }

    /// STORE_ATTR; `value` NULL deletes.
    public static func storeAttr(_ o: Obj, _ name: Qstr, _ value: Obj) throws(PyExc) {
        let key = Obj(qstr: name)
        // `exc.__traceback__ = None` clears the traceback of a reused exception instance.
        if name == .__traceback__ && value == .none && Exceptions.isException(o) {
            Exceptions.clearTraceback(o)
            return
        }
        switch kindOf(o) {
        case .instance:
            let t = typeOf(o)
            if let v = Classes.lookup(t, name), v.isPointer {
                let vk = TypeObject.kind(field(v, 0))
                if vk == .property {
                    let f = field(v, value.isNull ? 3 : 2)
                    if f.isNull || f == .none { throw PyExc.attributeError("'\(typeName(o))' object has no attribute '\(name.string)'") }
                    if value.isNull { _ = try invoke(f, o) } else { _ = try invoke(f, o, value) }
                    return
                }
                if TypeObject.isUserClass(field(v, 0)), let s = Classes.lookup(field(v, 0), value.isNull ? .__delete__ : .__set__) {
                    if value.isNull { _ = try invoke(s, v, o) } else { _ = try invoke(s, v, o, value) }
                    return
                }
            }
            if Classes.userSetattr, let sa = Classes.lookup(t, value.isNull ? .__delattr__ : .__setattr__),
               kindOf(sa) != .builtinFunction {
                if value.isNull { _ = try invoke(sa, o, key) } else { _ = try invoke(sa, o, key, value) }
                return
            }
            if value.isNull {
                if try Classes.attrs(o).remove(key) == nil { throw attributeError(o, name) }
            } else {
                try Classes.attrs(o).set(key, value)
            }
        case .type where TypeObject.isUserClass(o):
            if !value.isNull && Classes.isSetHook(key, value) {
                // As MicroPython: a class with subclasses gets no new special accessors.
                let f = TypeObject.flags(o)
                if f & TypeFlags.subclassed != 0 && f & TypeFlags.setHooks == 0 {
                    throw PyExc.attributeError("can't add special method to already-subclassed class")
                }
                Classes.hooksAddedLate = true
                words(o)[5] |= TypeFlags.setHooks
            }
            let d = TypeObject.locals(o)
            if value.isNull {
                if try Dict.map(d).remove(key) == nil { throw attributeError(o, name) }
            } else {
                try Dict.set(d, key, value)
            }
        case .module:
            // Builtin modules (made at start-up) are read-only, as MicroPython's ROM modules;
            // builtins itself takes overrides, kept in a dict of their own (its table is static).
            if Module.globals(o) == Runtime.builtinsDict {
                var over = Heap.roots[Root.builtinsOverride]
                if over.isNull {
                    over = try Dict.make()
                    Heap.roots[Root.builtinsOverride] = over
                }
                if value.isNull {
                    if try Dict.map(over).remove(key) == nil { throw attributeError(o, name) }
                } else {
                    try Dict.set(over, key, value)
                }
                return
            }
            // sys.path is one of sys's mutable attributes (MicroPython's sys_mutable): a new
            // list or tuple replaces the one imports search.
            if o == Heap.roots[Root.sysModule] && name == Qstr("path") && !value.isNull {
                try Dict.set(Module.globals(o), key, value)
                Heap.roots[Root.sysPath] = value
                return
            }
            if !Heap.inPool(o) {
                throw PyExc.attributeError("'module' object has no attribute '\(name.string)'")
            }
            if value.isNull {
                if try Dict.map(Module.globals(o)).remove(key) == nil { throw attributeError(o, name) }
            } else {
                try Dict.set(Module.globals(o), key, value)
            }
        case .nativeObject:
            if let p = NativeProtocols.of(o), let store = p.storeAttribute, try store(o, name, value) { return }
            throw attributeError(o, name)
        default:
            if kindOf(o) == .function, value.isNull == false {
                throw PyExc.attributeError("'function' object has no attribute '\(name.string)'")
            }
            throw PyExc.attributeError("'\(typeName(o))' object has no attribute '\(name.string)'")
        }
    }

    /// Object-level hooks for object.__setattr__ (used by super().__setattr__).
    public static func genericSetAttr(_ o: Obj, _ name: Obj, _ value: Obj) throws(PyExc) {
        guard kindOf(o) == .instance else { throw PyExc.typeError("arg must be user-type") }
        guard Str.isStr(name) else { throw PyExc.make(Exceptions.TypeError) }
        if value.isNull {
            if try Classes.attrs(o).remove(Obj(qstr: Str.intern(name))) == nil { throw PyExc.attributeError("no such attribute") }
        } else {
            try Classes.attrs(o).set(Obj(qstr: Str.intern(name)), value)
        }
    }
}
