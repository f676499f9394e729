#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython

/// The unix port's additions to builtin modules: sys.atexit, and in `os` the process
/// environment (getenv, putenv, unsetenv; MICROPYINSPECT set by a script through os.putenv
/// starts the REPL when it ends).
enum UnixOS {
    /// Adds a function to a builtin module (these live in the static region, so do additions).
    static func add(_ module: String, _ name: String, _ minArgs: Int, _ maxArgs: Int, _ fn: @escaping NativeFn) {
        guard let m = Import.builtinModules[module] else { return }
        let saved = Heap.allocatingStatic
        Heap.allocatingStatic = true
        defer { Heap.allocatingStatic = saved }
        try? Dict.set(Module.globals(m), Obj(qstr: Qstr(name)), Native.make(name, minArgs, maxArgs, fn))
    }

    /// sys.atexit(f): the command calls f when the program ends; the previous one is returned.
    static func installAtexit() {
        add("sys", "atexit", 1, 1) { (a, _, _) throws(PyExc) in
            let old = Heap.roots[Root.sysExitFunc]
            Heap.roots[Root.sysExitFunc] = a[0]
            return old.isNull ? .none : old
        }
    }

    static func install() {
        let add = { (name: String, minArgs: Int, maxArgs: Int, fn: @escaping NativeFn) in
            Self.add("os", name, minArgs, maxArgs, fn)
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
