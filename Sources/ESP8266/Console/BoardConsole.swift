import MicroPython
import MicroPythonREPL

/// The board's side of the REPL and of sys.stdin/stdout: input from the stdin ring (UART0's
/// receive interrupt and dupterm streams fill it), output to every dupterm slot, with "\n"
/// sent as "\r\n" as mp_hal_stdout_tx_strn_cooked does. While it waits for input the board
/// keeps running: timers fire, scheduled callbacks run, and an idle board sleeps on its clock.
struct BoardConsole: ReplPort {
    let board: Board
    let bannerLines: [String]

    init(board: Board) {
        self.board = board
        bannerLines = [MicroPythonRuntime.port.bannerLine, "Type \"help()\" for more information."]
    }

    /// The longest the console sleeps with nothing scheduled (it wakes at once on input).
    static let idleWait: Int64 = 10_000_000_000

    /// Waits for a byte of input, running the board's events meanwhile; nil once the host's
    /// input has ended for good (a pipe).
    static func waitForByte(_ board: Board) throws(PyExc) -> UInt8? {
        while true {
            if let b = board.stdin.pop() { return b }
            if BoardRunner.inputEnded { return nil }
            if VM.pendingInterrupt || VM.pendingHook { try Runtime.handlePending() }
            if let b = board.stdin.pop() { return b }
            let now = board.clock.monotonicNanoseconds()
            let deadline = min(board.events.nextDeadline ?? Int64.max, now + idleWait)
            board.clock.wait(until: deadline)
            if let d = board.events.nextDeadline, d <= board.clock.monotonicNanoseconds() { VM.pendingHook = true }
        }
    }

    mutating func readByte() -> UInt8? {
        while true {
            do throws(PyExc) {
                return try BoardConsole.waitForByte(board)
            } catch {
                // A KeyboardInterrupt or a callback's error while the REPL waits: shown, and
                // the REPL goes on (a reset request is picked up when the REPL returns).
                if VM.abandoning { return nil }
                if board.pendingReset != nil { return nil }
                var p = Printer()
                Traceback.format(error.obj, &p)
                p.bytes.withUnsafeBytes { BoardConsole.writeCooked($0) }
            }
        }
    }

    mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) { Dupterm.write(bytes) }
    mutating func writeText(_ bytes: UnsafeRawBufferPointer) { BoardConsole.writeCooked(bytes) }

    /// The board's terminal is a UART: nothing to switch.
    mutating func terminalModeRaw() {}
    mutating func terminalModeOriginal() {}

    mutating func setInterruptChar(_ c: Int) { board.stdin.interruptChar = c }

    /// Text output: "\n" goes out as "\r\n".
    static func writeCooked(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            if i > start { Dupterm.write(UnsafeRawBufferPointer(rebasing: bytes[start..<i])) }
            let crlf: [UInt8] = [0x0D, 0x0A]
            crlf.withUnsafeBytes { Dupterm.write($0) }
            start = i + 1
        }
        if start < bytes.count { Dupterm.write(UnsafeRawBufferPointer(rebasing: bytes[start..<bytes.count])) }
    }

    /// Connects sys.stdin/stdout/stderr, print() and input() to the board's terminals.
    static func connectStdio(_ board: Board) {
        Builtins.writeStdout = { writeCooked(UnsafeRawBufferPointer($0)) }
        Builtins.writeStderr = { writeCooked(UnsafeRawBufferPointer($0)) }
        Stdio.writeBinaryStdout = { Dupterm.write(UnsafeRawBufferPointer($0)) }
        Stdio.readByte = { () throws(PyExc) in try waitForByte(board) }
        Stdio.inputAvailable = { board.stdin.count > 0 }
        Builtins.readLine = { prompt in readLine(board, prompt: prompt) }
    }

    /// input() (which has printed the prompt): a line typed at the terminal, echoed, with
    /// backspace; Ctrl-D on an empty line ends input. Ctrl-C, the interrupt character while
    /// code runs, abandons it: input() then raises KeyboardInterrupt.
    static func readLine(_ board: Board, prompt: String) -> String? {
        var line: [UInt8] = []
        while true {
            let next: UInt8?
            do throws(PyExc) { next = try waitForByte(board) } catch {
                if isInstance(error.obj, Exceptions.KeyboardInterrupt) { VM.pendingInterrupt = true }
                return nil
            }
            guard let c = next else { return nil }
            switch c {
            case 0x0D, 0x0A:
                [UInt8]([0x0D, 0x0A]).withUnsafeBytes { Dupterm.write($0) }
                return String(decoding: line, as: UTF8.self)
            case 0x04 where line.isEmpty:
                return nil
            case 0x03:
                // Ctrl-C typed ahead (before the program made it the interrupt character):
                // readline's answer is KeyboardInterrupt all the same.
                VM.pendingInterrupt = true
                return nil
            case 0x08, 0x7F:
                if !line.isEmpty {
                    // Remove a whole UTF-8 character.
                    repeat { line.removeLast() } while !line.isEmpty && line.last! & 0xC0 == 0x80
                    [UInt8]([0x08, 0x20, 0x08]).withUnsafeBytes { Dupterm.write($0) }
                }
            default:
                if c >= 0x20 || c == 0x09 {
                    line.append(c)
                    withUnsafeBytes(of: c) { Dupterm.write($0) }
                }
            }
        }
    }
}
