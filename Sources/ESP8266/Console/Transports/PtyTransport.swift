#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSupport

/// The board's UART0 on a pseudo-terminal that serial tools (mpremote, rshell, ampy, picocom,
/// Thonny) open as if it were /dev/ttyUSB0. The board keeps the terminal's other end open
/// itself, so a tool can close it and come back, as with a USB cable left plugged in. Output
/// nobody reads is dropped once the terminal's buffer is full, as a UART's would be.
public final class PtyTransport: HostTransport {
    let master: Int32
    let keepOpen: Int32
    public let path: String
    /// A symbolic link to the terminal, for scripts that need a fixed name.
    let link: String?
    /// The link's path for the signal handlers (a C string: they may not allocate).
    nonisolated(unsafe) static var linkToRemove: UnsafeMutablePointer<CChar>?

    public enum Failure: Error, CustomStringConvertible {
        case cannotOpen(String)
        public var description: String { switch self { case .cannotOpen(let s): return s } }
    }

    public init(link: String? = nil) throws(Failure) {
        var name = [CChar](repeating: 0, count: 256)
        let m = csupport_open_pty(&name, UInt(name.count))
        guard m >= 0 else {
            throw .cannotOpen("cannot create a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        master = m
        path = String(cString: name)
        keepOpen = open(path, O_RDWR | O_NOCTTY)
        if keepOpen >= 0 { _ = makeRaw(keepOpen) }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.link = link
        if let l = link {
            unlink(l)
            if symlink(path, l) != 0 { throw .cannotOpen("cannot link \(l) to \(path): \(String(cString: strerror(errno)))") }
            // A board stopped by a signal takes its link with it.
            PtyTransport.linkToRemove = strdup(l)
            for sig in [SIGTERM, SIGHUP, SIGINT] {
                signal(sig) { s in
                    if let l = PtyTransport.linkToRemove { unlink(l) }
                    _exit(128 + s)
                }
            }
        }
    }

    public var description: String? { "UART0 is on \(path)" + (link.map { " (\($0))" } ?? "") }

    public func start(deliver: @escaping (UnsafeRawBufferPointer) -> Void, ended: @escaping () -> Void, quit: @escaping () -> Void) {
        let fd = master
        startThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&p, 1, -1) < 0 && errno != EINTR { return }
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n > 0 {
                    buffer.withUnsafeBytes { deliver(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                } else if n < 0 && errno != EAGAIN && errno != EINTR {
                    // No end open (cannot happen while we hold one): wait and try again.
                    usleep(50_000)
                }
            }
        }
    }

    public func send(_ bytes: UnsafeRawBufferPointer) {
        var done = 0
        var stalls = 0
        while done < bytes.count {
            let n = write(master, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 { done += n; stalls = 0; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EAGAIN {
                // Give a slow reader a moment; with nobody reading, drop the rest.
                stalls += 1
                if stalls > 20 { return }
                var p = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, 5)
                continue
            }
            return
        }
    }

    public func stop() {
        if let l = link { unlink(l) }
        close(master)
        if keepOpen >= 0 { close(keepOpen) }
    }
}
