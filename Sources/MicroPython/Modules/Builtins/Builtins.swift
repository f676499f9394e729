/// The builtins module: functions, and the type objects' constructors and methods.
public enum Builtins {
    nonisolated(unsafe) public static var buildClass = Obj(raw: 0)
    nonisolated(unsafe) public static var objectInit = Obj(raw: 0)
    nonisolated(unsafe) public static var objectNew = Obj(raw: 0)
    /// super().__init__(...) of a Python class over a port's native class: builds its native part.
    nonisolated(unsafe) public static var nativeBaseInit = Obj(raw: 0)
    nonisolated(unsafe) public static var replPrint = Obj(raw: 0)

    /// Where print() and the REPL write (the host sets it: terminal, UART...).
    nonisolated(unsafe) public static var writeStdout: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }
    nonisolated(unsafe) public static var writeStderr: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }
    /// input(): reads a line (without the newline), nil at end of input.
    nonisolated(unsafe) public static var readLine: (String) -> String? = { _ in nil }

    public static func out(_ s: String) {
        var s = s
        s.withUTF8 { writeStdout($0) }
    }
    public static func out(_ b: [UInt8]) { b.withUnsafeBufferPointer { writeStdout($0) } }

    static func add(_ name: String, _ value: Obj) {
        try! Dict.map(Runtime.builtinsDict).setWhileBuildingROM(Obj(qstr: Qstr(name)), value)
    }

    static func function(_ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ fn: @escaping NativeFn) {
        add(name, Native.make(name, minArgs, maxArgs, kw: kw, fn))
    }

    /// Adds a method to a builtin type's (static) locals dict.
    static func method(_ type: Obj, _ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ fn: @escaping NativeFn) {
        setMember(type, name, Native.make(name, minArgs, maxArgs, kw: kw, fn))
    }

    static func setMember(_ type: Obj, _ name: String, _ v: Obj) {
        if TypeObject.locals(type).isNull { setField(type, 3, Dict.makeStatic()) }
        Dict.setDeclared(TypeObject.locals(type), Obj(qstr: Qstr(name)), v)
    }

    static func classMethod(_ type: Obj, _ name: String, _ minArgs: Int, _ maxArgs: Int, _ fn: @escaping NativeFn) {
        let f = Native.make(name, minArgs, maxArgs, fn)
        let w = Obj(offset: Heap.allocateStatic(bytes: 8))
        setField(w, 0, Types.classMethod)
        setField(w, 1, f)
        setMember(type, name, w)
    }

    static func staticMethod(_ type: Obj, _ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ fn: @escaping NativeFn) {
        let f = Native.make(name, minArgs, maxArgs, kw: kw, fn)
        let w = Obj(offset: Heap.allocateStatic(bytes: 8))
        setField(w, 0, Types.staticMethod)
        setField(w, 1, f)
        setMember(type, name, w)
    }

    /// Sets the constructor of a builtin type (called with the type first).
    static func constructor(_ type: Obj, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ fn: @escaping NativeFn) {
        let f = Native.make(TypeObject.name(type).string, minArgs + 1, maxArgs == Native.varArgs ? maxArgs : maxArgs + 1, kw: kw, fn)
        words(f)[2] |= Native.constructorFlag
        setField(type, 7, f)
    }

    static func install() {
        Runtime.builtinsDict = Dict.makeStatic()
        add("__name__", Obj(qstr: .builtins))
        // `import builtins`: a module over the same dict (assignments go to the override dict).
        let module = Obj(offset: Heap.allocateStatic(bytes: 16))
        setField(module, 0, Types.module)
        setField(module, 1, Runtime.builtinsDict)
        ModuleRegistry.add("builtins", module, extensible: false)
        installFunctions()
        installHelp()
        installConstructors()
        installListMethods()
        installDictMethods()
        installSetMethods()
        installObjectMethods()
        installMiscMethods()
        StrMethods.install()
        for t in [Types.bool, Types.bytearray, Types.bytes, Types.dict, Types.float, Types.frozenset,
                  Types.int, Types.list, Types.memoryview, Types.object, Types.property, Types.range,
                  Types.set, Types.slice, Types.str, Types.superObj, Types.tuple, Types.type,
                  Types.classMethod, Types.staticMethod] {
            try! Dict.set(Runtime.builtinsDict, field(t, 1), t)
        }
        if Complex.enabled { try! Dict.set(Runtime.builtinsDict, field(Types.complex, 1), Types.complex) }
        for t in Exceptions.all { try! Dict.set(Runtime.builtinsDict, field(t, 1), t) }
        if MicroPythonRuntime.port.moduleFeatures.contains(.notImplementedName) {
            add("NotImplemented", Singletons.notImplemented)
        }
        add("Ellipsis", Singletons.ellipsis)
    }

    /// A list holding the items of any iterable.
    public static func listFrom(_ o: Obj) throws(PyExc) -> Obj {
        switch kindOf(o) {
        case .list: return try List.make(List.items(o), List.count(o))
        case .tuple: return try List.make(Tuple.items(o), Tuple.count(o))
        default:
            let l = try List.make(count: 0)
            try listExtend(l, o)
            return l
        }
    }

    public static func listExtend(_ l: Obj, _ src: Obj) throws(PyExc) {
        switch kindOf(src) {
        case .list, .tuple:
            let n = kindOf(src) == .list ? List.count(src) : Tuple.count(src)
            try List.reserve(l, n)
            let items = kindOf(src) == .list ? List.items(src) : Tuple.items(src)
            let base = List.count(l)
            for i in 0..<n { List.items(l)[base + i] = items[i] }
            List.setCount(l, base + n)
        default:
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            let it = try Runtime.getIter(src)
            hold[0] = it
            while true {
                let v = try Runtime.iterNext(it)
                if v.isNull { break }
                try List.append(l, v)
            }
        }
    }

    /// A tuple of the items of any iterable.
    public static func tupleFrom(_ o: Obj) throws(PyExc) -> Obj {
        if kindOf(o) == .tuple {
            // A plain tuple is returned as is; a tuple subclass (namedtuple) is copied.
            return typeOf(o) == Types.tuple ? o : try Tuple.make(Tuple.items(o), Tuple.count(o))
        }
        let l = try listFrom(o)
        return try Tuple.make(List.items(l), List.count(l))
    }
}
