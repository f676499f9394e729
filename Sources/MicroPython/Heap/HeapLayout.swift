/// The block-by-block picture of the GC pool that `micropython.mem_info(1)` prints: one character
/// per 16-byte block, 64 blocks a line, runs of two or more all-free lines folded into one.
extension Heap {
    /// `symbol` names a head block from its first word (the object's type, when it is an object).
    public static func layout(symbol: (UInt32) -> Character) -> String {
        let perLine = 64
        var s = "GC memory layout; from \(hex8(poolStart)):"
        var b = 0
        while b < poolBlocks {
            if b % perLine == 0 {
                var e = b
                while e < poolBlocks && kind(e) == free { e += 1 }
                if e - b >= 2 * perLine {
                    s += "\n       (\((e - b) / perLine) lines all free)"
                    b = e - e % perLine
                    if b >= poolBlocks { break }
                }
                s += "\n\(hex8(UInt32(b * blockBytes))): "
            }
            switch kind(b) {
            case free: s.append(".")
            case tail: s.append("=")
            case mark: s.append("m")
            default: s.append(symbol(words(Obj(raw: offsetOf(block: b)))[0]))
            }
            b += 1
        }
        return s + "\n"
    }

    private static func hex8(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 8 - h.count)) + h
    }
}
