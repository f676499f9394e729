import Foundation
import XCTest
@testable import Storage

/// Random operation sequences run by us and by littlefs-python: after every batch the
/// two images must be identical, byte for byte.
final class LittleFS2DifferentialTests: XCTestCase {
    static let script = #"""
import sys, littlefs
ops_path, out_prefix, BS, BC = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def content(seed, size):
    return bytes(((i * 131 + seed * 7919 + (i >> 9)) & 0xFF) for i in range(size))
buf = bytearray(b"\xff" * (BS * BC))
fs = littlefs.LittleFS(context=littlefs.UserContext(buffer=buf), block_size=BS, block_count=BC,
                       read_size=32, prog_size=32, lookahead_size=32, block_cycles=100,
                       cache_size=128, mount=False)
fs.format(); fs.mount()
snap = 0
for line in open(ops_path).read().splitlines():
    p = line.split()
    if not p: continue
    op = p[0]
    if op == "mkdir": fs.mkdir(p[1])
    elif op == "rmdir": fs.rmdir(p[1])
    elif op == "remove": fs.remove(p[1])
    elif op == "rename": fs.rename(p[1], p[2])
    elif op in ("write", "append"):
        data = content(int(p[3]), int(p[2])); chunk = int(p[4])
        with fs.open(p[1], "wb" if op == "write" else "ab", buffering=0) as f:
            for i in range(0, len(data), chunk):
                f.write(data[i:i + chunk])
    elif op == "pwrite":
        data = content(int(p[4]), int(p[3]))
        with fs.open(p[1], "r+b", buffering=0) as f:
            f.seek(int(p[2])); f.write(data)
    elif op == "truncate":
        with fs.open(p[1], "r+b", buffering=0) as f:
            f.seek(int(p[2])); f.truncate()
    elif op == "setattr": fs.setattr(p[1], int(p[2]), content(int(p[4]), int(p[3])))
    elif op == "rmattr": fs.removeattr(p[1], int(p[2]))
    elif op == "snapshot":
        open("%s%d.img" % (out_prefix, snap), "wb").write(buf); snap += 1
    else: raise Exception("bad op " + line)
"""#

    struct Model {
        var files: [String: [UInt8]] = [:]
        var dirs: Set<String> = ["/"]
    }

    static func content(seed: Int, size: Int) -> [UInt8] {
        LittleFS2InteropTests.content(seed: seed, size: size)
    }

    static func randomOps(_ rng: inout SplitMix, count: Int) -> ([String], Model) {
        var m = Model()
        var ops: [String] = []
        func child(of dir: String) -> String {
            (dir == "/" ? "" : dir) + "/" + ["x", "data", "log", "a_longer_name", "z"][rng.below(5)] + "\(rng.below(40))"
        }
        for step in 0..<count {
            let dirs = m.dirs.sorted()
            let files = m.files.keys.sorted()
            let path = child(of: dirs[rng.below(dirs.count)])
            let taken = m.files[path] != nil || m.dirs.contains(path)
            switch rng.below(12) {
            case 0 where !taken && m.dirs.count < 12:
                ops.append("mkdir \(path)"); m.dirs.insert(path)
            case 1:
                let empty = dirs.filter { d in d != "/" && !m.dirs.contains { $0.hasPrefix(d + "/") } && !m.files.keys.contains { $0.hasPrefix(d + "/") } }
                if let d = empty.first { ops.append("rmdir \(d)"); m.dirs.remove(d) }
            case 2 where !files.isEmpty:
                let f = files[rng.below(files.count)]
                ops.append("remove \(f)"); m.files[f] = nil
            case 3 where !files.isEmpty && (!taken || m.files[path] != nil):
                let f = files[rng.below(files.count)]
                if f != path {
                    ops.append("rename \(f) \(path)"); m.files[path] = m.files[f]; m.files[f] = nil
                }
            case 4 where !files.isEmpty:
                let f = files[rng.below(files.count)]
                let old = m.files[f]!
                let off = rng.below(old.count + 300)
                let data = content(seed: step, size: [1, 20, 100, 700, 2000][rng.below(5)])
                ops.append("pwrite \(f) \(off) \(data.count) \(step)")
                var new = old + [UInt8](repeating: 0, count: max(0, off - old.count))
                let end = off + data.count
                if new.count < end { new += [UInt8](repeating: 0, count: end - new.count) }
                new.replaceSubrange(off..<end, with: data)
                m.files[f] = new
            case 5 where !files.isEmpty:
                let f = files[rng.below(files.count)]
                let old = m.files[f]!
                let n = [0, 10, 64, 65, 300, old.count / 2, old.count + 100][rng.below(7)]
                ops.append("truncate \(f) \(n)")
                m.files[f] = n <= old.count ? Array(old[0..<n]) : old + [UInt8](repeating: 0, count: n - old.count)
            case 6 where !files.isEmpty:
                let f = files[rng.below(files.count)]
                ops.append("setattr \(f) \(rng.below(4)) \(rng.below(30)) \(step)")
            case 7 where !files.isEmpty:
                ops.append("rmattr \(files[rng.below(files.count)]) \(rng.below(4))")
            case 8 where !files.isEmpty:
                let f = files[rng.below(files.count)]
                let data = content(seed: step, size: [3, 60, 500, 3000][rng.below(4)])
                ops.append("append \(f) \(data.count) \(step) \([7, 64, 1000][rng.below(3)])")
                m.files[f]! += data
            default:
                if taken && m.files[path] == nil { continue }
                let data = content(seed: step, size: [0, 5, 64, 65, 200, 1000, 5000, 20000][rng.below(8)])
                ops.append("write \(path) \(data.count) \(step) \([16, 128, 4096][rng.below(3)])")
                m.files[path] = data
            }
            if step % 50 == 49 { ops.append("snapshot") }
        }
        ops.append("snapshot")
        return (ops, m)
    }

    static func apply(_ fs: LittleFS2, _ line: String) throws {
        let p = line.split(separator: " ").map(String.init)
        switch p[0] {
        case "mkdir": try fs.makeDirectory(p[1])
        case "rmdir": try fs.removeDirectory(p[1])
        case "remove": try fs.remove(p[1])
        case "rename": try fs.rename(p[1], p[2])
        case "write", "append":
            let data = content(seed: Int(p[3])!, size: Int(p[2])!)
            let chunk = Int(p[4])!
            let f = try fs.open(p[1], mode: p[0] == "write" ? OpenMode(read: false, write: true, create: true, truncate: true)
                                                           : OpenMode(read: false, write: true, create: true, append: true))
            var i = 0
            while i < data.count {
                let n = min(chunk, data.count - i)
                _ = try data[i..<i + n].withUnsafeBytes { try f.write(from: $0) }
                i += n
            }
            try f.close()
        case "pwrite":
            let data = content(seed: Int(p[4])!, size: Int(p[3])!)
            let f = try fs.open(p[1], mode: OpenMode(read: true, write: true))
            _ = try f.seek(Int(p[2])!, from: .start)
            _ = try data.withUnsafeBytes { try f.write(from: $0) }
            try f.close()
        case "truncate":
            let f = try fs.open(p[1], mode: OpenMode(read: true, write: true))
            _ = try f.seek(Int(p[2])!, from: .start)
            try f.truncate(to: Int(p[2])!)
            try f.close()
        case "setattr":
            try fs.setAttribute(p[1], type: UInt8(p[2])!, value: content(seed: Int(p[4])!, size: Int(p[3])!))
        case "rmattr":
            try fs.setAttribute(p[1], type: UInt8(p[2])!, value: nil)
        default: XCTFail("bad op \(line)")
        }
    }

    func runDifferential(seed: UInt64, count: Int, blockSize: Int, blockCount: Int) throws {
        var rng = SplitMix(seed: seed)
        let (ops, model) = Self.randomOps(&rng, count: count)
        print("differential seed \(seed):", Dictionary(grouping: ops, by: { $0.split(separator: " ")[0] }).mapValues(\.count))
        let tmp = FileManager.default.temporaryDirectory
        let tag = "lfs2_diff_\(getpid())_\(seed)"
        let opsURL = tmp.appendingPathComponent(tag + ".ops")
        let scriptURL = tmp.appendingPathComponent(tag + ".py")
        let prefix = tmp.appendingPathComponent(tag + "_snap").path
        try ops.joined(separator: "\n").write(to: opsURL, atomically: true, encoding: .utf8)
        try Self.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(at: opsURL)
            try? FileManager.default.removeItem(at: scriptURL)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", scriptURL.path, opsURL.path, prefix, "\(blockSize)", "\(blockCount)"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            XCTFail("python3 with littlefs-python failed: " + String(decoding: errData, as: UTF8.self))
            return
        }

        let dev = MemoryBlockDevice(blockSize: blockSize, blockCount: blockCount, norFlash: true)
        try LittleFS2.format(dev)
        let fs = try LittleFS2(mounting: dev)
        var snap = 0
        var last = 0
        for (i, line) in ops.enumerated() {
            if line == "snapshot" {
                let url = URL(fileURLWithPath: "\(prefix)\(snap).img")
                let theirs = [UInt8](try Data(contentsOf: url))
                try? FileManager.default.removeItem(at: url)
                if theirs != dev.bytes {
                    let blocks = (0..<blockCount).filter {
                        theirs[$0 * blockSize..<($0 + 1) * blockSize] != dev.bytes[$0 * blockSize..<($0 + 1) * blockSize]
                    }
                    XCTFail("seed \(seed): images differ after ops \(last)..<\(i) in blocks \(blocks)")
                    for s in (snap + 1)...(snap + 1 + count / 50) {
                        try? FileManager.default.removeItem(at: URL(fileURLWithPath: "\(prefix)\(s).img"))
                    }
                    return
                }
                snap += 1
                last = i
                continue
            }
            do {
                try Self.apply(fs, line)
            } catch {
                XCTFail("seed \(seed): `\(line)` failed with \(error)")
                return
            }
        }
        // and the contents are what the operations should have produced
        for (path, data) in model.files {
            let f = try fs.open(path, mode: OpenMode(read: true))
            var buf = [UInt8](repeating: 0, count: data.count + 10)
            var got = 0
            while true {
                let n = try buf[got...].withUnsafeMutableBytes { try f.read(into: $0) }
                if n == 0 { break }
                got += n
            }
            try f.close()
            XCTAssertTrue(Array(buf[0..<got]) == data, "content of \(path)")
        }
        for d in model.dirs { XCTAssertEqual(try fs.stat(d).type, .directory) }
    }

    func testRandomOperationsMatchReference() throws {
        try runDifferential(seed: 11, count: 400, blockSize: 512, blockCount: 512)
        try runDifferential(seed: 12, count: 300, blockSize: 4096, blockCount: 128)
    }
}
