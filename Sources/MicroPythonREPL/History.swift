/// The friendly REPL's input history, most recent first (MicroPython keeps 8 lines by
/// default; the unix port keeps 50 and saves them in ~/.micropython.history).
public struct History {
    public private(set) var lines: [[UInt8]] = []
    public let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    /// Records a line unless it is empty or repeats the most recent one.
    public mutating func push(_ line: [UInt8]) {
        guard !line.isEmpty, lines.first != line else { return }
        lines.insert(line, at: 0)
        if lines.count > capacity { lines.removeLast() }
    }

    subscript(_ i: Int) -> [UInt8]? { i >= 0 && i < lines.count ? lines[i] : nil }
}
