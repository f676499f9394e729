#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The unix port keeps 50 lines of REPL history in ~/.micropython.history, oldest first.
enum HistoryFile {
    static let size = 50

    static var path: String? { getenv("HOME").map { String(cString: $0) + "/.micropython.history" } }

    /// The saved lines, most recent first.
    static func read() -> [[UInt8]] {
        guard let p = path, let data = HostIO.readFile(p) else { return [] }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { Array($0) }
        return Array(lines.reversed())
    }

    /// Saves `lines` (most recent first) oldest first.
    static func write(_ lines: [[UInt8]]) {
        guard let p = path else { return }
        let fd = open(p, O_CREAT | O_TRUNC | O_WRONLY, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var out: [UInt8] = []
        for l in lines.reversed() { out += l; out.append(UInt8(ascii: "\n")) }
        out.withUnsafeBufferPointer { HostIO.write(fd, $0) }
    }
}
