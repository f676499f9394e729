import Foundation
import XCTest
@testable import Storage

/// Simulated power loss: one operation is cut off at a random write or erase (that
/// program/erase and everything after it never happens); after remounting, the
/// filesystem must mount and show either the state before or after the operation.
final class LittleFS2PowerLossTests: XCTestCase {
    struct PowerCut: Error {}

    /// A tree: path -> nil for a directory, contents for a file.
    typealias Tree = [String: [UInt8]?]

    static func data(_ rng: inout SplitMix, _ size: Int) -> [UInt8] {
        let base = UInt8(truncatingIfNeeded: rng.next())
        return (0..<size).map { UInt8(truncatingIfNeeded: Int(base) &+ $0 &* 37 &+ ($0 >> 7)) }
    }

    static func writeFile(_ fs: LittleFS2, _ path: String, _ bytes: [UInt8], append: Bool = false) throws {
        let mode = append ? OpenMode(read: false, write: true, create: true, append: true)
                          : OpenMode(read: false, write: true, create: true, truncate: true)
        let f = try fs.open(path, mode: mode)
        f.mtime = 1_234_567_890
        var i = 0
        while i < bytes.count {
            let n = min(700, bytes.count - i)
            _ = try bytes[i..<i + n].withUnsafeBytes { try f.write(from: $0) }
            i += n
        }
        try f.close()
    }

    static func readTree(_ fs: LittleFS2) throws -> Tree {
        var tree: Tree = [:]
        func walk(_ dir: String) throws {
            let it = try fs.listDirectory(dir)
            while let e = try it.next() {
                let path = (dir == "/" ? "" : dir) + "/" + e.name
                if e.type == .directory {
                    tree[path] = .some(nil)
                    try walk(path)
                } else {
                    let f = try fs.open(path, mode: OpenMode(read: true))
                    var buf = [UInt8](repeating: 0, count: e.size + 16)
                    var got = 0
                    while true {
                        let n = try buf[got...].withUnsafeMutableBytes { try f.read(into: $0) }
                        if n == 0 { break }
                        got += n
                    }
                    try f.close()
                    tree[path] = .some(Array(buf[0..<got]))
                }
            }
        }
        try walk("/")
        return tree
    }

    /// One random operation; returns the tree after it and any intermediate tree that
    /// an interrupted operation may legitimately leave.
    static func randomOperation(_ rng: inout SplitMix, _ tree: Tree) -> (String, (LittleFS2) throws -> Void, Tree, [Tree]) {
        let files = tree.filter { $0.value != nil }.keys.sorted()
        let dirs = ["/"] + tree.filter { $0.value == nil }.keys.sorted()
        let emptyDirs = dirs.filter { d in d != "/" && !tree.keys.contains { $0.hasPrefix(d + "/") } }
        func freshName(_ dir: String) -> String {
            (dir == "/" ? "" : dir) + "/n\(rng.below(100000))"
        }
        var new = tree
        switch rng.below(7) {
        case 0 where !files.isEmpty:
            // rename a file, sometimes over another file
            let from = files[rng.below(files.count)]
            let to = rng.below(3) == 0 ? files[rng.below(files.count)] : freshName(dirs[rng.below(dirs.count)])
            if from == to { fallthrough }
            new[to] = new[from]
            new[from] = nil
            return ("rename \(from) \(to)", { try $0.rename(from, to) }, new, [])
        case 1 where !files.isEmpty:
            let path = files[rng.below(files.count)]
            let bytes = data(&rng, [0, 10, 60, 100, 300, 1500, 5000][rng.below(7)])
            new[path] = .some(bytes)
            return ("overwrite \(path) \(bytes.count)", { try writeFile($0, path, bytes) }, new, [])
        case 2 where !files.isEmpty:
            let path = files[rng.below(files.count)]
            let bytes = data(&rng, [1, 50, 200, 2000][rng.below(4)])
            new[path] = .some((tree[path]!! ) + bytes)
            return ("append \(path) \(bytes.count)", { try writeFile($0, path, bytes, append: true) }, new, [])
        case 3:
            let path = freshName(dirs[rng.below(dirs.count)])
            new[path] = .some(nil)
            return ("mkdir \(path)", { try $0.makeDirectory(path) }, new, [])
        case 4 where !files.isEmpty:
            let path = files[rng.below(files.count)]
            new[path] = nil
            return ("remove \(path)", { try $0.remove(path) }, new, [])
        case 5 where !emptyDirs.isEmpty:
            let path = emptyDirs[rng.below(emptyDirs.count)]
            new[path] = nil
            return ("rmdir \(path)", { try $0.removeDirectory(path) }, new, [])
        default:
            let path = freshName(dirs[rng.below(dirs.count)])
            let bytes = data(&rng, [0, 30, 64, 65, 400, 3000][rng.below(6)])
            new[path] = .some(bytes)
            var partial = tree
            partial[path] = .some([])
            return ("create \(path) \(bytes.count)", { try writeFile($0, path, bytes) }, new, [partial])
        }
    }

    /// Builds a starting filesystem with some history (so metadata is compacted/split).
    static func baseImage(seed: UInt64, blockSize: Int, blockCount: Int, config: LittleFS2.Configuration) throws -> ([UInt8], Tree) {
        var rng = SplitMix(seed: seed)
        let dev = MemoryBlockDevice(blockSize: blockSize, blockCount: blockCount, norFlash: true)
        try LittleFS2.format(dev, configuration: config)
        let fs = try LittleFS2(mounting: dev, configuration: config)
        try fs.makeDirectory("/a")
        try fs.makeDirectory("/a/b")
        try fs.makeDirectory("/c")
        for i in 0..<12 {
            let dir = ["/", "/a", "/a/b", "/c"][i % 4]
            try writeFile(fs, (dir == "/" ? "" : dir) + "/f\(i)", data(&rng, [0, 20, 64, 100, 700, 2500][i % 6]))
        }
        var tree = try readTree(fs)
        for _ in 0..<40 {
            let (_, op, new, _) = randomOperation(&rng, tree)
            try op(fs)
            tree = new
        }
        XCTAssertEqual(try readTree(fs), tree)
        return (dev.bytes, tree)
    }

    func run(runs: Int, seed: UInt64, blockSize: Int, blockCount: Int,
             config: LittleFS2.Configuration = .init()) throws {
        let (image, tree) = try Self.baseImage(seed: seed, blockSize: blockSize, blockCount: blockCount, config: config)
        var rng = SplitMix(seed: seed &* 7 &+ 1)
        for run in 0..<runs {
            let (name, op, after, partials) = Self.randomOperation(&rng, tree)

            // count the mutations the operation makes when it runs to completion
            let probe = MemoryBlockDevice(blockSize: blockSize, bytes: image, norFlash: true)
            try op(try LittleFS2(mounting: probe, configuration: config))
            let total = probe.writes + probe.erases
            if run % 8 == 0 {
                XCTAssertEqual(try Self.readTree(try LittleFS2(mounting: probe, configuration: config)), after, name)
            }

            // now cut the power at a random one of them
            let dev = MemoryBlockDevice(blockSize: blockSize, bytes: image, norFlash: true)
            let fs = try LittleFS2(mounting: dev, configuration: config)
            let cut = total == 0 ? 0 : rng.below(total)
            var count = 0
            dev.beforeMutation = { _, _ throws(StorageError) in
                if count >= cut { throw StorageError(errno: 5) }
                count += 1
            }
            XCTAssertThrowsError(try op(fs), "\(name) should have been cut at \(cut) of \(total)")
            dev.beforeMutation = nil

            let context = "run \(run) (seed \(seed)): \(name), cut at \(cut) of \(total)"
            let remounted: LittleFS2
            do {
                remounted = try LittleFS2(mounting: dev, configuration: config)
            } catch {
                XCTFail("\(context): remount failed with \(error)")
                continue
            }
            let found: Tree
            do {
                found = try Self.readTree(remounted)
            } catch {
                XCTFail("\(context): reading failed with \(error)")
                continue
            }
            if found != tree && found != after && !partials.contains(found) {
                let changed = Set(found.keys).symmetricDifference(tree.keys).union(
                    found.keys.filter { tree[$0] != nil && found[$0]! != tree[$0]! })
                XCTFail("\(context): unexpected state; differs from before in \(changed.sorted())")
                if let dump = ProcessInfo.processInfo.environment["LFS2_DUMP"] {
                    try? Data(dev.bytes).write(to: URL(fileURLWithPath: dump))
                }
                continue
            }
            // and it is still usable
            do {
                try Self.writeFile(remounted, "/after", [1, 2, 3])
                try remounted.makeDirectory("/afterdir")
                XCTAssertEqual(try remounted.stat("/after").size, 3, context)
                if run % 8 == 0 {
                    var expect = found
                    expect["/after"] = .some([1, 2, 3])
                    expect["/afterdir"] = .some(nil)
                    XCTAssertEqual(try Self.readTree(try LittleFS2(mounting: dev, configuration: config)), expect, context)
                }
            } catch {
                XCTFail("\(context): writing after remount failed with \(error)")
            }
        }
    }

    func testPowerLossSmallBlocks() throws {
        for seed in UInt64(1)...3 {
            try run(runs: 110, seed: seed, blockSize: 512, blockCount: 96)
        }
    }

    /// Metadata pairs are relocated every few compactions, so cuts land in the middle of
    /// relocations (half-orphaned pairs that the next mount must repair).
    func testPowerLossWhileRelocating() throws {
        for seed in UInt64(4)...5 {
            try run(runs: 60, seed: seed, blockSize: 512, blockCount: 96, config: .init(blockCycles: 1))
        }
    }

    func testPowerLossESP8266Blocks() throws {
        try run(runs: 60, seed: 99, blockSize: 4096, blockCount: 32)
    }
}
