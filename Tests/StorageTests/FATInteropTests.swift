import Foundation
import XCTest
@testable import Storage

/// A block device over an image file (read and written in place, so large sparse images work).
final class FileBlockDevice: BlockDevice {
    let blockSize: Int
    let blockCount: Int
    let fd: Int32

    init(path: String, blockSize: Int) throws {
        fd = Foundation.open(path, O_RDWR)
        guard fd >= 0 else { throw StorageError.io }
        let size = lseek(fd, 0, SEEK_END)
        self.blockSize = blockSize
        blockCount = Int(size) / blockSize
    }

    deinit { Foundation.close(fd) }

    func read(block: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        guard block >= 0, offset >= 0, block * blockSize + offset + buffer.count <= blockSize * blockCount else { throw .io }
        guard buffer.count > 0 else { return }
        let n = pread(fd, buffer.baseAddress, buffer.count, off_t(block * blockSize + offset))
        guard n == buffer.count else { throw .io }
    }

    func write(block: Int, offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        guard block >= 0, offset >= 0, block * blockSize + offset + buffer.count <= blockSize * blockCount else { throw .io }
        guard buffer.count > 0 else { return }
        let n = pwrite(fd, buffer.baseAddress, buffer.count, off_t(block * blockSize + offset))
        guard n == buffer.count else { throw .io }
    }

    func erase(block: Int) throws(StorageError) {}
    func sync() throws(StorageError) {}
}

/// Our volumes checked by dosfstools and read by mtools, and theirs read by us.
/// These fail (not skip) when the tools are missing: the test command installs them.
final class FATInteropTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("fat-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    struct ToolMissing: Error { let name: String }

    func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"]
        for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
        XCTFail("\(name) is not installed (needs dosfstools and mtools)")
        throw ToolMissing(name: name)
    }

    /// Runs a tool; returns exit status, standard output and standard error.
    func run(_ name: String, _ args: [String]) throws -> (Int32, Data, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try tool(name))
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["MTOOLS_SKIP_CHECK"] = "1"
        env["LC_ALL"] = "C"
        p.environment = env
        let out = dir.appendingPathComponent("out-\(UUID().uuidString)")
        let err = dir.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let oh = try FileHandle(forWritingTo: out), eh = try FileHandle(forWritingTo: err)
        p.standardOutput = oh
        p.standardError = eh
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try oh.close(); try eh.close()
        let o = try Data(contentsOf: out), e = try String(contentsOf: err, encoding: .utf8)
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return (p.terminationStatus, o, e)
    }

    /// fsck.fat -n must find nothing to report.
    func fsck(_ image: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (status, out, err) = try run("fsck.fat", ["-n", image])
        let text = String(decoding: out, as: UTF8.self) + err
        XCTAssertEqual(status, 0, text, file: file, line: line)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("fsck.fat ") && !$0.contains(" files, ") }
        XCTAssertEqual(lines, [], text, file: file, line: line)
    }

    func content(_ size: Int, _ seed: Int) -> [UInt8] {
        var x = UInt32(truncatingIfNeeded: seed &* 2654435761 &+ 1)
        return (0..<size).map { _ in x = x &* 1103515245 &+ 12345; return UInt8(truncatingIfNeeded: x >> 16) }
    }

    let dirs = ["/docs", "/docs/Nested Directory With A Long Name", "/docs/Nested Directory With A Long Name/deeper",
                "/DATA", "/data two"]
    var files: [(String, Int)] {
        var f: [(String, Int)] = [
            ("/empty.txt", 0), ("/one", 1), ("/README.TXT", 511), ("/sector.bin", 512), ("/Mixed Case Name.Data", 513),
            ("/docs/a.txt", 4095), ("/docs/b.txt", 4096), ("/docs/c.txt", 4097),
            ("/docs/Nested Directory With A Long Name/a file with a rather long name indeed.bin", 65536),
            ("/docs/Nested Directory With A Long Name/deeper/big.bin", 200 * 1024),
            ("/DATA/x.y", 200 * 1024 - 1), ("/data two/file.with.many.dots.txt", 12345),
        ]
        for i in 0..<40 { f.append(("/DATA/entry number \(i).dat", i * 37)) }   // grows the directory past a cluster
        return f
    }

    func writeTree(_ fs: FATFileSystem) throws {
        for d in dirs { try fs.makeDirectory(d) }
        for (i, (path, size)) in files.enumerated() { try fs.writeFile(path, content(size, i)) }
        // churn: delete and rewrite some, so freed slots and clusters are reused
        try fs.remove("/DATA/entry number 3.dat")
        try fs.remove("/docs/b.txt")
        try fs.writeFile("/docs/b.txt", content(4096, 6))
        try fs.writeFile("/DATA/entry number 3.dat", content(3 * 37, 15))
        try fs.sync()
    }

    func checkWithTools(_ image: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try fsck(image, file: file, line: line)
        let (status, listing, err) = try run("mdir", ["-i", image, "-/", "-b", "::/"])
        XCTAssertEqual(status, 0, err, file: file, line: line)
        let listed = Set(String(decoding: listing, as: UTF8.self).split(separator: "\n").map { String($0) })
        for (i, (path, size)) in files.enumerated() {
            XCTAssertTrue(listed.contains("::" + path), "mdir lacks \(path)", file: file, line: line)
            let (st, data, e) = try run("mcopy", ["-n", "-i", image, "::" + path, "-"])
            XCTAssertEqual(st, 0, e, file: file, line: line)
            XCTAssertTrue(Array(data) == content(size, i), "mcopy of \(path): \(data.count) bytes", file: file, line: line)
        }
    }

    /// Formats a volume with our formatter, writes the tree, stores the volume (without any
    /// partition table, which the tools cannot skip) as an image file and checks it with the tools.
    func ours(sectors: Int, sectorSize: Int, bits: Int) throws {
        let mem = SparseBlockDevice(blockSize: sectorSize, blockCount: sectors)
        try FATFileSystem.format(mem, clock: { 1_700_000_000_000_000_000 })
        let fs = try FATFileSystem(mounting: mem, clock: { 1_700_000_000_000_000_000 })
        XCTAssertEqual(fs.fatBits, bits)
        try writeTree(fs)
        // a partitioned volume (FAT32 from VfsFat.mkfs) starts at sector 63
        let start = FATGeometry.classify(mem.blocks[0] ?? []) == 0 ? 0 : 63
        let image = dir.appendingPathComponent("ours-\(sectors)-\(sectorSize).img").path
        _ = FileManager.default.createFile(atPath: image, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: image))
        try h.truncate(atOffset: UInt64((sectors - start) * sectorSize))
        for (b, data) in mem.blocks where b >= start {
            try h.seek(toOffset: UInt64((b - start) * sectorSize))
            try h.write(contentsOf: Data(data))
        }
        try h.close()
        try checkWithTools(image)
        // and our own reading of the image after a fresh mount
        let again = try FATFileSystem(mounting: try FileBlockDevice(path: image, blockSize: sectorSize))
        for (i, (path, size)) in files.enumerated() { XCTAssertTrue(try again.readFile(path) == content(size, i), path) }
    }

    func testOursFAT12() throws { try ours(sectors: 2048, sectorSize: 512, bits: 12) }
    func testOursFAT12Sector4096() throws { try ours(sectors: 512, sectorSize: 4096, bits: 12) }
    func testOursFAT16() throws { try ours(sectors: 32768, sectorSize: 512, bits: 16) }
    func testOursFAT16Sector4096() throws { try ours(sectors: 8192, sectorSize: 4096, bits: 16) }
    func testOursFAT32() throws { try ours(sectors: 4 * 1024 * 1024 * 2, sectorSize: 512, bits: 32) }   // 4 GiB, sparse

    /// Makes an image with mkfs.fat or mformat, fills it with mcopy, reads it with ours,
    /// then adds to it with ours and checks with the tools again.
    func theirs(maker: String, sizeKiB: Int, sectorSize: Int, bits: Int) throws {
        let image = dir.appendingPathComponent("theirs-\(maker)-\(bits)-\(sectorSize).img").path
        if maker == "mkfs.fat" {
            var args = ["-C", "-S", "\(sectorSize)", "-F", "\(bits)"]
            if bits == 32 { args += ["-s", "1"] }
            let (st, _, e) = try run("mkfs.fat", args + [image, "\(sizeKiB)"])
            XCTAssertEqual(st, 0, e)
        } else {
            _ = FileManager.default.createFile(atPath: image, contents: nil)
            let h = try FileHandle(forWritingTo: URL(fileURLWithPath: image))
            try h.truncate(atOffset: UInt64(sizeKiB * 1024))
            try h.close()
            let (st, _, e) = try run("mformat", ["-i", image] + (bits == 32 ? ["-F"] : []) + ["-T", "\(sizeKiB * 2)", "-h", "16", "-s", "32", "::"])
            XCTAssertEqual(st, 0, e)
        }
        for d in dirs {
            let (st, _, e) = try run("mmd", ["-i", image, "::" + d])
            XCTAssertEqual(st, 0, e)
        }
        for (i, (path, size)) in files.enumerated() {
            let local = dir.appendingPathComponent("src-\(i)")
            try Data(content(size, i)).write(to: local)
            let (st, _, e) = try run("mcopy", ["-i", image, local.path, "::" + path])
            XCTAssertEqual(st, 0, e)
        }
        let dev = try FileBlockDevice(path: image, blockSize: sectorSize)
        let fs = try FATFileSystem(mounting: dev, clock: { 1_700_000_000_000_000_000 })
        XCTAssertEqual(fs.fatBits, bits)
        for (i, (path, size)) in files.enumerated() {
            XCTAssertTrue(try fs.readFile(path) == content(size, i), path)
            XCTAssertEqual(try fs.stat(path).size, size)
        }
        XCTAssertEqual(Set(try fs.names("/docs")), ["a.txt", "b.txt", "c.txt", "Nested Directory With A Long Name"])
        // now change it with ours: the tools must still be happy
        try fs.remove("/docs/a.txt")
        try fs.writeFile("/docs/a.txt", content(4095, 5))
        try fs.makeDirectory("/made by us")
        try fs.writeFile("/made by us/some file.bin", content(70000, 99))
        try fs.rename("/one", "/made by us/one moved")
        try fs.writeFile("/one", content(1, 1))
        try fs.sync()
        try checkWithTools(image)
        let (st, data, e) = try run("mcopy", ["-n", "-i", image, "::/made by us/some file.bin", "-"])
        XCTAssertEqual(st, 0, e)
        XCTAssertTrue(Array(data) == content(70000, 99))
        let stats = try fs.statistics()
        let (_, fsckOut, _) = try run("fsck.fat", ["-n", image])
        let summary = String(decoding: fsckOut, as: UTF8.self)
        XCTAssertTrue(summary.contains("/\(stats.blockCount) clusters"), summary)
        XCTAssertTrue(summary.contains(" \(stats.blockCount - stats.freeBlocks)/"), "\(summary) vs \(stats)")
    }

    func testTheirsFAT12() throws { try theirs(maker: "mkfs.fat", sizeKiB: 1440, sectorSize: 512, bits: 12) }
    func testTheirsFAT16() throws { try theirs(maker: "mkfs.fat", sizeKiB: 16384, sectorSize: 512, bits: 16) }
    func testTheirsFAT32() throws { try theirs(maker: "mkfs.fat", sizeKiB: 65536, sectorSize: 512, bits: 32) }
    func testTheirsFAT16Sector4096() throws { try theirs(maker: "mkfs.fat", sizeKiB: 65536, sectorSize: 4096, bits: 16) }
    func testTheirsFAT32Sector4096() throws { try theirs(maker: "mkfs.fat", sizeKiB: 524288, sectorSize: 4096, bits: 32) }
    func testTheirsMformatFAT16() throws { try theirs(maker: "mformat", sizeKiB: 32768, sectorSize: 512, bits: 16) }
    func testTheirsMformatFAT32() throws { try theirs(maker: "mformat", sizeKiB: 65536, sectorSize: 512, bits: 32) }
    func testTheirsMformatFAT12() throws { try theirs(maker: "mformat", sizeKiB: 2048, sectorSize: 512, bits: 12) }
}
