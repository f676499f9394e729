#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython
import MicroPythonCompiler

/// What the command does once the runtime is up: script, -c, -m, REPL.
enum Session {
    static func run(_ o: Options) -> Int32 {
        signal(SIGINT) { _ in VM.pendingInterrupt = true }
        setUpPath(o)
        var status: Int32 = 0
        if let cmd = o.command {
            status = execute { () throws(PyExc) in
                try Runtime.execSource(Array(cmd.utf8), fileName: "<stdin>", globals: Heap.roots[Root.mainGlobals])
            }
        } else if let mod = o.module {
            status = execute { () throws(PyExc) in
                // Run the module as __main__: import it under that name.
                let main = Heap.roots[Root.mainGlobals]
                _ = main
                _ = try Import.importName(try QstrPool.intern(data: mod), fromList: .none, level: Obj(small: 0), globals: main)
            }
        } else if let script = o.script {
            guard let src = HostIO.readFile(script) else {
                HostIO.writeString(2, "micropython: can't open file '\(script)': [Errno 2] No such file or directory\n")
                return 2
            }
            status = execute { () throws(PyExc) in
                try Dict.set(Heap.roots[Root.mainGlobals], Obj(qstr: .__file__), try Str.make(script))
                try Runtime.execSource(src, fileName: script, globals: Heap.roots[Root.mainGlobals])
            }
        }
        if o.command == nil && o.module == nil && o.script == nil || o.inspect {
            if o.inspect && status != 0 && status & 0x100 != 0 { return status & 0xFF }
            return REPL.run()
        }
        return status & 0xFF
    }

    static func setUpPath(_ o: Options) {
        let path = Heap.roots[Root.sysPath]
        var first = ""
        if let s = o.script {
            if let slash = s.lastIndex(of: "/") { first = String(s[..<slash]); if first.isEmpty { first = "/" } }
        }
        var entries = [first]
        if let env = getenv("MICROPYPATH") {
            entries += String(cString: env).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        } else {
            entries += [".frozen", "~/.micropython/lib", "/usr/lib/micropython"]
        }
        for e in entries { try? List.append(path, try Str.make(e)) }
    }

    /// Runs `body`, printing an uncaught exception; returns the exit status
    /// (0x100 set when it was SystemExit).
    static func execute(_ body: () throws(PyExc) -> Void) -> Int32 {
        do {
            try body()
            return 0
        } catch {
            return report(error.obj)
        }
    }

    static func report(_ e: Obj) -> Int32 {
        if isInstance(e, Exceptions.SystemExit) {
            let args = Exceptions.args(e)
            if Tuple.count(args) == 0 { return 0x100 }
            let code = Tuple.item(args, 0)
            if code == .none { return 0x100 }
            if code.isSmallInt { return Int32(truncatingIfNeeded: code.smallValue & 0xFF) | 0x100 }
            if let s = try? Runtime.strString(code) { HostIO.writeString(2, s + "\n") }
            return 0x101
        }
        var p = Printer()
        Traceback.format(e, &p)
        p.bytes.withUnsafeBufferPointer { HostIO.write(2, $0) }
        return 1
    }
}
