import XCTest
@testable import Storage

/// Metadata that passes its checksums but says nonsense: every operation must end in an
/// error (or a result), never a trap or a hang.
final class LittleFS2FuzzTests: XCTestCase {
    static let blockSize = 512
    static let blockCount = 16

    static func crc(_ c: UInt32, _ b: [UInt8]) -> UInt32 { LFS2CRC.update(c, b) }

    /// One metadata block: a revision and a few commits of random (but well framed) tags.
    static func craftBlock(_ rng: inout SplitMix, superblock: Bool) -> [UInt8] {
        var out = leBytesOf(UInt32(rng.below(5)))
        var crc = crc(0xFFFF_FFFF, out)
        var ptag: UInt32 = 0xFFFF_FFFF
        func emit(_ tag: UInt32, _ data: [UInt8]) {
            let t = beBytesOf(tag ^ ptag)
            out += t; crc = Self.crc(crc, t)
            out += data; crc = Self.crc(crc, data)
            ptag = tag
        }
        func commitEnd() {
            let tag = Tag.make(LFSType.ccrc, 0x3FF, 4)
            let t = beBytesOf(tag ^ ptag)
            out += t; crc = Self.crc(crc, t)
            out += leBytesOf(crc)
            crc = 0xFFFF_FFFF
            ptag = tag
        }
        if superblock {
            emit(Tag.make(LFSType.create, 0, 0), [])
            emit(Tag.make(LFSType.superblock, 0, 8), Array("littlefs".utf8))
            var sb = leBytesOf(0x0002_0001) + leBytesOf(UInt32(blockSize)) + leBytesOf(UInt32(blockCount))
            sb += leBytesOf(255) + leBytesOf(0x7FFF_FFFF) + leBytesOf(1022)
            if rng.below(8) == 0 { sb[rng.below(24)] = UInt8(truncatingIfNeeded: rng.next()) }
            emit(Tag.make(LFSType.inlineStruct, 0, 24), sb)
        }
        let types: [UInt32] = [0x001, 0x002, 0x0FF, 0x200, 0x201, 0x202, 0x301, 0x3AB, 0x401, 0x4FF,
                               0x600, 0x601, 0x7FF, 0x5FF, 0x123, 0x100]
        for _ in 0..<(1 + rng.below(3)) {
            for _ in 0..<rng.below(10) {
                let type = rng.below(6) == 0 ? UInt32(rng.below(0x800)) : types[rng.below(types.count)]
                let id = rng.below(5) == 0 ? 0x3FF : UInt32(rng.below(6))
                var size = UInt32(rng.below(30))
                if type == 0x200 || type == 0x600 || type == 0x601 || type == 0x202 { size = 8 }
                if type == 0x7FF { size = 12 }
                if type == 0x4FF || rng.below(20) == 0 { size = rng.below(2) == 0 ? 0 : 0x3FF }
                let dataSize = size == 0x3FF ? 0 : Int(size)
                if out.count + 4 + dataSize + 16 > blockSize { break }
                var data: [UInt8] = (0..<dataSize).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                if size == 8 && rng.below(3) != 0 {
                    data = leBytesOf(UInt32(rng.below(blockCount + 2))) + leBytesOf(UInt32(rng.below(rng.below(2) == 0 ? blockCount : 300000)))
                }
                emit(Tag.make(type, id, size), data)
            }
            if out.count + 8 > blockSize { break }
            commitEnd()
        }
        out += [UInt8](repeating: 0xFF, count: max(0, blockSize - out.count))
        return Array(out.prefix(blockSize))
    }

    func testWellFramedNonsense() throws {
        var rng = SplitMix(seed: 2024)
        var mounted = 0
        for _ in 0..<300 {
            var image = [UInt8](repeating: 0xFF, count: Self.blockSize * Self.blockCount)
            for b in 0..<Self.blockCount where b < 2 || rng.below(2) == 0 {
                let block = Self.craftBlock(&rng, superblock: b < 2 && rng.below(4) != 0)
                image.replaceSubrange(b * Self.blockSize..<(b + 1) * Self.blockSize, with: block)
            }
            let dev = MemoryBlockDevice(blockSize: Self.blockSize, bytes: image, norFlash: true)
            guard let fs = try? LittleFS2(mounting: dev) else { continue }
            mounted += 1
            exercise(fs, &rng)
        }
        XCTAssertGreaterThan(mounted, 50)
    }

    func exercise(_ fs: LittleFS2, _ rng: inout SplitMix) {
        var paths: [String] = ["/"]
        var budget = 40
        func walk(_ dir: String, depth: Int) {
            guard depth < 4, budget > 0, let it = try? fs.listDirectory(dir) else { return }
            var n = 0
            while budget > 0, n < 20, let e = try? it.next() {
                budget -= 1
                n += 1
                let path = (dir == "/" ? "" : dir) + "/" + e.name
                paths.append(path)
                _ = try? fs.stat(path)
                _ = try? fs.getAttribute(path, type: 1)
                if e.type == .directory {
                    walk(path, depth: depth + 1)
                } else if let f = try? fs.open(path, mode: OpenMode(read: true)) {
                    var buf = [UInt8](repeating: 0, count: 1500)
                    _ = try? buf.withUnsafeMutableBytes { try f.read(into: $0) }
                    _ = try? f.seek(3000, from: .start)
                    _ = try? buf.withUnsafeMutableBytes { try f.read(into: $0) }
                    try? f.close()
                }
            }
            it.close()
        }
        walk("/", depth: 0)
        _ = try? fs.statistics()
        let target = paths[rng.below(paths.count)]
        switch rng.below(6) {
        case 0:
            if let f = try? fs.open(target + "x", mode: OpenMode(read: false, write: true, create: true)) {
                _ = try? [UInt8](repeating: 7, count: 700).withUnsafeBytes { try f.write(from: $0) }
                try? f.close()
            }
        case 1: try? fs.makeDirectory(target + "_d")
        case 2: try? fs.remove(target)
        case 3: try? fs.rename(target, "/renamed")
        case 4:
            if let f = try? fs.open(target, mode: OpenMode(read: true, write: true, append: true)) {
                _ = try? [UInt8](repeating: 1, count: 300).withUnsafeBytes { try f.write(from: $0) }
                try? f.truncate(to: 10)
                try? f.close()
            }
        default: try? fs.setAttribute(target, type: 9, value: [1, 2, 3])
        }
        _ = try? fs.statistics()
    }
}
