/// What the bit-banged serial outputs sent: machine.bitstream (NeoPixels) and esp.apa102_write
/// (DotStars). Each transfer is kept whole, so tests and virtual hardware can decode pixels.
public final class BitstreamLog {
    public struct Transfer: Equatable {
        public enum Kind: Equatable {
            /// machine.bitstream encoding 0: (high0, low0, high1, low1) in nanoseconds.
            case highLow(timingNanoseconds: [Int])
            /// esp.apa102_write on a clock pin.
            case apa102(clockPin: Int)
        }
        public let time: Int64
        public let pin: Int
        public let kind: Kind
        public let bytes: [UInt8]
    }

    public static let capacity = 256
    public private(set) var transfers: [Transfer] = []

    public init() {}

    func record(_ t: Transfer) {
        if transfers.count >= BitstreamLog.capacity { transfers.removeFirst(transfers.count / 2) }
        transfers.append(t)
    }

    public func clear() { transfers.removeAll() }

    /// How long a high/low transfer keeps the line busy, in nanoseconds.
    public static func duration(timing: [Int], bytes: [UInt8]) -> Int64 {
        var total: Int64 = 0
        for b in bytes {
            for i in 0..<8 {
                let one = b << UInt8(i) & 0x80 != 0
                total += Int64(one ? timing[2] + timing[3] : timing[0] + timing[1])
            }
        }
        return total
    }
}
