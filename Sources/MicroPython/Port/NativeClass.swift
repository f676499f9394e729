/// A class written in Swift, as a C port defines an `mp_obj_type_t`: a static type object with
/// methods, constants, a constructor and protocol slots, whose instances are GC-heap objects of
/// `1 + fields` words ([type, fields...]). Typed fields replace `field(o, N)` indices:
///
///     let pin = NativeClass("Pin", in: machine)
///     let id = pin.field(Int32.self)
///     pin.constructor(1, 2) { (args, nPos, nKw) throws(PyExc) in
///         let o = try pin.make()
///         id[o] = Int32(try IntOps.toInt(args[1]))
///         return o
///     }
///     pin.method("value", 1, 2) { (args, nPos, _) throws(PyExc) in ... }
///     let slots = NativeProtocols()
///     slots.call = { (o, args, nPos, nKw) throws(PyExc) in ... }
///     pin.implement(slots)
///
/// Every method checks that its first argument is an instance of the class before the body
/// runs, with MicroPython's message ("argument should be a 'Pin' not a 'int'").
/// Build classes while the runtime starts (a port's module installer).
public final class NativeClass {
    public let type: Obj
    public private(set) var fieldCount = 0
    /// Word of the type object that indexes NativeProtocols.table.
    static let protocolWord = TypeObject.wordCount

    /// A new class named `name`; `module` gets it as an attribute.
    public init(_ name: String, base: Obj? = nil, in module: ModuleBuilder? = nil) {
        precondition(Heap.allocatingStatic, "native classes are built while the runtime starts")
        let t = Obj(offset: Heap.allocateStatic(bytes: (TypeObject.wordCount + 1) * 4))
        setField(t, 0, Types.type)
        setField(t, 1, Obj(qstr: Qstr(name)))
        words(t)[2] = Kind.nativeObject.rawValue
        setField(t, 3, Dict.makeStatic())
        setField(t, 4, Tuple.makeStatic([base ?? Types.object]))
        setField(t, 6, t)
        type = t
        module?.set(name, t)
    }

    /// Gives the class its protocol slots (once the slots' closures can name the fields),
    /// and the Python methods they imply.
    public func implement(_ p: NativeProtocols) {
        precondition(TypeObject.flags(type) & TypeFlags.nativeProtocols == 0, "protocols given twice")
        words(type)[5] |= TypeFlags.nativeProtocols
        words(type)[NativeClass.protocolWord] = UInt32(NativeProtocols.table.count)
        NativeProtocols.table.append(p)
        installProtocolMethods(p)
    }

    /// The class name, for messages.
    public var name: String { TypeObject.name(type).string }

    /// A new typed field (one word of each instance).
    public func field<Value: NativeFieldValue>(_: Value.Type) -> NativeField<Value> {
        fieldCount += 1
        return NativeField(word: fieldCount)
    }

    /// A new instance with every field zero (NULL). `finaliser`: the collector calls the
    /// finalisers registered in `Finalisers.native` for it.
    public func make(finaliser: Bool = false) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 4 * (1 + fieldCount), finaliser: finaliser))
        setField(o, 0, type)
        return o
    }

    /// True when `o` was made by this class.
    @inline(__always) public func isInstance(_ o: Obj) -> Bool { o.isPointer && typeOf(o) == type }

    /// `o` if it is an instance, else MicroPython's TypeError for a wrong self.
    public func checkSelf(_ o: Obj) throws(PyExc) -> Obj {
        if isInstance(o) { return o }
        throw PyExc.wrongSelf(name, o)
    }

    /// A method: args[0] is self (checked), then the arguments (`minArgs`/`maxArgs` count self).
    public func method(_ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ body: @escaping NativeFn) {
        let t = type
        Builtins.setMember(type, name, Native.make(name, minArgs, maxArgs, kw: kw) { (a, nPos, nKw) throws(PyExc) in
            guard nPos > 0, a[0].isPointer else { throw PyExc.wrongSelf(TypeObject.name(t).string, nPos > 0 ? a[0] : .none) }
            if typeOf(a[0]) == t { return try body(a, nPos, nKw) }
            // An instance of a Python subclass: the method works on its native part, as
            // MicroPython passes a native base's methods the instance's native sub-object.
            let part = kindOf(a[0]) == .instance ? Classes.nativePart(a[0]) : Obj.null
            guard !part.isNull, typeOf(part) == t else { throw PyExc.wrongSelf(TypeObject.name(t).string, a[0]) }
            let total = nPos + 2 * nKw
            let b = try PyStack.pushObjs(total)
            defer { PyStack.pop(to: b) }
            b.update(from: a, count: total)
            b[0] = part
            return try body(b, nPos, nKw)
        })
    }

    /// The constructor, called with the type first (`minArgs`/`maxArgs` count the arguments only).
    public func constructor(_ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ body: @escaping NativeFn) {
        Builtins.constructor(type, minArgs, maxArgs, kw: kw, body)
        // A type with a constructor is an acceptable base, as in MicroPython (a class
        // statement refuses only types without make_new).
        words(type)[5] |= TypeFlags.subclassable
    }

    /// A class attribute (constant).
    public func constant(_ name: String, _ value: Obj) { Builtins.setMember(type, name, value) }

    /// A static method and a class method.
    public func staticMethod(_ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ body: @escaping NativeFn) {
        Builtins.staticMethod(type, name, minArgs, maxArgs, kw: kw, body)
    }
    public func classMethod(_ name: String, _ minArgs: Int, _ maxArgs: Int, _ body: @escaping NativeFn) {
        Builtins.classMethod(type, name, minArgs, maxArgs, body)
    }

    /// The Python-level methods a protocol implies: streams get read/readinto/readline/write,
    /// iterators __iter__/__next__.
    func installProtocolMethods(_ p: NativeProtocols) {
        if let s = p.stream {
            NativeStreamMethods.install(self, s)
        }
        if let call = p.call {
            // Visible as a method too (Pin.__call__), as the firmware's tables list it.
            method("__call__", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
                try call(a[0], a + 1, nPos - 1, nKw)
            }
        }
        if let next = p.next {
            method("__iter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
            method("__next__", 1, 1) { (a, _, _) throws(PyExc) in
                let v = try next(a[0])
                if v.isNull { throw PyExc.make(Exceptions.StopIteration) }
                return v
            }
        }
    }
}

/// A value that fits a word of a native object.
public protocol NativeFieldValue {
    init(word: UInt32)
    var word: UInt32 { get }
}

extension Obj: NativeFieldValue {
    public init(word: UInt32) { self.init(raw: word) }
    public var word: UInt32 { raw }
}
extension Int32: NativeFieldValue {
    public init(word: UInt32) { self.init(bitPattern: word) }
    public var word: UInt32 { UInt32(bitPattern: self) }
}
extension UInt32: NativeFieldValue {
    public init(word: UInt32) { self = word }
    public var word: UInt32 { self }
}
extension Bool: NativeFieldValue {
    public init(word: UInt32) { self = word != 0 }
    public var word: UInt32 { self ? 1 : 0 }
}

/// One word of a native class's instances, read and written with its Swift type.
public struct NativeField<Value: NativeFieldValue> {
    public let word: Int

    public subscript(_ o: Obj) -> Value {
        get { Value(word: words(o)[word]) }
        nonmutating set { words(o)[word] = newValue.word }
    }
}
