import Foundation
import XCTest
@testable import Storage

/// File-handle semantics beyond MicroPython's tests: several handles, seek/truncate,
/// sparse writes, throughput.
final class LittleFS2FileTests: XCTestCase {
    func makeFS(blockSize: Int = 4096, blockCount: Int = 256) throws -> (MemoryBlockDevice, LittleFS2) {
        let dev = MemoryBlockDevice(blockSize: blockSize, blockCount: blockCount, norFlash: true)
        try LittleFS2.format(dev)
        return (dev, try LittleFS2(mounting: dev))
    }

    func write(_ f: any OpenFile, _ b: [UInt8]) throws {
        XCTAssertEqual(try b.withUnsafeBytes { try f.write(from: $0) }, b.count)
    }

    func read(_ f: any OpenFile, _ n: Int) throws -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: n)
        let got = try buf.withUnsafeMutableBytes { try f.read(into: $0) }
        return Array(buf[0..<got])
    }

    func contents(_ fs: LittleFS2, _ path: String) throws -> [UInt8] {
        let f = try fs.open(path, mode: OpenMode(read: true))
        defer { try? f.close() }
        var out: [UInt8] = []
        while true {
            let part = try read(f, 5000)
            if part.isEmpty { return out }
            out += part
        }
    }

    func testThroughput1MiB() throws {
        let (_, fs) = try makeFS(blockCount: 512)
        let chunk = [UInt8]((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let start = Date()
        let f = try fs.open("/big", mode: OpenMode(read: false, write: true, create: true, truncate: true))
        for _ in 0..<256 { try write(f, chunk) }
        try f.close()
        let g = try fs.open("/big", mode: OpenMode(read: true))
        var total = 0
        while true {
            let part = try read(g, 4096)
            if part.isEmpty { break }
            XCTAssertEqual(part, chunk)
            total += part.count
        }
        try g.close()
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(total, 1 << 20)
        #if DEBUG
        XCTAssertLessThan(elapsed, 5.0)
        #else
        XCTAssertLessThan(elapsed, 0.3)
        #endif
    }

    func testSeekTruncateAndSparseWrites() throws {
        let (_, fs) = try makeFS(blockSize: 512, blockCount: 64)
        let f = try fs.open("/f", mode: OpenMode(read: true, write: true, create: true))
        try write(f, Array(repeating: 1, count: 10))
        XCTAssertEqual(try f.seek(100, from: .start), 100)
        try write(f, [2, 2])
        XCTAssertEqual(try f.size(), 102)
        XCTAssertEqual(try f.seek(0, from: .start), 0)
        XCTAssertEqual(try read(f, 200), Array(repeating: 1, count: 10) + Array(repeating: 0, count: 90) + [2, 2])
        // grow past inline size, then shrink back below it
        try f.truncate(to: 3000)
        XCTAssertEqual(try f.size(), 3000)
        try f.sync()
        XCTAssertEqual(try fs.stat("/f").size, 3000)
        try f.truncate(to: 1500)
        try f.sync()
        XCTAssertEqual(try fs.stat("/f").size, 1500)
        try f.truncate(to: 5)
        try f.close()
        XCTAssertEqual(try contents(fs, "/f"), [1, 1, 1, 1, 1])
        XCTAssertEqual(errno { _ = try fs.open("/f", mode: OpenMode(read: true)).seek(-1, from: .start) }, 22)

        // overwrite in the middle of a multi-block file keeps the rest
        var big = (0..<5000).map { UInt8(truncatingIfNeeded: $0) }
        let g = try fs.open("/g", mode: OpenMode(read: false, write: true, create: true))
        try write(g, big)
        try g.close()
        let h = try fs.open("/g", mode: OpenMode(read: true, write: true))
        _ = try h.seek(1000, from: .start)
        try write(h, Array(repeating: 0xAA, count: 700))
        try h.close()
        for i in 1000..<1700 { big[i] = 0xAA }
        XCTAssertEqual(try contents(fs, "/g"), big)
        let remounted = try LittleFS2(mounting: fs.device)
        XCTAssertEqual(try contents(remounted, "/g"), big)
    }

    func testSeveralHandlesOnOneDirectory() throws {
        let (_, fs) = try makeFS(blockSize: 512, blockCount: 128)
        // many open files in one directory while entries are created and removed around them
        var handles: [(String, any OpenFile, [UInt8])] = []
        for i in 0..<12 {
            let name = "/h\(i)"
            let f = try fs.open(name, mode: OpenMode(read: true, write: true, create: true))
            let data = (0..<(i * 97)).map { UInt8(truncatingIfNeeded: $0 + i) }
            try write(f, data)
            handles.append((name, f, data))
            if i % 3 == 0 { try fs.makeDirectory("/d\(i)") }
            if i % 4 == 1 { try fs.remove("/h\(i - 1)"); try handles[i - 1].1.close(); handles[i - 1].2 = [] }
        }
        for (name, f, data) in handles where !data.isEmpty {
            try f.sync()
            _ = try f.seek(0, from: .start)
            XCTAssertEqual(try read(f, 5000), data, name)
            try f.close()
            XCTAssertEqual(try contents(fs, name), data, name)
        }
        // a file opened twice: the second handle sees what the first committed once reopened
        let a = try fs.open("/twice", mode: OpenMode(read: false, write: true, create: true))
        try write(a, [1, 2, 3])
        try a.close()
        let r = try fs.open("/twice", mode: OpenMode(read: true))
        let w = try fs.open("/twice", mode: OpenMode(read: false, write: true, append: true))
        try write(w, [4])
        try w.close()
        XCTAssertEqual(try read(r, 10), [1, 2, 3])
        try r.close()
        XCTAssertEqual(try contents(fs, "/twice"), [1, 2, 3, 4])
        // listing while files are removed
        let it = try fs.listDirectory("/")
        var names: [String] = []
        while let e = try it.next() {
            names.append(e.name)
            if e.name.hasPrefix("h") { try fs.remove("/" + e.name) }
        }
        XCTAssertEqual(Set(names).count, names.count, "an entry was listed twice")
        let left = try fs.listDirectory("/")
        while let e = try left.next() { XCTAssertFalse(e.name.hasPrefix("h"), e.name) }
    }

    func testFullDevice() throws {
        let (_, fs) = try makeFS(blockSize: 512, blockCount: 32)
        let f = try fs.open("/fill", mode: OpenMode(read: false, write: true, create: true))
        var wrote = 0
        let chunk = [UInt8](repeating: 0x55, count: 256)
        XCTAssertEqual(errno {
            while true { _ = try chunk.withUnsafeBytes { try f.write(from: $0) }; wrote += 256 }
        }, 28)
        try? f.close()
        XCTAssertGreaterThan(wrote, 10 * 256)
        // still mountable and usable after running out of space
        let again = try LittleFS2(mounting: fs.device)
        try again.remove("/fill")
        try again.makeDirectory("/ok")
        XCTAssertEqual(try again.stat("/ok").type, .directory)
    }

    func testNamesAndRoot() throws {
        let (_, fs) = try makeFS(blockSize: 512, blockCount: 32)
        try fs.makeDirectory("/ünï")
        let f = try fs.open("/ünï/𝄞.txt", mode: OpenMode(read: false, write: true, create: true))
        try f.close()
        XCTAssertEqual(try fs.stat("/ünï/𝄞.txt").name, "𝄞.txt")
        XCTAssertEqual(try fs.stat("/").type, .directory)
        XCTAssertEqual(errno { try fs.makeDirectory("/") }, 17)
        XCTAssertEqual(errno { _ = try fs.open("/", mode: OpenMode(read: true)) }, 21)
        let long = "/" + String(repeating: "a", count: 255)
        try fs.open(long, mode: OpenMode(read: false, write: true, create: true)).close()
        XCTAssertEqual(errno { _ = try fs.open(long + "b", mode: OpenMode(read: false, write: true, create: true)) }, 36)
        XCTAssertEqual(try fs.statistics().nameMax, 255)
    }
}

final class LittleFS2DirectoryIterationTests: XCTestCase {
    /// Entries that exist for the whole listing are listed exactly once, even while
    /// other entries are removed and created (in a directory spanning several pairs).
    func testListingWhileChangingSplitDirectory() throws {
        let dev = MemoryBlockDevice(blockSize: 512, blockCount: 256, norFlash: true)
        try LittleFS2.format(dev)
        let fs = try LittleFS2(mounting: dev)
        try fs.makeDirectory("/d")
        var all = Set<String>()
        for i in 0..<80 {
            let name = "entry_with_a_long_name_\(i * 7919 % 1000)"
            try fs.open("/d/" + name, mode: OpenMode(read: false, write: true, create: true)).close()
            all.insert(name)
        }
        var rng = SplitMix(seed: 5)
        var touched = Set<String>()
        var seen: [String: Int] = [:]
        let it = try fs.listDirectory("/d")
        var step = 0
        while let e = try it.next() {
            seen[e.name, default: 0] += 1
            step += 1
            if step % 3 == 0 {
                // remove this one, another one, and create a new one
                try fs.remove("/d/" + e.name)
                touched.insert(e.name)
                let victim = all.subtracting(touched).sorted()[rng.below(all.subtracting(touched).count)]
                try fs.remove("/d/" + victim)
                touched.insert(victim)
                let fresh = "new_\(step)_" + String(repeating: "x", count: rng.below(20))
                try fs.makeDirectory("/d/" + fresh)
                touched.insert(fresh)
            }
        }
        for name in all.subtracting(touched) {
            XCTAssertEqual(seen[name], 1, name)
        }
        for (name, n) in seen { XCTAssertLessThanOrEqual(n, 1, name) }
    }
}
