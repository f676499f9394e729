/// collections: deque (py/objdeque.c), namedtuple (py/objnamedtuple.c), OrderedDict.
///
/// deque layout, 6 words as mp_obj_deque_t: [type, alloc, i_get, i_put, items, flags].
/// namedtuple types are heap type objects of kind .tuple (instances are real tuples of that
/// type); the type's locals hold `_fields` and a property per field.
/// OrderedDict is a dict-kind type (insertion order needs the map's ordered flag: runtime hook).
public enum CollectionsModule {
    nonisolated(unsafe) public static var deque = Obj(raw: 0)
    nonisolated(unsafe) public static var orderedDict = Obj(raw: 0)
    nonisolated(unsafe) static var namedtupleMaker = Obj(raw: 0)
    nonisolated(unsafe) static var namedtupleRepr = Obj(raw: 0)
    nonisolated(unsafe) static var getters: [Obj] = []
    static let maxFields = 64

    // MARK: deque

    static func dqAlloc(_ d: Obj) -> Int { Int(words(d)[1]) }
    static func dqGet(_ d: Obj) -> Int { Int(words(d)[2]) }
    static func dqPut(_ d: Obj) -> Int { Int(words(d)[3]) }
    static func dqItems(_ d: Obj) -> UnsafeMutablePointer<Obj> { objArray(words(d)[4]) }
    static func dqLen(_ d: Obj) -> Int {
        var n = dqPut(d) - dqGet(d)
        if n < 0 { n += dqAlloc(d) }
        return n
    }

    /// A method's deque: `self`, or the native part of a deque subclass's instance (C hands a
    /// native type's methods the instance's native object).
    static func selfDeque(_ o: Obj) throws(PyExc) -> Obj {
        let d = o.isPointer && kindOf(o) == .instance ? Classes.nativePart(o) : o
        guard d.isPointer && typeOf(d) == deque else { throw PyExc.typeError("expected a deque") }
        return d
    }

    static func dqAppend(_ d: Obj, _ v: Obj) throws(PyExc) {
        var newPut = dqPut(d) + 1
        if newPut == dqAlloc(d) { newPut = 0 }
        if words(d)[5] & 1 != 0 && newPut == dqGet(d) { throw PyExc.make(Exceptions.IndexError, "full") }
        dqItems(d)[dqPut(d)] = v
        words(d)[3] = UInt32(newPut)
        if dqGet(d) == newPut {
            var g = dqGet(d) + 1
            if g == dqAlloc(d) { g = 0 }
            words(d)[2] = UInt32(g)
        }
    }

    static func dqAppendLeft(_ d: Obj, _ v: Obj) throws(PyExc) {
        let newGet = dqGet(d) == 0 ? dqAlloc(d) - 1 : dqGet(d) - 1
        if words(d)[5] & 1 != 0 && newGet == dqPut(d) { throw PyExc.make(Exceptions.IndexError, "full") }
        words(d)[2] = UInt32(newGet)
        dqItems(d)[newGet] = v
        if dqPut(d) == newGet {
            words(d)[3] = UInt32(dqPut(d) == 0 ? dqAlloc(d) - 1 : dqPut(d) - 1)
        }
    }

    static func dqExtend(_ d: Obj, _ src: Obj) throws(PyExc) {
        let it = try Runtime.getIter(src)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = it
        while true {
            let v = try Runtime.iterNext(it)
            if v.isNull { break }
            try dqAppend(d, v)
        }
    }

    static func dqIndex(_ d: Obj, _ index: Obj) throws(PyExc) -> Int {
        let n = dqLen(d)
        var i = try IntOps.toIndex(index, "deque indices")
        if i < 0 { i += n }
        if i < 0 || i >= n { throw PyExc.indexError("deque index out of range") }
        var k = dqGet(d) + i
        if k >= dqAlloc(d) { k -= dqAlloc(d) }
        return k
    }

    static func installDeque() {
        deque = TypeObject.makeBuiltin(Qstr("deque"), .nativeObject, base: Types.object, flags: TypeFlags.subclassable)
        Builtins.constructor(deque, 2, 3) { (a, n, _) throws(PyExc) in
            let maxlen = try IntOps.toInt(a[2])
            if maxlen < 0 { throw PyExc.make(Exceptions.ValueError) }
            let d = Obj(offset: try Heap.allocate(bytes: 24))
            setField(d, 0, a[0])
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = d
            words(d)[4] = try Heap.allocate(bytes: try Heap.size(maxlen, 4, 4))
            words(d)[1] = UInt32(maxlen + 1)
            if n > 3 { words(d)[5] = UInt32(truncatingIfNeeded: try IntOps.toInt(a[3])) }
            try dqExtend(d, a[1])
            return d
        }
        Builtins.method(deque, "append", 2, 2) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); try dqAppend(d, a[1]); return .none
        }
        Builtins.method(deque, "appendleft", 2, 2) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); try dqAppendLeft(d, a[1]); return .none
        }
        Builtins.method(deque, "extend", 2, 2) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); try dqExtend(d, a[1]); return .none
        }
        Builtins.method(deque, "popleft", 1, 1) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0])
            if dqGet(d) == dqPut(d) { throw PyExc.make(Exceptions.IndexError, "empty") }
            let r = dqItems(d)[dqGet(d)]
            dqItems(d)[dqGet(d)] = .null
            var g = dqGet(d) + 1
            if g == dqAlloc(d) { g = 0 }
            words(d)[2] = UInt32(g)
            return r
        }
        Builtins.method(deque, "pop", 1, 1) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0])
            if dqGet(d) == dqPut(d) { throw PyExc.make(Exceptions.IndexError, "empty") }
            let p = dqPut(d) == 0 ? dqAlloc(d) - 1 : dqPut(d) - 1
            words(d)[3] = UInt32(p)
            let r = dqItems(d)[p]
            dqItems(d)[p] = .null
            return r
        }
        Builtins.method(deque, "__len__", 1, 1) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); return Obj(small: dqLen(d))
        }
        Builtins.method(deque, "__bool__", 1, 1) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); return Obj(bool: dqLen(d) != 0)
        }
        Builtins.method(deque, "__getitem__", 2, 2) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); return dqItems(d)[try dqIndex(d, a[1])]
        }
        Builtins.method(deque, "__setitem__", 3, 3) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); dqItems(d)[try dqIndex(d, a[1])] = a[2]; return .none
        }
        Builtins.method(deque, "__iter__", 1, 1) { (a, _, _) throws(PyExc) in
            let d = try selfDeque(a[0]); return try Iteration.make(.getitem, d, Obj(small: 0))
        }
    }

    // MARK: namedtuple

    static func fields(_ t: Obj) -> Obj {
        var cur = t
        while true {
            if let s = Dict.map(TypeObject.locals(cur)).lookupQstr(Obj(qstr: Qstr("_fields"))) { return s[1] }
            cur = Tuple.item(TypeObject.bases(cur), 0)
        }
    }

    static func tuplePart(_ o: Obj) -> Obj { kindOf(o) == .instance ? Classes.nativePart(o) : o }

    static func makeNamedtupleType(_ nameObj: Obj, _ fieldsIn: Obj) throws(PyExc) -> Obj {
        guard Str.isStr(nameObj) else { throw PyExc.typeError("can't convert '\(typeName(nameObj))' object to str implicitly") }
        let name = try Str.intern(nameObj)
        let hold = try PyStack.pushObjs(4); defer { PyStack.pop(to: hold) }
        var fl = fieldsIn
        if Str.isStr(fl) { fl = try Runtime.callMethodByName(fl, Qstr("split"), []) }
        hold[0] = fl
        guard let (items, n) = ModSupport.items(fl) else {
            throw PyExc.typeError("object '\(typeName(fl))' isn't a tuple or list")
        }
        if n > maxFields { throw PyExc.valueError("too many fields") }
        let ft = try Tuple.make(count: n)
        hold[1] = ft
        for i in 0..<n {
            guard Str.isStr(items[i]) else { throw PyExc.typeError("can't convert '\(typeName(items[i]))' object to str implicitly") }
            Tuple.items(ft)[i] = Obj(qstr: try Str.intern(items[i]))
        }
        let locals = try Dict.make(capacity: n + 3)
        hold[2] = locals
        try Dict.set(locals, Obj(qstr: Qstr("_fields")), ft)
        try Dict.set(locals, Obj(qstr: .__repr__), namedtupleRepr)
        for i in 0..<n {
            let prop = try Wrappers.makeProperty(getters[i], .none, .none)
            try Dict.set(locals, Tuple.item(ft, i), prop)
        }
        let bases = try Tuple.make(count: 1)
        Tuple.items(bases)[0] = Types.tuple
        hold[3] = bases
        let t = Obj(offset: try Heap.allocate(bytes: TypeObject.wordCount * 4))
        setField(t, 0, Types.type)
        setField(t, 1, Obj(qstr: name))
        words(t)[2] = Kind.tuple.rawValue
        setField(t, 3, locals)
        setField(t, 4, bases)
        words(t)[5] = TypeFlags.subclassable
        setField(t, 6, t)
        setField(t, 7, namedtupleMaker)
        return t
    }

    static func installNamedtuple(_ m: ModuleBuilder) {
        for i in 0..<maxFields {
            getters.append(Native.make("_getter", 1, 1) { (a, _, _) throws(PyExc) in Tuple.item(tuplePart(a[0]), i) })
        }
        namedtupleMaker = Native.make("namedtuple", 1, Native.varArgs, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let type = a[0]
            let ft = fields(type)
            let nf = Tuple.count(ft)
            let nArgs = nPos - 1
            if nArgs + nKw != nf {
                let who = MicroPythonRuntime.port.detailedErrors ? "\(TypeObject.name(type).string)()" : "function"
                throw PyExc.typeError("\(who) takes \(nf) positional arguments but \(nArgs + nKw) were given")
            }
            let t = try Tuple.make(count: nf, type: type)
            for i in 0..<nArgs { Tuple.items(t)[i] = a[1 + i] }
            for i in nArgs..<nf { Tuple.items(t)[i] = .null }
            for k in 0..<nKw {
                let key = a[nPos + 2 * k]
                let q = Obj(qstr: try Str.intern(key))
                var id = -1
                for j in 0..<nf where Tuple.item(ft, j) == q { id = j }
                if id < 0 { throw PyExc.typeError("unexpected keyword argument '\(Str.string(key))'") }
                if !Tuple.item(t, id).isNull { throw PyExc.typeError("function got multiple values for argument '\(Str.string(key))'") }
                Tuple.items(t)[id] = a[nPos + 2 * k + 1]
            }
            return t
        }
        namedtupleRepr = Native.make("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            let o = tuplePart(a[0])
            let ft = fields(typeOf(o))
            var p = Printer()
            p.write(TypeObject.name(typeOf(o)).string)
            p.write("(")
            for i in 0..<Tuple.count(o) {
                if i > 0 { p.write(", ") }
                p.write(Tuple.item(ft, i).qstrValue.string)
                p.write("=")
                try Runtime.write(Tuple.item(o, i), &p, .repr)
            }
            p.write(")")
            return try Str.make(bytes: p.bytes)
        }
        m.function("namedtuple", 2, 2) { (a, _, _) throws(PyExc) in try makeNamedtupleType(a[0], a[1]) }
    }

    // MARK: OrderedDict

    static func installOrderedDict() {
        orderedDict = TypeObject.makeBuiltin(Qstr("OrderedDict"), .dict, base: Types.dict,
                                             flags: TypeFlags.subclassable | TypeFlags.orderedMap)
        Builtins.constructor(orderedDict, 0, 1, kw: true) { (a, nPos, nKw) throws(PyExc) in
            let d = try Dict.make(type: a[0])
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = d
            if nPos > 1 || nKw > 0 {
                let args = try PyStack.pushObjs(nPos + 2 * nKw)
                args[0] = d
                for i in 1..<(nPos + 2 * nKw) { args[i] = a[i] }
                _ = try Runtime.call(try Runtime.loadAttr(d, Qstr("update")), args + 1, nPos - 1, nKw)
            }
            return d
        }
        Builtins.method(orderedDict, "__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            var p = Printer()
            p.write(TypeObject.name(typeOf(a[0])).string)
            p.write("(")
            p.write("{")
            var i = 0
            var first = true
            let m = Dict.map(a[0])
            while let s = m.next(from: &i) {
                if !first { p.write(", ") }
                first = false
                try Runtime.write(s[0], &p, .repr)
                p.write(": ")
                try Runtime.write(s[1], &p, .repr)
            }
            p.write("}")
            p.write(")")
            return try Str.make(bytes: p.bytes)
        }
    }

    static func install() {
        let m = ModuleBuilder("collections", extensible: true)
        installDeque()
        installOrderedDict()
        installNamedtuple(m)
        m.set("deque", deque)
        m.set("OrderedDict", orderedDict)
    }
}
