/// The method tables of str, bytes and bytearray. As in MicroPython, the three share one set of
/// implementations (StrMethodsImpl.swift): str has `encode`; bytes and bytearray have `hex`,
/// `fromhex` and `decode`; bytearray also has `append`/`extend` (ObjectMethods.swift).
extension StrMethods {
    static func install() {
        for t in [Types.str, Types.bytes, Types.bytearray] {
            installShared(t)
        }
        Builtins.method(Types.str, "encode", 1, 3) { (a, n, _) throws(PyExc) in
            let me = selfOf(a[0])
            let s = bytesOf(me)
            if n > 1 {
                let e = try encoding(a[1])
                if e == .ascii && !valid(.ascii, s) { throw PyExc.make(Exceptions.UnicodeError) }
            }
            return try Str.make(bytes: s, type: Types.bytes)
        }
        for t in [Types.bytes, Types.bytearray] {
            Builtins.method(t, "decode", 1, 3) { (a, n, _) throws(PyExc) in
                try decode(bytesOf(selfOf(a[0])), n > 1 ? a[1] : nil, n > 2 ? a[2] : nil)
            }
            Builtins.classMethod(t, "fromhex", 2, 2) { (a, _, _) throws(PyExc) in try fromhex(a[0], a[1]) }
        }
        for t in [Types.bytes, Types.bytearray, Types.memoryview] {
            Builtins.method(t, "hex", 1, 2) { (a, n, _) throws(PyExc) in try hex(a, n) }
        }
    }

    static func installShared(_ t: Obj) {
        Builtins.method(t, "find", 2, 4) { (a, n, _) throws(PyExc) in try finder(a, n, forward: true, isIndex: false) }
        Builtins.method(t, "rfind", 2, 4) { (a, n, _) throws(PyExc) in try finder(a, n, forward: false, isIndex: false) }
        Builtins.method(t, "index", 2, 4) { (a, n, _) throws(PyExc) in try finder(a, n, forward: true, isIndex: true) }
        Builtins.method(t, "rindex", 2, 4) { (a, n, _) throws(PyExc) in try finder(a, n, forward: false, isIndex: true) }
        Builtins.method(t, "join", 2, 2) { (a, _, _) throws(PyExc) in try join(a[0], a[1]) }
        Builtins.method(t, "split", 1, 3) { (a, n, _) throws(PyExc) in try split(a, n) }
        let features = MicroPythonRuntime.port.moduleFeatures
        if features.contains(.strSplitlines) {
            Builtins.method(t, "splitlines", 1, 2, kw: true) { (a, n, nKw) throws(PyExc) in try splitlines(a, n, nKw) }
        }
        Builtins.method(t, "rsplit", 1, 3) { (a, n, _) throws(PyExc) in try rsplit(a, n) }
        Builtins.method(t, "startswith", 2, 4) { (a, n, _) throws(PyExc) in try startsEnds(a, n, ends: false) }
        Builtins.method(t, "endswith", 2, 4) { (a, n, _) throws(PyExc) in try startsEnds(a, n, ends: true) }
        Builtins.method(t, "strip", 1, 2) { (a, n, _) throws(PyExc) in try strip(a, n, left: true, right: true) }
        Builtins.method(t, "lstrip", 1, 2) { (a, n, _) throws(PyExc) in try strip(a, n, left: true, right: false) }
        Builtins.method(t, "rstrip", 1, 2) { (a, n, _) throws(PyExc) in try strip(a, n, left: false, right: true) }
        Builtins.method(t, "format", 1, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in
            try Format.strFormat(a[0], a + 1, n - 1, nKw)
        }
        Builtins.method(t, "replace", 3, 4) { (a, n, _) throws(PyExc) in try replace(a, n) }
        Builtins.method(t, "count", 2, 4) { (a, n, _) throws(PyExc) in try count(a, n) }
        if features.contains(.strPartition) {
            Builtins.method(t, "partition", 2, 2) { (a, _, _) throws(PyExc) in try partition(a[0], a[1], forward: true) }
            Builtins.method(t, "rpartition", 2, 2) { (a, _, _) throws(PyExc) in try partition(a[0], a[1], forward: false) }
        }
        if features.contains(.strCenter) {
            Builtins.method(t, "center", 2, 2) { (a, _, _) throws(PyExc) in try center(a[0], a[1]) }
        }
        Builtins.method(t, "lower", 1, 1) { (a, _, _) throws(PyExc) in try caseConvert(a[0], upper: false) }
        Builtins.method(t, "upper", 1, 1) { (a, _, _) throws(PyExc) in try caseConvert(a[0], upper: true) }
        Builtins.method(t, "isspace", 1, 1) { (a, _, _) throws(PyExc) in isType(a[0], isSpace, cased: false) }
        Builtins.method(t, "isalpha", 1, 1) { (a, _, _) throws(PyExc) in isType(a[0], isAlpha, cased: false) }
        Builtins.method(t, "isdigit", 1, 1) { (a, _, _) throws(PyExc) in isType(a[0], isDigit, cased: false) }
        Builtins.method(t, "isupper", 1, 1) { (a, _, _) throws(PyExc) in isType(a[0], isUpper, cased: true) }
        Builtins.method(t, "islower", 1, 1) { (a, _, _) throws(PyExc) in isType(a[0], isLower, cased: true) }
    }
}
