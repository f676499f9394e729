/// The methods of str (and, sharing the code, bytes and bytearray).
extension StrMethods {
    static func install() {
        let t = Types.str
        Builtins.method(t, "join", 2, 2) { (a, _, _) throws(PyExc) in try join(a[0], a[1]) }
        Builtins.method(t, "format", 1, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in
            try Format.strFormat(a[0], a + 1, n - 1, nKw)
        }
    }

    static func join(_ sep: Obj, _ iterable: Obj) throws(PyExc) -> Obj {
        let l = try Builtins.listFrom(iterable)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = l
        let isBytes = !Str.isStr(sep)
        var out: [UInt8] = []
        let n = List.count(l)
        for i in 0..<n {
            let item = List.item(l, i)
            if isBytes ? !BytesMethods.isBuffer(item) : !Str.isStr(item) {
                throw PyExc.typeError("join expects a list of str/bytes objects consistent with self object")
            }
            if i > 0 { out += Str.buffer(sep) }
            let (p, len) = BytesMethods.data(item)
            out += UnsafeBufferPointer(start: p, count: len)
        }
        return try Str.make(bytes: out, type: typeOf(sep) == Types.str ? Types.str : typeOf(sep))
    }
}

/// %-formatting and str.format.
public enum Format {
    static func percent(_ fmt: Obj, _ args: Obj) throws(PyExc) -> Obj {
        throw PyExc.notImplemented("% formatting")
    }

    static func strFormat(_ fmt: Obj, _ args: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int) throws(PyExc) -> Obj {
        throw PyExc.notImplemented("str.format")
    }
}
