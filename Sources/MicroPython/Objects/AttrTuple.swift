/// MicroPython's attrtuple: a tuple whose items can also be read by name, shown as
/// `(name=value, ...)` (sys.implementation, os.uname()). Instances are plain tuples
/// ([type, count, items...]); each shape of fields is a static type named `tuple`, deriving from
/// tuple, whose locals hold one read-only property per field and the repr.
public enum AttrTuple {
    /// A static type for tuples with these field names (made while the runtime starts).
    public static func makeType(fields: [String]) -> Obj {
        let t = TypeObject.makeBuiltin(.tuple, .tuple, base: Types.tuple)
        Builtins.setMember(t, "_fields", Tuple.makeStatic(fields.map { Obj(qstr: Qstr($0)) }))
        for (i, name) in fields.enumerated() {
            let getter = Native.make(name, 1, 1) { (a, _, _) throws(PyExc) in
                guard kindOf(a[0]) == .tuple, i < Tuple.count(a[0]) else { throw PyExc.typeError("expected a tuple") }
                return Tuple.item(a[0], i)
            }
            Builtins.setMember(t, name, try! Wrappers.makeProperty(getter, .none, .none))
        }
        Builtins.method(t, "__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            let o = a[0]
            guard kindOf(o) == .tuple else { throw PyExc.typeError("expected a tuple") }
            let names = try Runtime.loadAttr(typeOf(o), Qstr("_fields"))
            var p = Printer()
            p.write("(")
            for i in 0..<Tuple.count(o) {
                if i > 0 { p.write(", ") }
                if i < Tuple.count(names) { p.write(Str.string(Tuple.item(names, i))); p.write("=") }
                try Runtime.write(Tuple.item(o, i), &p, .repr)
            }
            p.write(")")
            return try Str.make(bytes: p.bytes)
        }
        return t
    }

    /// A static attrtuple of the given (name, value) pairs.
    public static func makeStatic(_ pairs: [(String, Obj)]) -> Obj {
        let t = Tuple.makeStatic(pairs.map { $0.1 })
        setField(t, 0, makeType(fields: pairs.map { $0.0 }))
        return t
    }

    /// A new attrtuple of type `type` (from makeType) with these items.
    public static func make(_ type: Obj, _ items: [Obj]) throws(PyExc) -> Obj {
        let t = try Tuple.make(count: items.count, type: type)
        for (i, x) in items.enumerated() { setField(t, 2 + i, x) }
        return t
    }
}
