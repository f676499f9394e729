#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython
import MicroPythonREPL

/// The unix port's side of the REPL: stdin/stdout, the terminal's raw mode, SIGINT.
struct UnixTerminal: ReplPort {
    /// "MicroPython <version> on <date>; <machine>" (the port configuration's banner line).
    let banner: String
    var bannerLines: [String] { [banner, "Type \"help()\" for more information."] }
    private var sawEndOfInput = false

    init(banner: String) { self.banner = banner }

    /// End of input reads as one Ctrl-D (which leaves the REPL); a second one closes it.
    /// LF reads as CR, as from a terminal in raw mode.
    mutating func readByte() -> UInt8? {
        var c: UInt8 = 0
        while true {
            let n = read(0, &c, 1)
            if n == 1 { break }
            if n < 0 && errno == EINTR { continue }
            if sawEndOfInput { return nil }
            sawEndOfInput = true
            return Key.ctrlD
        }
        return c == Key.lineFeed ? Key.carriageReturn : c
    }

    mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) {
        HostIO.write(1, bytes.bindMemory(to: UInt8.self))
    }

    /// The terminal's output processing turns "\n" into "\r\n", so text goes out as it is.
    mutating func writeText(_ bytes: UnsafeRawBufferPointer) {
        HostIO.write(1, bytes.bindMemory(to: UInt8.self))
    }

    mutating func terminalModeRaw() { Terminal.raw() }
    mutating func terminalModeOriginal() { Terminal.restore() }
    mutating func setInterruptChar(_ c: Int) { Interrupt.enable(c == Int(Key.ctrlC)) }
}

/// Raw mode as the unix port sets it: no echo, no line editing, no signals from keys, no
/// CR translation on input; output processing stays on.
enum Terminal {
    nonisolated(unsafe) static var original = termios()
    nonisolated(unsafe) static var saved = false

    static func raw() {
        var t = termios()
        guard tcgetattr(0, &t) == 0 else { return }
        original = t
        saved = true
        t.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        t.c_cflag = (t.c_cflag & ~tcflag_t(CSIZE | PARENB)) | tcflag_t(CS8)
        t.c_lflag = 0
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &t)
    }

    static func restore() {
        guard saved else { return }
        tcsetattr(0, TCSANOW, &original)
    }
}

/// SIGINT raises KeyboardInterrupt while code runs (and kills the process otherwise, or when
/// micropython.kbd_intr(-1) turned the interrupt off). A second SIGINT before the first was
/// handled exits at once, as the unix port does.
enum Interrupt {
    static func enable(_ on: Bool) {
        if on {
            signal(SIGINT) { _ in
                if Runtime.interruptChar != Int(Key.ctrlC) {
                    signal(SIGINT, SIG_DFL)
                    raise(SIGINT)
                    return
                }
                if VM.pendingInterrupt { exit(1) }
                VM.pendingInterrupt = true
            }
        } else {
            signal(SIGINT, SIG_DFL)
        }
    }
}
