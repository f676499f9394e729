import Foundation
import XCTest
@testable import Storage

/// Cross-checks with the reference littlefs through littlefs-python: the same sequence of
/// operations is run by both; each must read the other's image, and they must use the
/// same number of blocks.
final class LittleFS2InteropTests: XCTestCase {
    static let blockSize4K = 4096
    static let blockCount4K = 1024

    /// Deterministic file contents, computed the same way by the Python side.
    static func content(seed: Int, size: Int) -> [UInt8] {
        (0..<size).map { i in UInt8(truncatingIfNeeded: i &* 131 &+ seed &* 7919 &+ (i >> 9)) }
    }

    /// The operations: a tree of ~50 files (0 B to 200 KiB) in nested directories, plus
    /// renames, removals, appends and overwrites to exercise compaction and splitting.
    static func operations() -> [String] {
        var ops: [String] = []
        let dirs = ["/etc", "/lib", "/lib/net", "/lib/net/proto", "/data", "/data/logs", "/data/logs/old", "/www", "/www/img"]
        for d in dirs { ops.append("mkdir \(d)") }
        let sizes = [0, 1, 7, 31, 32, 33, 64, 127, 128, 129, 200, 255, 256, 511, 512, 1000, 1023, 1024,
                     2047, 2048, 3000, 4088, 4095, 4096, 4097, 5000, 8191, 8192, 8193, 10000, 12288, 16000,
                     20000, 24576, 30000, 40000, 50000, 65536, 70000, 81920, 100000, 120000, 131072, 150000,
                     163840, 180000, 190000, 200000, 204800, 3]
        let places = ["/"] + dirs
        for (i, size) in sizes.enumerated() {
            let dir = places[i % places.count]
            let path = (dir == "/" ? "" : dir) + "/file\(i).bin"
            let chunk = [4096, 1000, 128, 65536][i % 4]
            ops.append("write \(path) \(size) \(i + 1) \(chunk)")
        }
        ops.append("rename /file0.bin /data/renamed0.bin")
        ops.append("rename /lib/file2.bin /lib/net/moved2.bin")
        ops.append("remove /etc/file1.bin")
        ops.append("append /www/file8.bin 3000 77 512")
        ops.append("write /lib/net/file3.bin 100 99 100")
        ops.append("remove /data/logs/old/file7.bin")
        ops.append("remove /data/logs/old/file17.bin")
        ops.append("remove /data/logs/old/file27.bin")
        ops.append("remove /data/logs/old/file37.bin")
        ops.append("remove /data/logs/old/file47.bin")
        ops.append("rmdir /data/logs/old")
        ops.append("rename /www/img /img")
        ops.append("append /file10.bin 9000 55 4096")
        for i in 0..<30 { ops.append("write /etc/conf\(i) \(i * 3) \(200 + i) 64") }
        for i in stride(from: 0, to: 30, by: 3) { ops.append("remove /etc/conf\(i)") }
        return ops
    }

    /// Applies the operations with our implementation; returns the expected contents.
    static func runOperations(_ fs: LittleFS2, _ ops: [String]) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for op in ops {
          do {
            let p = op.split(separator: " ").map(String.init)
            switch p[0] {
            case "mkdir": try fs.makeDirectory(p[1])
            case "rmdir": try fs.removeDirectory(p[1])
            case "remove":
                try fs.remove(p[1])
                files[p[1]] = nil
            case "rename":
                try fs.rename(p[1], p[2])
                for (k, v) in files where k == p[1] || k.hasPrefix(p[1] + "/") {
                    files[k] = nil
                    files[p[2] + k.dropFirst(p[1].count)] = v
                }
            case "write", "append":
                let data = content(seed: Int(p[3])!, size: Int(p[2])!)
                let chunk = Int(p[4])!
                let mode = p[0] == "write" ? OpenMode(read: false, write: true, create: true, truncate: true)
                                           : OpenMode(read: false, write: true, create: true, append: true)
                let f = try fs.open(p[1], mode: mode)
                var i = 0
                while i < data.count {
                    let n = min(chunk, data.count - i)
                    _ = try data[i..<i + n].withUnsafeBytes { try f.write(from: $0) }
                    i += n
                }
                try f.close()
                files[p[1]] = (p[0] == "append" ? (files[p[1]] ?? []) : []) + data
            default: XCTFail("bad op \(op)")
            }
          } catch {
            XCTFail("operation `\(op)` failed: \(error)")
            throw error
          }
        }
        return files
    }

    static let pythonScript = #"""
import sys, json, littlefs
mode, ops_path, image_path = sys.argv[1], sys.argv[2], sys.argv[3]
BS, BC = int(sys.argv[4]), int(sys.argv[5])
def content(seed, size):
    return bytes(((i * 131 + seed * 7919 + (i >> 9)) & 0xFF) for i in range(size))
def make(buf):
    ctx = littlefs.UserContext(buffer=buf)
    return littlefs.LittleFS(context=ctx, block_size=BS, block_count=BC, read_size=32, prog_size=32,
                             lookahead_size=32, block_cycles=int(sys.argv[6]), cache_size=128, mount=False)
ops = [l.split() for l in open(ops_path).read().splitlines() if l.strip()]
files = {}
def apply(fs):
    for p in ops:
        if p[0] == "mkdir": fs.mkdir(p[1])
        elif p[0] == "rmdir": fs.rmdir(p[1])
        elif p[0] == "remove":
            fs.remove(p[1]); files.pop(p[1], None)
        elif p[0] == "rename":
            fs.rename(p[1], p[2])
            for k in list(files):
                if k == p[1] or k.startswith(p[1] + "/"):
                    files[p[2] + k[len(p[1]):]] = files.pop(k)
        elif p[0] in ("write", "append"):
            data = content(int(p[3]), int(p[2])); chunk = int(p[4])
            with fs.open(p[1], "wb" if p[0] == "write" else "ab") as f:
                for i in range(0, len(data), chunk):
                    f.write(data[i:i + chunk])
            files[p[1]] = (files.get(p[1], b"") if p[0] == "append" else b"") + data
class Sim:
    # computes the expected files without a filesystem
    def mkdir(self, p): pass
    def rmdir(self, p): pass
    def remove(self, p): pass
    def rename(self, a, b): pass
    def open(self, p, m):
        class F:
            def __enter__(s): return s
            def __exit__(s, *a): pass
            def write(s, d): pass
        return F()
if mode == "write":
    buf = bytearray(b"\xff" * (BS * BC))
    fs = make(buf)
    fs.format(); fs.mount()
    apply(fs)
    used = fs.used_block_count
    fs.unmount()
    open(image_path, "wb").write(buf)
    print(json.dumps({"used": used}))
else:
    apply(Sim())
    buf = bytearray(open(image_path, "rb").read())
    fs = make(buf)
    fs.mount()
    found = {}
    for top, dirs, names in fs.walk("/"):
        for n in names:
            path = (top.rstrip("/") + "/" + n)
            with fs.open(path, "rb") as f:
                found[path] = f.read()
    errors = []
    for k in sorted(set(found) | set(files)):
        if k not in found: errors.append("missing " + k)
        elif k not in files: errors.append("unexpected " + k)
        elif found[k] != files[k]: errors.append("content differs " + k)
    # the reference must also be able to keep writing to our image
    with fs.open("/after.txt", "wb") as f:
        f.write(b"written by littlefs-python")
    print(json.dumps({"used": fs.used_block_count, "errors": errors, "count": len(found)}))
"""#

    func runPython(_ args: [String]) throws -> [String: Any] {
        let dir = FileManager.default.temporaryDirectory
        let script = dir.appendingPathComponent("lfs2_interop_\(getpid()).py")
        try Self.pythonScript.write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            XCTFail("python3 with littlefs-python failed (is `pip install littlefs-python` done?): "
                    + String(decoding: errData, as: UTF8.self))
            throw StorageError.io
        }
        let obj = try JSONSerialization.jsonObject(with: outData) as? [String: Any]
        return try XCTUnwrap(obj)
    }

    /// Runs a Python snippet with `littlefs` imported, `image` (a path) and `make(buf,
    /// **config)` (a LittleFS on a bytearray) defined.
    func runSnippet(_ code: String, image: URL) throws {
        let dir = FileManager.default.temporaryDirectory
        let script = dir.appendingPathComponent("lfs2_snippet_\(getpid()).py")
        let prelude = """
        import sys, littlefs
        image = sys.argv[1]
        def make(buf, **kw):
            cfg = dict(block_size=4096, block_count=len(buf) // 4096, read_size=32, prog_size=32,
                       lookahead_size=32, block_cycles=100, cache_size=128)
            cfg.update(kw)
            return littlefs.LittleFS(context=littlefs.UserContext(buffer=buf), mount=False, **cfg)

        """
        try (prelude + code).write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path, image.path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            XCTFail("python3 with littlefs-python failed: " + String(decoding: errData, as: UTF8.self))
            throw StorageError.io
        }
    }

    /// Inline files bigger than our inline limit (made with a bigger cache) and a disk
    /// version 2.0 superblock: we read them, write into them, and the reference agrees.
    func testForeignConfigurationAndOlderDiskVersion() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lfs2_foreign_\(getpid()).img")
        defer { try? FileManager.default.removeItem(at: url) }
        try runSnippet("""
        buf = bytearray(b"\\xff" * (4096 * 64))
        fs = make(buf, cache_size=512, disk_version=0x00020000)
        fs.format(); fs.mount()
        with fs.open("/inline400", "wb") as f: f.write(bytes(range(200)) * 2)
        with fs.open("/small", "wb") as f: f.write(b"abc")
        fs.unmount()
        open(image, "wb").write(buf)
        """, image: url)
        let dev = MemoryBlockDevice(blockSize: 4096, bytes: [UInt8](try Data(contentsOf: url)), norFlash: true)
        let fs = try LittleFS2(mounting: dev)
        XCTAssertTrue(fs.gstate.needsSuperblock, "a 2.0 superblock should be upgraded on the first write")
        let expected = [UInt8]((0..<400).map { UInt8($0 % 200) })
        let r = try fs.open("/inline400", mode: OpenMode(read: true))
        var buf = [UInt8](repeating: 0, count: 1000)
        XCTAssertEqual(try buf.withUnsafeMutableBytes { try r.read(into: $0) }, 400)
        XCTAssertEqual(Array(buf[0..<400]), expected)
        try r.close()
        // overwrite 10 bytes in the middle: the file leaves the directory entry
        let w = try fs.open("/inline400", mode: OpenMode(read: true, write: true))
        _ = try w.seek(100, from: .start)
        _ = try [UInt8](repeating: 0xEE, count: 10).withUnsafeBytes { try w.write(from: $0) }
        try w.close()
        XCTAssertFalse(fs.gstate.needsSuperblock)
        try Data(dev.bytes).write(to: url)
        try runSnippet("""
        buf = bytearray(open(image, "rb").read())
        fs = make(buf)
        fs.mount()
        data = fs.open("/inline400", "rb").read()
        exp = bytearray(bytes(range(200)) * 2); exp[100:110] = b"\\xee" * 10
        assert data == exp, data
        assert fs.open("/small", "rb").read() == b"abc"
        assert fs.fs_stat().disk_version == 0x00020001, hex(fs.fs_stat().disk_version)
        """, image: url)
    }

    func testOurImageReadsInReferenceAndBack() throws {
        try interop(ops: Self.operations(), blockSize: Self.blockSize4K, blockCount: Self.blockCount4K)
    }

    /// Small blocks: directories split over several metadata pairs, pairs relocated for
    /// wear levelling (block_cycles 100) and the superblock pair expanded.
    func testSplitsRelocationsAndSuperblockExpansion() throws {
        var ops = ["mkdir /many", "mkdir /other"]
        for i in 0..<120 { ops.append("write /many/a_rather_long_file_name_\(i) \(i % 70) \(i) 32") }
        for i in stride(from: 0, to: 120, by: 4) { ops.append("remove /many/a_rather_long_file_name_\(i)") }
        for i in 0..<40 { ops.append("write /other/big\(i % 5) \(700 + i * 13) \(i) 256") }
        for i in 0..<1500 { ops.append("write /counter \(i % 40) \(i) 16") }
        for i in 0..<200 { ops.append("write /many/a_rather_long_file_name_\(1 + (i * 4) % 120) \(i % 90) \(i) 64") }
        try interop(ops: ops, blockSize: 512, blockCount: 256) { fs in
            // the root moved out of the superblock pair, and /many spans several pairs
            XCTAssertFalse(fs.root.overlaps(Pair(0, 1)), "superblock was not expanded")
            var m = MDir()
            var id: UInt16 = 0
            guard case .found(let tag) = try fs.dirFind([Array("many".utf8)], &m, id: &id) else { return XCTFail() }
            let (_, p) = try fs.dirGet(m, gmask: Tag.make(0x700, 0x3FF, 0), gtag: Tag.make(LFSType.structure, UInt32(Tag.id(tag)), 8))
            var d = MDir()
            try fs.dirFetch(&d, Pair(le: p))
            var pairs = 1
            while d.split { try fs.dirFetch(&d, d.tail); pairs += 1 }
            XCTAssertGreaterThan(pairs, 2, "directory did not split")
        }
    }

    /// Metadata pairs relocated every few compactions (block_cycles 1), so parents,
    /// predecessors and open pairs are rewritten all the time.
    func testFrequentRelocation() throws {
        var ops = ["mkdir /a", "mkdir /a/b", "mkdir /c"]
        var renamed: [String] = []
        for i in 0..<300 {
            let dir = ["", "/a", "/a/b", "/c"][i % 4]
            ops.append("write \(dir)/f\(i % 23) \((i * 37) % 300) \(i) 50")
            if i % 7 == 3 {
                ops.append("rename \(dir)/f\(i % 23) /c/r\(i)")
                renamed.append("/c/r\(i)")
            }
            if i % 11 == 5 { ops.append("mkdir /a/d\(i)") }
            if i % 13 == 6 && !renamed.isEmpty { ops.append("remove \(renamed.removeFirst())") }
        }
        try interop(ops: ops, blockSize: 512, blockCount: 512, blockCycles: 1)
    }

    func interop(ops: [String], blockSize: Int, blockCount: Int, blockCycles: Int = 100,
                 check: (LittleFS2) throws -> Void = { _ in }) throws {
        let dir = FileManager.default.temporaryDirectory
        let opsURL = dir.appendingPathComponent("lfs2_ops_\(getpid()).txt")
        let ours = dir.appendingPathComponent("lfs2_ours_\(getpid()).img")
        let theirs = dir.appendingPathComponent("lfs2_theirs_\(getpid()).img")
        defer {
            for u in [opsURL, ours, theirs] { try? FileManager.default.removeItem(at: u) }
        }
        try ops.joined(separator: "\n").write(to: opsURL, atomically: true, encoding: .utf8)

        // ours -> reference
        let dev = MemoryBlockDevice(blockSize: blockSize, blockCount: blockCount, norFlash: true)
        let config = LittleFS2.Configuration(blockCycles: blockCycles)
        try LittleFS2.format(dev, configuration: config)
        let fs = try LittleFS2(mounting: dev, configuration: config)
        let expected = try Self.runOperations(fs, ops)
        let ourUsed = try fs.usedBlocks()
        try check(fs)
        try Data(dev.bytes).write(to: ours)
        let check = try runPython(["read", opsURL.path, ours.path, "\(blockSize)", "\(blockCount)", "\(blockCycles)"])
        XCTAssertEqual(check["errors"] as? [String], [])
        XCTAssertEqual(check["count"] as? Int, expected.count)

        // reference -> ours
        let made = try runPython(["write", opsURL.path, theirs.path, "\(blockSize)", "\(blockCount)", "\(blockCycles)"])
        let image = [UInt8](try Data(contentsOf: theirs))
        let tdev = MemoryBlockDevice(blockSize: blockSize, bytes: image, norFlash: true)
        let tfs = try LittleFS2(mounting: tdev, configuration: config)
        var found: [String: [UInt8]] = [:]
        func walk(_ path: String) throws {
            let it = try tfs.listDirectory(path)
            while let e = try it.next() {
                let full = (path == "/" ? "" : path) + "/" + e.name
                if e.type == .directory {
                    try walk(full)
                } else {
                    let f = try tfs.open(full, mode: OpenMode(read: true))
                    var data = [UInt8](repeating: 0, count: e.size + 1)
                    var got = 0
                    while true {
                        let n = try data[got...].withUnsafeMutableBytes { try f.read(into: $0) }
                        if n == 0 { break }
                        got += n
                    }
                    XCTAssertEqual(got, e.size, full)
                    found[full] = Array(data[0..<got])
                    try f.close()
                }
            }
        }
        try walk("/")
        XCTAssertEqual(Set(found.keys), Set(expected.keys))
        for (k, v) in expected { XCTAssertTrue(found[k] == v, "content of \(k)") }

        // same block usage as the reference for the same operations
        XCTAssertEqual(made["used"] as? Int, ourUsed)
        XCTAssertEqual(try tfs.usedBlocks(), ourUsed)
        // and we can keep writing to the reference's image
        let f = try tfs.open("/after.txt", mode: OpenMode(read: false, write: true, create: true))
        _ = try Array("written by us".utf8).withUnsafeBytes { try f.write(from: $0) }
        try f.close()
        XCTAssertEqual(try tfs.stat("/after.txt").size, 13)
        // the same operations even give the same image, byte for byte
        let diffBlocks = (0..<blockCount).filter { b in
            dev.bytes[b * blockSize..<(b + 1) * blockSize] != image[b * blockSize..<(b + 1) * blockSize]
        }
        XCTAssertEqual(diffBlocks, [], "blocks differing from the reference's image")
    }
}
