import MicroPython
import MicroPythonCompiler

/// Compiling and running one REPL input in __main__, as MicroPython's pyexec does.
enum Execution {
    enum Outcome: Equatable {
        case normal
        case exception
        /// SystemExit: the REPL returns to its port with this status.
        case systemExit(Int32)
    }

    static let sourceName = "<stdin>"

    /// Runs `source` compiled as `mode` (.single for a friendly-REPL input, .pasted for paste
    /// mode, .file for the raw REPL); with `framed` (raw REPL) writes ^D after the output and
    /// again after the error text.
    static func run<P: ReplPort>(_ source: [UInt8], mode: CompileMode, framed: Bool, compileOnly: Bool,
                                 fileName: String = sourceName, _ port: inout P) -> Outcome {
        let globals = Heap.roots[Root.mainGlobals]
        var failure: PyExc? = nil
        do throws(PyExc) {
            if mode != .single && fileName == sourceName && MicroPythonRuntime.port.moduleFileAttribute {
                try Dict.set(globals, Obj(qstr: .__file__), Obj(qstr: Qstr(sourceName)))
            }
            let compiled = try Runtime.compile(source, fileName: fileName, mode: mode)
            setInterrupt(Int(Key.ctrlC), &port)
            if !compileOnly { try Runtime.execCompiled(compiled, globals: globals) }
        } catch {
            failure = error
        }
        setInterrupt(-1, &port)
        VM.pendingInterrupt = false
        if framed { port.writeRaw(byte: endOfTransmission) }
        var outcome = Outcome.normal
        if let e = failure {
            outcome = report(e.obj, &port)
        }
        if framed { port.writeRaw(byte: endOfTransmission) }
        return outcome
    }

    static func setInterrupt<P: ReplPort>(_ c: Int, _ port: inout P) {
        Runtime.interruptChar = c
        port.setInterruptChar(c)
    }

    /// Prints an uncaught exception (SystemExit is not printed: it ends the REPL).
    static func report<P: ReplPort>(_ e: Obj, _ port: inout P) -> Outcome {
        if isInstance(e, Exceptions.SystemExit) {
            let args = Exceptions.args(e)
            let value = Tuple.count(args) == 0 ? Obj.none : Tuple.item(args, 0)
            if value == .none { return .systemExit(0) }
            if value.isSmallInt { return .systemExit(Int32(truncatingIfNeeded: value.smallValue)) }
            // A non-int value is printed (to the error output) and exits with status 1.
            let text = (try? Runtime.strString(value)) ?? ""
            Array((text + "\n").utf8).withUnsafeBufferPointer { Builtins.writeStderr($0) }
            return .systemExit(1)
        }
        var p = Printer()
        Traceback.format(e, &p)
        port.writeText(p.bytes)
        return .exception
    }
}
