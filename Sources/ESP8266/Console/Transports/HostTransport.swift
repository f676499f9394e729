#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the board's UART0 meets the host: the terminal the board runs in, a pseudo-terminal
/// that serial tools open, or a TCP port (mpremote's socket://). Received bytes are delivered
/// from the transport's own thread; sends come from the interpreter's thread.
public protocol HostTransport: AnyObject {
    /// Starts receiving. `deliver` gets every chunk of input; `ended` is called once when no
    /// more input can come (stdin closed), `quit` when the user asked the board to stop.
    func start(deliver: @escaping (UnsafeRawBufferPointer) -> Void, ended: @escaping () -> Void, quit: @escaping () -> Void)
    /// Sends bytes towards the host; dropped when nobody listens, as a UART's TX would be.
    func send(_ bytes: UnsafeRawBufferPointer)
    /// Stops (restores the terminal, closes descriptors).
    func stop()
    /// A line for the user on where the board's UART is (nil for the terminal itself).
    var description: String? { get }
}

/// Writes all of `bytes` to `fd` (a blocking descriptor); false on an error.
@discardableResult
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n < 0 {
            if errno == EINTR { continue }
            return false
        }
        done += n
    }
    return true
}

/// Raw terminal settings (no echo, no line editing, no signals, no output processing), as a
/// serial line is.
func makeRaw(_ fd: Int32) -> termios? {
    var t = termios()
    guard tcgetattr(fd, &t) == 0 else { return nil }
    let original = t
    cfmakeraw(&t)
    tcsetattr(fd, TCSANOW, &t)
    return original
}
