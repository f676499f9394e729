#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The board's UART0 on a TCP port of the loopback interface, for mpremote's `socket://` and
/// pyserial's socket URLs. One client at a time: a new connection takes over from the old one,
/// as plugging in a new cable would; with no client, output is dropped.
public final class TCPTransport: HostTransport, @unchecked Sendable {
    let listener: Int32
    public let port: Int
    /// Linux's TCP_QUICKACK option.
    static let quickAck: Int32 = 12
    private var client: Int32 = -1
    private var mutex = pthread_mutex_t()

    public enum Failure: Error, CustomStringConvertible {
        case cannotListen(String)
        public var description: String { switch self { case .cannotListen(let s): return s } }
    }

    public init(port: Int) throws(Failure) {
        pthread_mutex_init(&mutex, nil)
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw .cannotListen("cannot create a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(s, 4) == 0 else {
            let e = String(cString: strerror(errno))
            close(s)
            throw .cannotListen("cannot listen on 127.0.0.1:\(port): \(e)")
        }
        listener = s
        var actual = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) }
        }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
    }

    public var description: String? { "UART0 is on socket://127.0.0.1:\(port)" }

    public func start(deliver: @escaping (UnsafeRawBufferPointer) -> Void, ended: @escaping () -> Void, quit: @escaping () -> Void) {
        startThread { [self] in
            while true {
                let c = accept(listener, nil, nil)
                if c < 0 {
                    if errno == EINTR || errno == ECONNABORTED { continue }
                    return
                }
                var one: Int32 = 1
                setsockopt(c, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                pthread_mutex_lock(&mutex)
                let old = client
                client = c
                pthread_mutex_unlock(&mutex)
                if old >= 0 { shutdown(old, Int32(SHUT_RDWR)) }
                startThread { [self] in receive(from: c, deliver) }
            }
        }
    }

    private func receive(from c: Int32, _ deliver: (UnsafeRawBufferPointer) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(c, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            #if canImport(Glibc)
            // Linux turns quick ACKs off again after a while: a tool's request/answer rounds
            // (mpremote over socket://) would otherwise wait on delayed ACKs.
            var one: Int32 = 1
            setsockopt(c, Int32(IPPROTO_TCP), TCPTransport.quickAck, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            pthread_mutex_lock(&mutex)
            let current = client == c
            pthread_mutex_unlock(&mutex)
            if !current { break }
            buffer.withUnsafeBytes { deliver(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        pthread_mutex_lock(&mutex)
        if client == c { client = -1 }
        pthread_mutex_unlock(&mutex)
        close(c)
    }

    public func send(_ bytes: UnsafeRawBufferPointer) {
        pthread_mutex_lock(&mutex)
        let c = client
        pthread_mutex_unlock(&mutex)
        if c < 0 { return }
        var done = 0
        while done < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.send(c, bytes.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL))
            #else
            let n = Darwin.send(c, bytes.baseAddress! + done, bytes.count - done, 0)
            #endif
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { shutdown(c, Int32(SHUT_RDWR)); return }
            done += n
        }
    }

    public func stop() {
        close(listener)
        pthread_mutex_lock(&mutex)
        if client >= 0 { shutdown(client, Int32(SHUT_RDWR)) }
        pthread_mutex_unlock(&mutex)
    }
}
