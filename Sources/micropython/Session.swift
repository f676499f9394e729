#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython
import MicroPythonCompiler
import MicroPythonREPL

/// What the command does once the runtime is up, as the unix port's main: -c, -m, a script,
/// then the REPL (on a terminal, or with -i / MICROPYINSPECT) or stdin run as a script.
enum Session {
    /// Status bit of a SystemExit (the low byte is its code).
    static let forcedExit: Int32 = 0x100

    static func run(_ o: Options) -> Int32 {
        setUpPath(o)
        var status: Int32? = nil
        if let cmd = o.command {
            status = execute { () throws(PyExc) in
                try runSource(Array(cmd.utf8), fileName: stdinName, o)
            }
        } else if let mod = o.module {
            status = execute { () throws(PyExc) in try runModule(mod) }
        } else if let script = o.script {
            guard let src = HostIO.readFile(script) else {
                HostIO.writeString(2, "\(CommandLine.arguments[0]): can't open file '\(script)': [Errno 2] No such file or directory\n")
                return finish(2, o)
            }
            // Run straight from here, as before: the memory tests count heap blocks, and one
            // more native frame on this path can keep a dead object alive (the native stack is
            // scanned conservatively).
            let plain = !o.compileOnly
            status = execute { () throws(PyExc) in
                // No __file__ without MICROPY_MODULE___FILE__ (the ESP8266 build).
                if MicroPythonRuntime.port.moduleFileAttribute {
                    try Dict.set(Heap.roots[Root.mainGlobals], Obj(qstr: .__file__), try Str.make(script))
                }
                if plain {
                    try Runtime.execSource(src, fileName: script, globals: Heap.roots[Root.mainGlobals])
                } else {
                    try runSource(src, fileName: script, o)
                }
            }
        }
        var inspect = o.inspect
        if let env = getenv("MICROPYINSPECT"), env.pointee != 0 { inspect = true }
        if status == nil || inspect {
            if isatty(0) != 0 || inspect {
                status = repl(o)
            } else {
                // A script on stdin (`micropython < file.py`).
                let src = readAll(0)
                status = execute { () throws(PyExc) in
                    try runSource(src, fileName: stdinName, o)
                }
            }
        }
        return finish(status ?? 0, o)
    }

    /// Runs sys.atexit's function and, with -v, prints the memory summary; the exit status.
    static func finish(_ status: Int32, _ o: Options) -> Int32 {
        let f = UnixOS.exitFunction?.value ?? .null
        if !f.isNull && f != .none {
            _ = execute { () throws(PyExc) in _ = try Runtime.invoke(f) }
        }
        if o.verbose > 0 { Verbose.printMemoryInfo() }
        return status & 0xFF
    }

    static func repl(_ o: Options) -> Int32 {
        var engine = ReplEngine(port: UnixTerminal(banner: o.port.bannerLine), historySize: HistoryFile.size)
        engine.compileOnly = o.compileOnly
        engine.loadHistory(HistoryFile.read())
        let exit = engine.run()
        if Heap.lockDepth == 0 { HistoryFile.write(engine.history) }
        switch exit {
        case .systemExit(let code): return forcedExit | (code & 0xFF)
        case .ctrlD, .inputClosed: return forcedExit
        }
    }

    /// What a command or stdin script is called (its __file__ too, as in the unix port).
    static let stdinName = "<stdin>"

    /// Compiles and (unless -X compile-only) runs a script in __main__.
    static func runSource(_ src: [UInt8], fileName: String, _ o: Options) throws(PyExc) {
        if fileName == stdinName && MicroPythonRuntime.port.moduleFileAttribute {
            try Dict.set(Heap.roots[Root.mainGlobals], Obj(qstr: .__file__), Obj(qstr: Qstr(stdinName)))
        }
        let compiled = try Runtime.compile(src, fileName: fileName, mode: .file)
        if !o.compileOnly { try Runtime.execCompiled(compiled, globals: Heap.roots[Root.mainGlobals]) }
    }

    /// -m: imports the module as __main__; a package runs its __main__ submodule.
    static func runModule(_ name: String) throws(PyExc) {
        Import.mainModuleName = name
        let m = try Import.importName(try QstrPool.intern(data: name), fromList: Obj(qstr: .__main__), level: Obj(small: 0),
                                      globals: Heap.roots[Root.mainGlobals])
        if kindOf(m) == .module, try Dict.get(Module.globals(m), Obj(qstr: .__path__)) != nil {
            let sub = name + ".__main__"
            Import.mainModuleName = sub
            _ = try Import.importName(try QstrPool.intern(data: sub), fromList: Obj(qstr: .__main__), level: Obj(small: 0),
                                      globals: Heap.roots[Root.mainGlobals])
        }
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buf, buf.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return out
    }

    /// sys.path: the script's folder (or "") then MICROPYPATH's entries (or the default), "~/"
    /// expanded with $HOME. The folder is the script path's own (the unix port takes its real
    /// path, and interns it: the memory tests are written for this layout).
    static func setUpPath(_ o: Options) {
        let path = Heap.roots[Root.sysPath]
        var first = ""
        if let s = o.script, let slash = s.lastIndex(of: "/") {
            first = String(s[..<slash])
            if first.isEmpty { first = "/" }
        }
        try? List.append(path, try Str.make(first))
        var list = o.defaultPath
        if let env = getenv("MICROPYPATH") { list = String(cString: env) }
        // A leading empty entry is the "" already there.
        if list.hasPrefix(":") { list.removeFirst() }
        if list.isEmpty { return }
        let home = getenv("HOME").map { String(cString: $0) }
        for e in list.split(separator: ":", omittingEmptySubsequences: false) {
            if e.hasPrefix("~/"), let h = home {
                // String(_:) and interpolation, not `h + e.dropFirst()`: the generic
                // append(contentsOf:) that would use looks up a protocol conformance at run time,
                // a scan of every conformance in the binary (a quarter of a million instructions).
                try? List.append(path, try Str.make("\(h)\(String(e.dropFirst()))"))
            } else {
                try? List.append(path, try Str.make(String(e)))
            }
        }
    }

    /// Runs `body` with Ctrl-C (SIGINT) raising KeyboardInterrupt, printing an uncaught
    /// exception; returns the exit status (forcedExit set when it was SystemExit).
    static func execute(_ body: () throws(PyExc) -> Void) -> Int32 {
        Runtime.interruptChar = Int(Key.ctrlC)
        Interrupt.enable(true)
        defer {
            Interrupt.enable(false)
            Runtime.interruptChar = -1
            VM.pendingInterrupt = false
        }
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
            if Tuple.count(args) == 0 { return forcedExit }
            let code = Tuple.item(args, 0)
            if code == .none { return forcedExit }
            if code.isSmallInt { return Int32(truncatingIfNeeded: code.smallValue & 0xFF) | forcedExit }
            if let s = try? Runtime.strString(code) { HostIO.writeString(2, s + "\n") }
            return forcedExit | 1
        }
        // On stdout, as the unix port's pyexec prints it (a SystemExit's message goes to stderr).
        var p = Printer()
        Traceback.format(e, &p)
        p.bytes.withUnsafeBufferPointer { HostIO.write(1, $0) }
        return isInstance(e, Exceptions.KeyboardInterrupt) ? interruptedStatus : 1
    }

    /// The status after an uncaught KeyboardInterrupt: a shell's for death by SIGINT.
    static let interruptedStatus = 128 + SIGINT
}
