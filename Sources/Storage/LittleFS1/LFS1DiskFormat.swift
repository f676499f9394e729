extension LittleFS1 {
    /// The block number littlefs uses for "no block".
    static let noBlock: UInt32 = 0xFFFF_FFFF

    /// Entry types as stored on disk. The top bit marks an entry in the middle of a rename.
    enum EntryKind {
        static let file: UInt8 = 0x11
        static let directory: UInt8 = 0x22
        static let superblock: UInt8 = 0x2E
        static let movingFlag: UInt8 = 0x80
    }

    /// The flag in a directory block's size word saying the directory goes on in the tail block.
    static let continuedFlag: UInt32 = 0x8000_0000

    /// A metadata pair: the two blocks a directory block alternates between.
    struct Pair: Equatable {
        var first: UInt32
        var second: UInt32

        static let none = Pair(first: noBlock, second: noBlock)
        /// The superblock always lives in blocks 0 and 1.
        static let superblock = Pair(first: 0, second: 1)

        var isNone: Bool { first == noBlock || second == noBlock }
        var swapped: Pair { Pair(first: second, second: first) }

        /// True if the pairs have a block in common (the same directory, possibly after one of
        /// its blocks was relocated).
        func sharesBlock(with other: Pair) -> Bool {
            first == other.first || first == other.second || second == other.first || second == other.second
        }

        /// True if both pairs hold the same two blocks, in either order.
        func sameBlocks(as other: Pair) -> Bool {
            (first == other.first && second == other.second) || (first == other.second && second == other.first)
        }
    }

    /// The 16-byte header at the start of every metadata block: revision, size of the used part
    /// (including the header and the trailing CRC; top bit = continued), and the tail pair.
    struct BlockHeader {
        static let byteCount = 16
        var revision: UInt32 = 0
        var size: UInt32 = 0
        var tail: Pair = .none

        /// Bytes in use, without the continuation flag.
        var usedSize: Int { Int(size & ~continuedFlag) }
        var isContinued: Bool { size & continuedFlag != 0 }

        init() {}

        init(_ b: [UInt8]) {
            revision = readLE32(b, 0)
            size = readLE32(b, 4)
            tail = Pair(first: readLE32(b, 8), second: readLE32(b, 12))
        }

        var encoded: [UInt8] {
            var b = [UInt8]()
            b.reserveCapacity(16)
            appendLE32(&b, revision); appendLE32(&b, size)
            appendLE32(&b, tail.first); appendLE32(&b, tail.second)
            return b
        }
    }

    /// A directory entry: a 4-byte prefix (type and the lengths of the three parts that follow),
    /// then `extLength` bytes of type-specific data (for files and directories two words: the
    /// file's head block and size, or the directory's pair), `attrLength` attribute bytes, and
    /// the name. `offset` is where it sits in its metadata block.
    struct Entry {
        static let byteCount = 12
        var offset = 0
        var type: UInt8 = 0
        var extLength: UInt8 = 8
        var attrLength: UInt8 = 0
        var nameLength: UInt8 = 0
        var word0: UInt32 = 0
        var word1: UInt32 = 0

        init() {}

        init(_ b: [UInt8], at offset: Int) {
            self.offset = offset
            type = b[0]; extLength = b[1]; attrLength = b[2]; nameLength = b[3]
            word0 = readLE32(b, 4); word1 = readLE32(b, 8)
        }

        /// Bytes the whole entry takes in its block.
        var totalSize: Int { 4 + Int(extLength) + Int(attrLength) + Int(nameLength) }
        var nameOffset: Int { offset + 4 + Int(extLength) + Int(attrLength) }
        var baseType: UInt8 { type & ~EntryKind.movingFlag }

        var pair: Pair {
            get { Pair(first: word0, second: word1) }
            set { word0 = newValue.first; word1 = newValue.second }
        }
        var head: UInt32 {
            get { word0 }
            set { word0 = newValue }
        }
        var fileSize: UInt32 {
            get { word1 }
            set { word1 = newValue }
        }

        var encoded: [UInt8] {
            var b: [UInt8] = [type, extLength, attrLength, nameLength]
            appendLE32(&b, word0); appendLE32(&b, word1)
            return b
        }
    }

    /// The superblock entry that follows the header in blocks 0 and 1.
    struct Superblock {
        static let byteCount = 32
        static let magic: [UInt8] = Array("littlefs".utf8)
        /// On-disk format version 1.1.
        static let version: UInt32 = 0x0001_0001

        var root: Pair
        var blockSize: UInt32
        var blockCount: UInt32
        var version: UInt32
        var magic: [UInt8]

        init(root: Pair, blockSize: UInt32, blockCount: UInt32) {
            self.root = root; self.blockSize = blockSize; self.blockCount = blockCount
            self.version = Superblock.version; self.magic = Superblock.magic
        }

        init(_ b: [UInt8]) {
            root = Pair(first: readLE32(b, 4), second: readLE32(b, 8))
            blockSize = readLE32(b, 12)
            blockCount = readLE32(b, 16)
            version = readLE32(b, 20)
            magic = Array(b[24..<32])
        }

        var encoded: [UInt8] {
            // type, then the lengths of the fixed part (20 bytes), attributes (none), name (the magic)
            var b: [UInt8] = [EntryKind.superblock, UInt8(Superblock.byteCount - 8 - 4), 0, 8]
            appendLE32(&b, root.first); appendLE32(&b, root.second)
            appendLE32(&b, blockSize); appendLE32(&b, blockCount); appendLE32(&b, version)
            b += magic
            return b
        }
    }

    static func readLE32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    static func appendLE32(_ b: inout [UInt8], _ v: UInt32) {
        b.append(UInt8(truncatingIfNeeded: v)); b.append(UInt8(truncatingIfNeeded: v >> 8))
        b.append(UInt8(truncatingIfNeeded: v >> 16)); b.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    /// Revision comparison that survives wrap-around.
    static func revisionDistance(_ a: UInt32, _ b: UInt32) -> Int32 {
        Int32(bitPattern: a &- b)
    }
}
