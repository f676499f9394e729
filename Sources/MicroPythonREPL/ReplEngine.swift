import MicroPython
import MicroPythonCompiler

/// The REPL as a byte-stream engine, shared by the unix command and the board: it pulls input
/// bytes from its port and writes through it (MicroPython's pyexec friendly and raw REPLs).
/// `run()` returns on Ctrl-D, SystemExit or end of input; the port decides what follows (the
/// unix port exits, a board soft-resets and calls `run()` again, keeping `mode`).
public struct ReplEngine<Port: ReplPort> {
    public enum Mode: Sendable { case friendly, raw }

    public var port: Port
    public var mode = Mode.friendly
    /// -X compile-only: inputs are compiled but not run.
    public var compileOnly = false
    /// The raw-paste flow-control window is half of this (the size of a board's input buffer).
    public var rawPasteBufferSize = 256
    var editor: LineEditor

    public static var primaryPrompt: String { ">>> " }
    public static var continuationPrompt: String { "... " }

    /// `historySize`: 8 lines as MicroPython keeps by default; `keys`: the optional editing keys
    /// (the unix port has them all, the ESP8266 none).
    public init(port: Port, historySize: Int = 8, keys: EditingKeys = .all) {
        self.port = port
        editor = LineEditor(historySize: historySize, keys: keys)
    }

    /// The history, most recent first (the unix port saves and restores it).
    public var history: [[UInt8]] { editor.history.lines }

    public mutating func loadHistory(_ lines: [[UInt8]]) {
        for l in lines.reversed() { editor.history.push(l) }
    }

    /// How a file run by `executeFile` ended.
    public enum FileOutcome: Equatable, Sendable { case success, exception, systemExit }

    /// Runs a file's source in __main__ with Ctrl-C enabled, printing an uncaught exception,
    /// as MicroPython's pyexec_file runs boot.py and main.py.
    public mutating func executeFile(_ source: [UInt8], name: String) -> FileOutcome {
        switch Execution.run(source, mode: .file, framed: false, compileOnly: compileOnly, fileName: name, &port) {
        case .normal: return .success
        case .exception: return .exception
        case .systemExit: return .systemExit
        }
    }

    public mutating func run() -> ReplExit {
        while true {
            let exit: ReplExit?
            switch mode {
            case .friendly: exit = friendly()
            case .raw: exit = raw()
            }
            if let e = exit { return e }
        }
    }

    // MARK: friendly REPL

    private enum Line {
        case text
        case control(UInt8)
        case closed
    }

    /// Reads one line into the editor's buffer (after what is there).
    private mutating func readLine(prompt: String) -> Line {
        editor.begin(prompt: Array(prompt.utf8), &port)
        while true {
            guard let c = port.readByte() else { return .closed }
            if let r = editor.process(c, &port) { return r == 0 ? .text : .control(r) }
        }
    }

    private mutating func printBanner() {
        for line in port.bannerLines { port.writeRaw(line + "\r\n") }
    }

    /// Returns nil when switching to the raw REPL.
    private mutating func friendly() -> ReplExit? {
        port.terminalModeRaw()
        printBanner()
        while true {
            // A locked heap here could never be unlocked: unlock it, as MicroPython does.
            Heap.lockDepth = 0
            editor.line = []
            var compileMode = CompileMode.single
            switch readLine(prompt: Self.primaryPrompt) {
            case .closed:
                port.terminalModeOriginal()
                return .inputClosed
            case .control(Key.ctrlA):
                port.writeRaw("\r\n")
                mode = .raw
                port.terminalModeOriginal()
                return nil
            case .control(Key.ctrlB):
                port.writeRaw("\r\n")
                printBanner()
                continue
            case .control(Key.ctrlC):
                port.writeRaw("\r\n")
                continue
            case .control(Key.ctrlD):
                port.writeRaw("\r\n")
                port.terminalModeOriginal()
                return .ctrlD
            case .control(Key.ctrlE):
                guard let text = pasteMode() else { continue }
                editor.line = text
                compileMode = .pasted
            case .control, .text:
                if editor.line.isEmpty { continue }
                var cancelled = false
                continuation: while Continuation.needsMore(editor.line) {
                    editor.line.append(Key.lineFeed)
                    switch readLine(prompt: Self.continuationPrompt) {
                    case .closed:
                        port.terminalModeOriginal()
                        return .inputClosed
                    case .control(Key.ctrlC):
                        port.writeRaw("\r\n")
                        cancelled = true
                        break continuation
                    case .control(Key.ctrlD):
                        // Runs what has been typed so far.
                        break continuation
                    default: break
                    }
                }
                if cancelled { continue }
            }
            port.terminalModeOriginal()
            let outcome = Execution.run(editor.line, mode: compileMode, framed: false,
                                        compileOnly: compileOnly, &port)
            if case .systemExit(let status) = outcome { return .systemExit(status) }
            port.terminalModeRaw()
        }
    }

    /// Paste mode: every byte is kept and echoed until Ctrl-D (run it as a file) or Ctrl-C
    /// (cancel: nil).
    private mutating func pasteMode() -> [UInt8]? {
        port.writeRaw("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ")
        var text: [UInt8] = []
        while true {
            guard let c = port.readByte() else { return nil }
            switch c {
            case Key.ctrlC:
                port.writeRaw("\r\n")
                return nil
            case Key.ctrlD:
                port.writeRaw("\r\n")
                return text
            default:
                text.append(c)
                if c == Key.carriageReturn { port.writeRaw("\r\n=== ") } else { port.writeRaw(byte: c) }
            }
        }
    }

    // MARK: raw REPL

    /// Returns nil when switching to the friendly REPL.
    private mutating func raw() -> ReplExit? {
        port.terminalModeRaw()
        port.writeRaw("raw REPL; CTRL-B to exit\r\n")
        while true {
            var input: [UInt8] = []
            port.writeRaw(">")
            reading: while true {
                guard let c = port.readByte() else {
                    port.terminalModeOriginal()
                    return .inputClosed
                }
                switch c {
                case Key.ctrlA:
                    if input.count == 2 && input[0] == Key.ctrlE {
                        // ^E <command> ^A: a raw-paste request.
                        if let exit = rawPaste(command: input[1]) {
                            port.terminalModeOriginal()
                            return exit
                        }
                        input = []
                        port.writeRaw(">")
                        continue reading
                    }
                    port.writeRaw("raw REPL; CTRL-B to exit\r\n")
                    input = []
                    port.writeRaw(">")
                case Key.ctrlB:
                    port.writeRaw("\r\n")
                    mode = .friendly
                    port.terminalModeOriginal()
                    return nil
                case Key.ctrlC:
                    input = []
                case Key.ctrlD:
                    break reading
                default:
                    input.append(c)
                }
            }
            port.writeRaw("OK")
            if input.isEmpty {
                port.writeRaw("\r\n")
                port.terminalModeOriginal()
                return .ctrlD
            }
            port.terminalModeOriginal()
            let outcome = Execution.run(input, mode: .file, framed: true, compileOnly: compileOnly, &port)
            if case .systemExit(let status) = outcome { return .systemExit(status) }
            port.terminalModeRaw()
        }
    }

    /// Raw-paste mode: source arrives under flow control (a window of credit the host may send
    /// ahead, renewed with one byte per window consumed) and ends with ^D; it is read whole,
    /// acknowledged, then run. Returns the exit if the code raised SystemExit.
    private mutating func rawPaste(command: UInt8) -> ReplExit? {
        guard command == RawPaste.requestCommand else {
            port.writeRaw([RawPaste.reply, RawPaste.refused])
            return nil
        }
        port.writeRaw([RawPaste.reply, RawPaste.accepted])
        let window = rawPasteBufferSize / 2
        // Sending the window size grants one window; the extra credit byte grants a second.
        port.writeRaw([UInt8(truncatingIfNeeded: window), UInt8(truncatingIfNeeded: window >> 8), RawPaste.windowCredit])
        var source: [UInt8] = []
        var remaining = window
        var interrupted = false
        while true {
            guard let c = port.readByte() else { return .inputClosed }
            if c == Key.ctrlC || c == RawPaste.endOfData {
                port.writeRaw(byte: endOfTransmission)
                interrupted = c == Key.ctrlC
                break
            }
            source.append(c)
            remaining -= 1
            if remaining == 0 {
                port.writeRaw(byte: RawPaste.windowCredit)
                remaining = window
            }
        }
        if interrupted {
            // ^C in the data: KeyboardInterrupt, framed like any exception of the run.
            port.writeRaw(byte: endOfTransmission)
            _ = Execution.report(Exceptions.keyboardInterruptCleared(), &port)
            port.writeRaw(byte: endOfTransmission)
            return nil
        }
        port.terminalModeOriginal()
        let outcome = Execution.run(source, mode: .file, framed: true, compileOnly: compileOnly, &port)
        port.terminalModeRaw()
        if case .systemExit(let status) = outcome { return .systemExit(status) }
        return nil
    }
}
