/// Methods of object, exceptions, generators, int, property and friends; special attributes.
extension Builtins {
    static func installObjectMethods() {
        // object.__init__ takes only self (instances of classes without __init__ never call it).
        objectInit = Native.make("__init__", 1, 1) { (_, _, _) throws(PyExc) in .none }
        setMember(Types.object, "__init__", objectInit)
        objectNew = Native.make("__new__", 1, 1) { (a, _, _) throws(PyExc) in  // object.__new__(cls) only, as in C
            let cls = a[0]
            guard kindOf(cls) == .type && TypeObject.isUserClass(cls) else { throw PyExc.typeError("arg must be user-type") }
            let o = try Classes.makeInstance(cls)
            if Classes.hasNativePart(cls) {
                let nb = TypeObject.nativeBase(cls)
                // A port's native class waits for super().__init__(...) (NULL until then).
                let native = TypeObject.kind(nb) == .exception ? try Exceptions.makeNative(nb, args: Tuple.empty)
                    : TypeObject.kind(nb) == .nativeObject ? .null : try Classes.construct(nb, a, 0, 0)
                setField(o, 4, native)
            }
            return o
        }
        nativeBaseInit = Native.make("__init__", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let o = a[0]
            guard kindOf(o) == .instance, Classes.hasNativePart(typeOf(o)) else { return .none }
            setField(o, 4, try Classes.construct(TypeObject.nativeBase(typeOf(o)), a + 1, nPos - 1, nKw))
            return .none
        }
        let newWrapper = Obj(offset: Heap.allocateStatic(bytes: 8))
        setField(newWrapper, 0, Types.staticMethod)
        setField(newWrapper, 1, objectNew)
        setMember(Types.object, "__new__", newWrapper)
        if Classes.userSetattr {
            method(Types.object, "__setattr__", 3, 3) { (a, _, _) throws(PyExc) in
                try Runtime.genericSetAttr(a[0], a[1], a[2]); return .none
            }
            method(Types.object, "__delattr__", 2, 2) { (a, _, _) throws(PyExc) in
                try Runtime.genericSetAttr(a[0], a[1], .null); return .none
            }
        }
        // (No __eq__, __ne__, __hash__, __repr__, __str__ or __getattribute__: MicroPython's
        // object has only __init__, __new__ and, where enabled, __setattr__/__delattr__.)
        // Exceptions: __init__ stores the args on the native part.
        let excInit = Native.make("__init__", 1, Native.varArgs) { (a, n, _) throws(PyExc) in
            let native = Exceptions.native(a[0])
            setField(native, 3, try Tuple.make(a + 1, n - 1))
            Exceptions.markComplete(native)
            return .none
        }
        setMember(Exceptions.BaseException, "__init__", excInit)
        // Generators.
        method(Types.generator, "send", 2, 2) { (a, _, _) throws(PyExc) in try Generator.send(a[0], a[1]) }
        method(Types.generator, "throw", 2, 4) { (a, n, _) throws(PyExc) in
            var e = a[1]
            // throw(type, value): the value itself when it is already an instance of the type.
            if n >= 3 && a[2] != .none && Exceptions.isExceptionType(e) {
                e = isInstance(a[2], e) ? a[2] : try Runtime.invoke(e, a[2])
            }
            return try Generator.throwInto(a[0], e)
        }
        method(Types.generator, "pend_throw", 2, 2) { (a, _, _) throws(PyExc) in try Generator.pendThrow(a[0], a[1]) }
        method(Types.generator, "close", 1, 1) { (a, _, _) throws(PyExc) in try Generator.close(a[0]) }
        method(Types.generator, "__next__", 1, 1) { (a, _, _) throws(PyExc) in try Generator.send(a[0], .none) }
        method(Types.iterator, "__next__", 1, 1) { (a, _, _) throws(PyExc) in
            // self: a builtin iterator, or the one inside an instance of a subclass (of map,
            // zip...): never the instance itself, whose next() would come back here.
            let it = kindOf(a[0]) == .instance ? Classes.nativePart(a[0]) : a[0]
            guard !it.isNull, kindOf(it) == .iterator else { throw PyExc.typeError("expected an iterator") }
            let v = try Runtime.iterNext(it)
            if !v.isNull { return v }
            a[0] = Heap.roots[Root.stopIterationArg]
            Heap.roots[Root.stopIterationArg] = .null
            throw PyExc(try Exceptions.instantiate(Exceptions.StopIteration, a[0]))
        }
        if let next = Dict.map(TypeObject.locals(Types.iterator)).lookupQstr(Obj(qstr: .__next__)) {
            for t in iteratorTypes { setMember(t, "__next__", next[1]) }
        }
        // property decorators.
        method(Types.property, "getter", 2, 2) { (a, _, _) throws(PyExc) in
            try Wrappers.makeProperty(a[1], field(a[0], 2), field(a[0], 3))
        }
        method(Types.property, "setter", 2, 2) { (a, _, _) throws(PyExc) in
            try Wrappers.makeProperty(field(a[0], 1), a[1], field(a[0], 3))
        }
        method(Types.property, "deleter", 2, 2) { (a, _, _) throws(PyExc) in
            try Wrappers.makeProperty(field(a[0], 1), field(a[0], 2), a[1])
        }
    }

    static func installMiscMethods() {
        // from_bytes(bytes, byteorder="big", signed=False): all positional in MicroPython.
        let fromBytes = Native.make("from_bytes", 2, 4) { (a, n, _) throws(PyExc) in
            guard BytesMethods.isBuffer(a[1]) else { throw PyExc.typeError("object with buffer protocol required") }
            let bytes = try ByteArray.bytesOf(a[1])
            let little = n > 2 ? Str.isStr(a[2]) && Str.string(a[2]) == "little" : false
            let signed = n > 3 ? try Runtime.isTrue(a[3]) : false
            return try IntOps.store(BigIntValue(bytes: bytes, littleEndian: little, signed: signed))
        }
        let fromBytesWrapper = Obj(offset: Heap.allocateStatic(bytes: 8))
        setField(fromBytesWrapper, 0, Types.classMethod)
        setField(fromBytesWrapper, 1, fromBytes)
        setMember(Types.int, "from_bytes", fromBytesWrapper)
        // to_bytes(length=1, byteorder="big", *, signed=False), each by position or keyword.
        method(Types.int, "to_bytes", 1, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in
            // self: an int, or the int inside an instance of a subclass.
            let value = kindOf(a[0]) == .instance ? Classes.nativePart(a[0]) : a[0]
            guard !value.isNull, IntOps.isInt(value) else { throw PyExc.typeError("expected an int") }
            if n > 3 { throw PyExc.typeError("extra positional arguments given") }
            let kw = KwArgs(a, n, nKw)
            let lengthArg = n > 1 ? a[1] : kw.get(Qstr("length"))
            let orderArg = n > 2 ? a[2] : kw.get(Qstr("byteorder"))
            let signedArg = kw.get(.signed)
            let found = (n > 1 ? 0 : lengthArg == nil ? 0 : 1) + (n > 2 ? 0 : orderArg == nil ? 0 : 1) + (signedArg == nil ? 0 : 1)
            if found < nKw { throw PyExc.typeError("extra keyword arguments given") }
            let len = try lengthArg.map { (o: Obj) throws(PyExc) -> Int in try IntOps.toInt(o) } ?? 1
            if len < 0 { throw PyExc.make(Exceptions.ValueError) }
            // Built in host memory first: as large as the heap at most (C: MemoryError).
            try Heap.checkTemporary(try Heap.size(len, 1, 1))
            let little = orderArg.map { Str.isStr($0) && Str.string($0) == "little" } ?? false
            let signed = try Runtime.isTrue(signedArg ?? .false)
            if !signed && IntOps.big(value).signum < 0 { throw PyExc.overflowError("can't convert negative int to unsigned") }
            guard let b = IntOps.big(value).toBytes(length: len, littleEndian: little, signed: signed) else {
                throw PyExc.overflowError("value would overflow a \(len) byte buffer")
            }
            return try Str.make(bytes: b, type: Types.bytes)
        }
        // (No int.bit_length: MicroPython has none.)
        // memoryview/bytearray helpers used often.
        method(Types.bytearray, "append", 2, 2) { (a, _, _) throws(PyExc) in
            var b = try ByteArray.bytesOf(a[0])
            let v = try IntOps.toInt(a[1])
            if v < 0 || v > 255 { throw PyExc.valueError("byte must be in range(0, 256)") }
            b.append(UInt8(v))
            try ByteArray.replaceContents(a[0], b)
            return .none
        }
        method(Types.bytearray, "extend", 2, 2) { (a, _, _) throws(PyExc) in
            var b = try ByteArray.bytesOf(a[0])
            b += try ByteArray.bytesOf(a[1])
            try ByteArray.replaceContents(a[0], b)
            return .none
        }
    }
}

/// Attributes that are not methods: exception args, int.real, function __name__, etc.
public enum Attributes {
    static func special(_ o: Obj, _ k: Kind, _ name: Qstr) throws(PyExc) -> Obj? {
        switch k {
        case .exception:
            switch name {
            case .args: return Exceptions.args(o)
            case .value, .errno:
                // MicroPython gives every exception these: the first argument, or None.
                return Exceptions.stopIterationValue(o)
            default: break
            }
        case .function, .closure:
            // A viper function is its own type in MicroPython, without these attributes.
            if Function.isViper(o) { break }
            if name == .__name__ { return Obj(qstr: Function.name(o)) }
            if name == .__globals__ { return field(Function.context(k == .closure ? field(o, 1) : o), 1) }
        case .builtinFunction:
            if name == .__name__ { return field(o, 3) }
        case .checkedFunction:
            if name == .__name__ { return field(field(o, 2), 3) }
        case .boundMethod:
            if name == .__self__ { return field(o, 2) }
            if name == .__func__ { return field(o, 1) }
            // The function's own attributes are looked up on it (as C delegates the load).
            if name == .__name__ || name == .__globals__ { return try Runtime.loadAttr(field(o, 1), name) }
        case .complex:
            // (int and float have no real/imag in MicroPython.)
            if name == .real { return try Float.make(Complex.real(o)) }
            if name == .imag { return try Float.make(Complex.imag(o)) }
        case .range:
            if name == .start { return field(o, 1) }
            if name == .stop { return field(o, 2) }
            if name == .step { return field(o, 3) }
        case .slice:
            if name == .start { return field(o, 1) }
            if name == .stop { return field(o, 2) }
            if name == .step { return field(o, 3) }
        case .property:
            if name == .fget { return field(o, 1) }
            if name == .fset { return field(o, 2) }
            if name == .fdel { return field(o, 3) }
        case .classMethod, .staticMethod:
            if name == .__func__ { return field(o, 1) }
        case .memoryview:
            if name == .itemsize { return Obj(small: MemoryView.itemSize(o)) }
        default: break
        }
        return nil
    }
}

/// errno numbers and names (Linux values, as MicroPython's uerrno).
public enum Errno {
    public static let EPERM = 1, ENOENT = 2, EIO = 5, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14
    public static let EEXIST = 17, ENODEV = 19, EINVAL = 22, ENOSPC = 28, EOPNOTSUPP = 95
    public static let ENOBUFS = 105, ENOTCONN = 107, ETIMEDOUT = 110, EINPROGRESS = 115
    public static let table: [(Int, String)] = [
        (1, "EPERM"), (2, "ENOENT"), (5, "EIO"), (9, "EBADF"), (11, "EAGAIN"), (12, "ENOMEM"),
        (13, "EACCES"), (17, "EEXIST"), (19, "ENODEV"), (20, "ENOTDIR"), (21, "EISDIR"), (22, "EINVAL"),
        (28, "ENOSPC"), (39, "ENOTEMPTY"), (95, "EOPNOTSUPP"), (98, "EADDRINUSE"), (103, "ECONNABORTED"),
        (104, "ECONNRESET"), (105, "ENOBUFS"), (107, "ENOTCONN"), (110, "ETIMEDOUT"), (111, "ECONNREFUSED"),
        (113, "EHOSTUNREACH"), (114, "EALREADY"), (115, "EINPROGRESS"),
    ]
    public static func name(_ n: Int) -> String? { table.first { $0.0 == n }?.1 }
}
