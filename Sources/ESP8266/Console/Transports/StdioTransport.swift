#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The board's UART0 on the terminal `esp8266` runs in: the terminal goes raw, as a serial
/// terminal (miniterm, picocom) puts it, and Ctrl-] quits, as in miniterm. When stdin is not a
/// terminal (a pipe), the board stops once the input has ended and been read.
public final class StdioTransport: HostTransport {
    /// Ctrl-]: the quit key.
    public static let quitByte: UInt8 = 0x1D
    nonisolated(unsafe) static var savedTerminal: termios?

    public init() {}

    public var description: String? { nil }

    public func start(deliver: @escaping (UnsafeRawBufferPointer) -> Void, ended: @escaping () -> Void, quit: @escaping () -> Void) {
        let interactive = isatty(0) != 0
        if interactive {
            StdioTransport.savedTerminal = makeRaw(0)
            // A kill should not leave the terminal raw.
            for sig in [SIGTERM, SIGHUP] {
                signal(sig) { s in
                    StdioTransport.restoreTerminal()
                    _exit(128 + s)
                }
            }
        }
        startThread {
            var buffer = [UInt8](repeating: 0, count: 512)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ended(); return }
                let chunk = buffer[0..<n]
                if interactive, let q = chunk.firstIndex(of: StdioTransport.quitByte) {
                    if q > 0 { buffer.withUnsafeBytes { deliver(UnsafeRawBufferPointer(rebasing: $0[0..<q])) } }
                    quit()
                    return
                }
                buffer.withUnsafeBytes { deliver(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
        }
    }

    public func send(_ bytes: UnsafeRawBufferPointer) { writeAll(1, bytes) }

    public func stop() { StdioTransport.restoreTerminal() }

    static func restoreTerminal() {
        guard var t = savedTerminal else { return }
        tcsetattr(0, TCSANOW, &t)
    }
}
