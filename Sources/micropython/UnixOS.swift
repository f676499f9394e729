#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython

/// The unix port's additions to built-in modules, built with them while the runtime starts:
/// sys.atexit, and in `os` the process environment (getenv, putenv, unsetenv; MICROPYINSPECT
/// set by a script through os.putenv starts the REPL when it ends).
enum UnixOS {
    /// The function sys.atexit registered (NULL: none); the command calls it at the end.
    nonisolated(unsafe) static var exitFunction: PortRoot? = nil

    static func add(_ module: String, _ name: String, _ minArgs: Int, _ maxArgs: Int, _ fn: @escaping NativeFn) {
        guard let m = ModuleRegistry.module(module) else { return }
        try? Dict.set(Module.globals(m), Obj(qstr: Qstr(name)), Native.make(name, minArgs, maxArgs, fn))
    }

    /// sys.atexit(f): the previous function is returned.
    static func installAtexit() {
        let root = PortRoots.allocate()
        exitFunction = root
        add("sys", "atexit", 1, 1) { (a, _, _) throws(PyExc) in
            let old = root.value
            root.value = a[0]
            return old.isNull ? .none : old
        }
    }

    static func installEnvironment() {
        add("os", "getenv", 1, 2) { (a, n, _) throws(PyExc) in
            guard let v = getenv(try text(a[0])) else { return n > 1 ? a[1] : .none }
            return try Str.make(String(cString: v))
        }
        add("os", "putenv", 2, 2) { (a, _, _) throws(PyExc) in
            setenv(try text(a[0]), try text(a[1]), 1)
            return .none
        }
        add("os", "unsetenv", 1, 1) { (a, _, _) throws(PyExc) in
            unsetenv(try text(a[0]))
            return .none
        }
    }

    private static func text(_ o: Obj) throws(PyExc) -> String {
        guard Str.isStr(o) else { throw PyExc.typeError("can't convert '\(typeName(o))' object to str implicitly") }
        return Str.string(o)
    }
}
