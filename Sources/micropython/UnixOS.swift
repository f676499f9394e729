#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython

/// The unix port's additions to `os`: the process environment (getenv, putenv, unsetenv).
/// MICROPYINSPECT set by a script through os.putenv starts the REPL when it ends.
enum UnixOS {
    static func install() {
        guard let os = Import.builtinModules["os"] else { return }
        // Builtin modules live in the static region: so do these additions.
        let saved = Heap.allocatingStatic
        Heap.allocatingStatic = true
        defer { Heap.allocatingStatic = saved }
        let globals = Module.globals(os)
        func add(_ name: String, _ minArgs: Int, _ maxArgs: Int, _ fn: @escaping NativeFn) {
            try? Dict.set(globals, Obj(qstr: Qstr(name)), Native.make(name, minArgs, maxArgs, fn))
        }
        add("getenv", 1, 2) { (a, n, _) throws(PyExc) in
            guard let v = getenv(try text(a[0])) else { return n > 1 ? a[1] : .none }
            return try Str.make(String(cString: v))
        }
        add("putenv", 2, 2) { (a, _, _) throws(PyExc) in
            setenv(try text(a[0]), try text(a[1]), 1)
            return .none
        }
        add("unsetenv", 1, 1) { (a, _, _) throws(PyExc) in
            unsetenv(try text(a[0]))
            return .none
        }
    }

    private static func text(_ o: Obj) throws(PyExc) -> String {
        guard Str.isStr(o) else { throw PyExc.typeError("can't convert '\(typeName(o))' object to str implicitly") }
        return Str.string(o)
    }
}
