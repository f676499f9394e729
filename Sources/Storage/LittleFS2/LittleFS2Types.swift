// On-disk vocabulary of littlefs v2: metadata tags, block pairs, global state and the
// in-memory view of one metadata pair.

let lfsBlockNull: UInt32 = 0xFFFF_FFFF
let lfsBlockInline: UInt32 = 0xFFFF_FFFE

/// Tag types (the 11-bit type field of a tag).
enum LFSType {
    static let reg: UInt32 = 0x001
    static let dir: UInt32 = 0x002
    static let splice: UInt32 = 0x400
    static let name: UInt32 = 0x000
    static let structure: UInt32 = 0x200
    static let userAttr: UInt32 = 0x300
    static let from: UInt32 = 0x100
    static let tail: UInt32 = 0x600
    static let globals: UInt32 = 0x700
    static let crc: UInt32 = 0x500
    static let create: UInt32 = 0x401
    static let delete: UInt32 = 0x4FF
    static let superblock: UInt32 = 0x0FF
    static let dirStruct: UInt32 = 0x200
    static let ctzStruct: UInt32 = 0x202
    static let inlineStruct: UInt32 = 0x201
    static let softTail: UInt32 = 0x600
    static let hardTail: UInt32 = 0x601
    static let moveState: UInt32 = 0x7FF
    static let ccrc: UInt32 = 0x500
    static let fcrc: UInt32 = 0x5FF
    // in-memory only
    static let fromNoop: UInt32 = 0x000
    static let fromMove: UInt32 = 0x101
    static let fromUserAttrs: UInt32 = 0x102
}

/// A tag is 32 bits: valid bit, 11-bit type, 10-bit id, 10-bit size.
enum Tag {
    @inline(__always) static func make(_ type: UInt32, _ id: UInt32, _ size: UInt32) -> UInt32 {
        (type << 20) | (id << 10) | size
    }
    /// A tag whose id field is a signed delta (wraps like the C arithmetic does).
    @inline(__always) static func idDelta(_ delta: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: delta) << 10
    }
    @inline(__always) static func isValid(_ t: UInt32) -> Bool { t & 0x8000_0000 == 0 }
    @inline(__always) static func isDelete(_ t: UInt32) -> Bool { t & 0x3FF == 0x3FF }
    @inline(__always) static func type1(_ t: UInt32) -> UInt32 { (t & 0x7000_0000) >> 20 }
    @inline(__always) static func type2(_ t: UInt32) -> UInt32 { (t & 0x7800_0000) >> 20 }
    @inline(__always) static func type3(_ t: UInt32) -> UInt32 { (t & 0x7FF0_0000) >> 20 }
    @inline(__always) static func chunk(_ t: UInt32) -> UInt8 { UInt8((t & 0x0FF0_0000) >> 20) }
    @inline(__always) static func splice(_ t: UInt32) -> Int { Int(Int8(bitPattern: chunk(t))) }
    @inline(__always) static func id(_ t: UInt32) -> UInt16 { UInt16((t & 0x000F_FC00) >> 10) }
    @inline(__always) static func size(_ t: UInt32) -> UInt32 { t & 0x3FF }
    /// Bytes the tag and its data take on disk (a delete tag carries no data).
    @inline(__always) static func dsize(_ t: UInt32) -> Int {
        4 + Int(size(t &+ (isDelete(t) ? 1 : 0)))
    }
}

/// Two blocks holding one metadata log, written alternately.
struct Pair: Equatable {
    var a: UInt32
    var b: UInt32

    init(_ a: UInt32, _ b: UInt32) { self.a = a; self.b = b }
    static let null = Pair(lfsBlockNull, lfsBlockNull)

    subscript(i: Int) -> UInt32 {
        get { i == 0 ? a : b }
        set { if i == 0 { a = newValue } else { b = newValue } }
    }
    mutating func swap() { let t = a; a = b; b = t }
    var isNull: Bool { a == lfsBlockNull || b == lfsBlockNull }
    /// True when the pairs share any block (littlefs treats them as the same pair).
    func overlaps(_ o: Pair) -> Bool { a == o.a || b == o.b || a == o.b || b == o.a }
    /// True when both blocks match, in either order.
    func isSync(_ o: Pair) -> Bool { (a == o.a && b == o.b) || (a == o.b && b == o.a) }

    var leBytes: [UInt8] { leBytesOf(a) + leBytesOf(b) }
    init(le bytes: [UInt8], at i: Int = 0) {
        a = le32(bytes, i); b = le32(bytes, i + 4)
    }
}

@inline(__always) func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}
@inline(__always) func leBytesOf(_ v: UInt32) -> [UInt8] {
    [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
}
@inline(__always) func beBytesOf(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
}

/// Global state: a pending move (tag + pair) and the orphan count, xor-distributed
/// over all metadata pairs.
struct GState: Equatable {
    var tag: UInt32 = 0
    var pair = Pair(0, 0)

    mutating func xor(_ o: GState) { tag ^= o.tag; pair.a ^= o.pair.a; pair.b ^= o.pair.b }
    var isZero: Bool { tag == 0 && pair.a == 0 && pair.b == 0 }
    var hasOrphans: Bool { Tag.size(tag) != 0 }
    var orphans: UInt32 { Tag.size(tag) & 0x1FF }
    var hasMove: Bool { Tag.type1(tag) != 0 }
    var needsSuperblock: Bool { (Tag.size(tag) >> 9) != 0 }
    func hasMoveHere(_ p: Pair) -> Bool { Tag.type1(tag) != 0 && pair.overlaps(p) }

    var leBytes: [UInt8] { leBytesOf(tag) + leBytesOf(pair.a) + leBytesOf(pair.b) }
    init() {}
    init(le b: [UInt8]) { tag = le32(b, 0); pair = Pair(le32(b, 4), le32(b, 8)) }
}

/// What we know about one fetched metadata pair.
struct MDir {
    var pair = Pair.null
    var rev: UInt32 = 0
    var off: Int = 0
    var etag: UInt32 = 0
    var count: UInt16 = 0
    var erased = false
    var split = false
    var tail = Pair.null
}

/// The payload of an attribute handed to a commit.
enum AttrData {
    case none
    case bytes([UInt8])
    /// Data already on disk, at this block and offset.
    case disk(UInt32, Int)
    /// Move every struct/user attribute of an id out of this metadata pair.
    case move(MDir)
    /// User attributes of a file (type, value).
    case user([(UInt8, [UInt8])])
}

struct MAttr {
    var tag: UInt32
    var data: AttrData
    init(_ tag: UInt32, _ data: AttrData = .none) { self.tag = tag; self.data = data }
}

/// A read or program cache over one window of one block.
final class Cache {
    var block: UInt32 = lfsBlockNull
    var off: Int = 0
    var size: Int = 0
    var buffer: [UInt8]

    init(size: Int) { buffer = [UInt8](repeating: 0xFF, count: size) }

    func drop() { block = lfsBlockNull }
    func zero() {
        for i in buffer.indices { buffer[i] = 0xFF }
        block = lfsBlockNull
    }
    func copy(from o: Cache) {
        buffer = o.buffer; block = o.block; off = o.off; size = o.size
    }
}

enum Cmp { case eq, lt, gt }

/// Anything that holds a fetched metadata pair and an id in it and must be kept up to
/// date when that pair is committed to: open files, open directories, and a few
/// temporaries of the directory operations.
class MListEntry {
    var id: UInt16 = 0
    /// LFSType.reg for files, LFSType.dir for directory iterators, 0 for temporaries.
    var type: UInt32 = 0
    var m = MDir()
    init() {}
    init(_ m: MDir) { self.m = m }
}

struct WeakEntry {
    weak var entry: MListEntry?
}

// The standard library's `withUnsafe...` methods rethrow untyped errors; these keep
// the thrown type.
@inline(__always)
func mutBytes<R>(_ a: inout [UInt8], _ body: (UnsafeMutableRawBufferPointer) throws(StorageError) -> R) throws(StorageError) -> R {
    var failure: StorageError? = nil
    let r: R? = a.withUnsafeMutableBytes { p in
        do throws(StorageError) { return try body(p) } catch { failure = error; return nil }
    }
    if let failure { throw failure }
    return r!
}

@inline(__always)
func roBytes<R>(_ a: [UInt8], _ body: (UnsafeRawBufferPointer) throws(StorageError) -> R) throws(StorageError) -> R {
    var failure: StorageError? = nil
    let r: R? = a.withUnsafeBytes { p in
        do throws(StorageError) { return try body(p) } catch { failure = error; return nil }
    }
    if let failure { throw failure }
    return r!
}

@inline(__always)
func mutValueBytes<T, R>(_ v: inout T, _ body: (UnsafeMutableRawBufferPointer) throws(StorageError) -> R) throws(StorageError) -> R {
    var failure: StorageError? = nil
    let r: R? = withUnsafeMutableBytes(of: &v) { p in
        do throws(StorageError) { return try body(p) } catch { failure = error; return nil }
    }
    if let failure { throw failure }
    return r!
}
