/// What a port (the unix command, a board's UART) supplies to the REPL engine.
/// The engine is generic over its port, so these calls are direct, not dynamic dispatch.
public protocol ReplPort {
    /// Waits for the next input byte (a board keeps its timers and IRQs running meanwhile);
    /// nil once input has ended for good, which ends the REPL.
    mutating func readByte() -> UInt8?

    /// The REPL's own bytes (echo, prompts, protocol framing), sent exactly as given.
    mutating func writeRaw(_ bytes: UnsafeRawBufferPointer)

    /// Text through the port's normal output path (program output, tracebacks, completion
    /// lists); a board turns "\n" into "\r\n" here, the unix port leaves that to the terminal.
    mutating func writeText(_ bytes: UnsafeRawBufferPointer)

    /// The banner lines the friendly REPL prints when it starts (without line ends).
    var bannerLines: [String] { get }

    /// The terminal goes raw while the REPL reads input and back to its original mode while
    /// code runs (so a terminal's Ctrl-C becomes SIGINT). Ports without a terminal do nothing.
    mutating func terminalModeRaw()
    mutating func terminalModeOriginal()

    /// The character that interrupts running code (Key.ctrlC), or -1 for none: set before code
    /// runs and cleared after, as micropython.kbd_intr does from Python.
    mutating func setInterruptChar(_ c: Int)
}

extension ReplPort {
    mutating func writeRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeRaw($0) }
    }

    mutating func writeRaw(_ s: String) {
        var s = s
        s.withUTF8 { writeRaw(UnsafeRawBufferPointer($0)) }
    }

    mutating func writeRaw(byte: UInt8) {
        withUnsafeBytes(of: byte) { writeRaw($0) }
    }

    mutating func writeText(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeText($0) }
    }
}

/// Why the REPL returned to its port.
public enum ReplExit: Equatable, Sendable {
    /// Ctrl-D on an empty friendly line or with empty raw input: the unix port exits,
    /// a board soft-resets and runs the REPL again in the mode it was in.
    case ctrlD
    /// REPL code raised SystemExit; the exit status (0 for none, 1 for a non-int value).
    case systemExit(Int32)
    /// The input ended (readByte returned nil).
    case inputClosed
}
