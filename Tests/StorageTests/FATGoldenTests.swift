import XCTest
@testable import Storage

/// Scripted sessions whose resulting images must equal, byte for byte, what MicroPython's
/// FatFs (oofatfs, as configured for the ESP8266) makes of the same session. The digests were
/// taken from FatFs's images; bytes no reader can see (past the end of a file, in free
/// clusters, in the gap a seek leaves: FatFs leaves stale data there, we write zeros) are
/// cleared in both before hashing.
final class FATGoldenTests: XCTestCase {
    static let clock: Int64 = 1_700_000_000 * 1_000_000_000

    func content(_ size: Int, _ seed: Int) -> [UInt8] {
        var x = UInt32(truncatingIfNeeded: seed &* 2654435761 &+ 1)
        return (0..<size).map { _ in x = x &* 1103515245 &+ 12345; return UInt8(truncatingIfNeeded: x >> 16) }
    }

    /// Runs the script (`op|path|...` lines) and returns the errno of each step (0 for success).
    func run(_ fs: FATFileSystem, _ script: [String]) throws -> [Int32] {
        var codes = [Int32]()
        for l in script {
            let a = l.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            var code: Int32 = 0
            do {
                switch a[0] {
                case "mkdir": try fs.makeDirectory(a[1])
                case "rm": try fs.remove(a[1])
                case "rmdir": try fs.removeDirectory(a[1])
                case "mv": try fs.rename(a[1], a[2])
                case "write", "append":
                    let f = try fs.open(a[1], mode: a[0] == "write" ? fatWrite : fatAppend)
                    let data = content(Int(a[2])!, Int(a[3])!)
                    do { _ = try data.withUnsafeBytes { try f.write(from: $0) } } catch { try f.close(); throw error }
                    try f.close()
                case "seek":
                    let f = try fs.open(a[1], mode: OpenMode(read: false, write: true, create: true))
                    _ = try f.seek(Int(a[2])!, from: .start)
                    try f.close()
                default: XCTFail("bad step \(l)")
                }
            } catch let e as StorageError { code = e.errno }
            codes.append(code)
        }
        return codes
    }

    /// Clears the bytes of `img` (the first sectors of the device) that no reader can see.
    func clearInvisible(_ img: inout [UInt8], _ vol: FATVolume) throws {
        let ss = vol.geo.sectorSize, cb = vol.geo.clusterBytes
        func clear(_ cluster: UInt32, from: Int) {
            let base = vol.geo.firstSector(ofCluster: cluster) * ss
            var i = base + from
            while i < base + cb && i < img.count { img[i] = 0; i += 1 }
        }
        func walk(_ dir: UInt32) throws {
            var c = try vol.openDirectory(dir)
            while let item = try vol.readItem(&c) {
                if item.isDirectory {
                    try walk(item.firstCluster)
                } else if item.firstCluster >= 2 {
                    let gap = item.name == "sparse" || item.name == "new file name"
                    var cl = item.firstCluster
                    var k = 0
                    while true {
                        if gap { clear(cl, from: 0) } else if (k + 1) * cb > item.size { clear(cl, from: item.size - k * cb) }
                        guard let n = try vol.next(cl) else { break }
                        cl = n; k += 1
                    }
                }
                guard try vol.advance(&c) else { break }
            }
        }
        try walk(0)
        var c: UInt32 = 2
        while c < vol.geo.entryCount && vol.geo.firstSector(ofCluster: c) * ss < img.count {
            if try vol.entry(c) == 0 { clear(c, from: 0) }
            c += 1
        }
    }

    func fnv(_ b: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for x in b { h = (h ^ UInt64(x)) &* 0x100000001b3 }
        return h
    }

    func check(_ sectors: Int, _ ss: Int, _ script: [String], hashSectors: Int? = nil, errors: [Int32: Int] = [:],
               digest: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        let dev = SparseBlockDevice(blockSize: ss, blockCount: sectors)
        try FATFileSystem.format(dev, clock: { Self.clock })
        let fs = try FATFileSystem(mounting: dev, clock: { Self.clock })
        let codes = try run(fs, script)
        var counts = [Int32: Int]()
        for c in codes where c != 0 { counts[c, default: 0] += 1 }
        XCTAssertEqual(counts, errors, file: file, line: line)
        try fs.sync()
        var img = [UInt8](repeating: 0, count: (hashSectors ?? sectors) * ss)
        try img.withUnsafeMutableBytes { try dev.read(block: 0, offset: 0, into: $0) }
        try clearInvisible(&img, fs.vol)
        let d = fnv(img)
        XCTAssertEqual(d, digest, String(format: "digest 0x%016llx", d), file: file, line: line)
    }

    static let fileio2 = [
        "mkdir|/foo_dir", "mkdir|/foo_dir", "rm|/no_file.txt", "mv|/foo_dir|/null/file",
        "write|/foo_dir/file-in-dir.txt|12|1", "write|/foo_dir/sub_file.txt|11|2", "rmdir|/foo_dir",
        "mv|/foo_dir/file-in-dir.txt|/foo_dir/file.txt", "mv|/foo_dir/file.txt|/moved-to-root.txt",
        "write|/temp|8|3", "mv|/temp|/moved-to-root.txt", "rm|/foo_dir/sub_file.txt", "rmdir|/foo_dir",
        "write|/large_file.txt|9000|4",
    ]

    static var big: [String] {
        var s = ["mkdir|/docs", "mkdir|/docs/Nested Directory With A Long Name", "mkdir|/DATA", "mkdir|/data two",
                 "write|/empty.txt|0|0", "write|/README.TXT|511|1", "write|/Mixed Case Name.Data|513|2",
                 "write|/docs/a.txt|4095|3", "write|/docs/Nested Directory With A Long Name/a file with a rather long name.bin|65536|4",
                 "write|/docs/lower.TXT|10|5", "write|/docs/UPPER.txt|10|5", "write|/docs/+plus[1].txt|10|5",
                 "write|/docs/.hidden|10|5", "write|/docs/ lead space|10|5", "write|/docs/a.b.c.d|10|5", "write|/docs/abcdefghij.klmno|10|5",
                 "write|/docs/ÄÖÜ äöü é.txt|10|5", "write|/docs/日本語.txt|10|5", "write|/docs/x.html|1|1", "write|/docs/y.jpeg|1|1"]
        for i in 0..<30 { s.append("write|/DATA/entry number \(i).dat|\(i * 37)|\(i)") }
        for i in 0..<10 where i % 3 == 0 { s.append("rm|/DATA/entry number \(i).dat") }
        s += ["append|/README.TXT|1000|9", "write|/DATA/x|5|5", "mv|/docs/a.txt|/DATA/moved a.txt", "mv|/DATA|/docs/DATA2",
              "append|/docs/DATA2/x|70000|7", "rmdir|/data two", "write|/data two|3|3", "mkdir|/d2", "mv|/d2|/data two"]
        return s
    }

    static var more: [String] {
        var s = [String]()
        for i in 0..<12 { s.append("write|/collision name \(i).txt|\(i * 100)|\(i)") }
        s += ["write|/collision name 3.txt|5000|7", "write|/collision name 4.txt|0|7", "seek|/sparse|3000", "seek|/new file name|100",
              "append|/collision name 5.txt|2000|1", "mkdir|/sub", "mv|/collision name 7.txt|/sub/Renamed Seven.TXT",
              "mv|/sub|/sub2", "mv|/collision name 8.txt|/COLLISION NAME 8.TXT", "write|/UPPER8.TXT|1|1", "write|/lower8.txt|1|1",
              "write|/MixedCase.txt|1|1", "write|/a~1|1|1", "write|/~|1|1", "write|/e5|1|1"]
        for i in 0..<600 { s.append("write|/root\(i)|1|1") }
        s += ["rm|/root5", "write|/after full|1|1", "mkdir|/dir after full", "write|/x|1|1"]
        return s
    }

    func testRamdiskSession() throws {
        try check(50, 512, ["write|/foo_file.txt|6|1", "mkdir|/foo_dir", "write|/foo_dir/sub_file.txt|11|2"], digest: 0xa84ab1a4f0a43fef)
    }
    func testFileIO2Session() throws {
        try check(50, 512, Self.fileio2, errors: [17: 1, 2: 2, 13: 1, 28: 1], digest: 0xfb359afad90d10cb)
    }
    func testFileIO2SessionLarger() throws {
        try check(400, 512, Self.fileio2, errors: [17: 1, 2: 2, 13: 1], digest: 0x5f5ad199cce2f50a)
    }
    func testBigSessionFAT12() throws { try check(4096, 512, Self.big, digest: 0x51fd969070c9fd46) }
    func testBigSessionFAT12Sector4096() throws { try check(512, 4096, Self.big, digest: 0x7a6548bf5d7147ec) }
    func testBigSessionFAT16() throws { try check(32768, 512, Self.big, digest: 0x577d65fad0be2929) }
    func testBigSessionFAT32() throws { try check(8 * 1024 * 1024, 512, Self.big, hashSectors: 1119 + 64 * 60, digest: 0x1fc609df93995965) }
    func testMoreSessionFAT12() throws { try check(4096, 512, Self.more, errors: [13: 134], digest: 0xcac60758beb9c1a0) }
    func testMoreSessionTiny() throws { try check(100, 512, Self.more, errors: [28: 446, 13: 134], digest: 0xfca85b9ddef85dc6) }
    func testMoreSessionFAT16Sector4096() throws { try check(8192, 4096, Self.more, errors: [13: 134], digest: 0x882eccc06c2e67b6) }
}
