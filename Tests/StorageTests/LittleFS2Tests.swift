import XCTest
@testable import Storage

/// The VfsLfs2 scenarios of MicroPython's tests/extmod/vfs_lfs*.py, with their expected
/// outputs (block counts, listing order, errno values).
final class LittleFS2Tests: XCTestCase {
    func ramDevice(_ blocks: Int = 30) -> MemoryBlockDevice {
        MemoryBlockDevice(blockSize: 1024, blockCount: blocks)
    }

    // vfs_lfs.py
    func testVfsLfsScenario() throws {
        try vfsLfsScenario(ramDevice())
    }

    /// MicroPython's test device: erase does nothing and writes overwrite, over a
    /// bytearray that starts zeroed (then holds whatever the previous test left).
    func testVfsLfsScenarioOnDeviceWithoutErase() throws {
        let mem = ramDevice()
        let dev = FailingBlockDevice(mem)
        dev.eraseIsNoop = true
        try vfsLfsScenario(dev)
        // and again over the leftovers of the first run
        try vfsLfsScenario(dev)
        for i in mem.bytes.indices { mem.bytes[i] = UInt8(truncatingIfNeeded: i &* 7 &+ (i >> 10)) }
        try vfsLfsScenario(dev)
    }

    func vfsLfsScenario(_ dev: any BlockDevice) throws {
        try LittleFS2.format(dev)
        var v = MPVfs(try LittleFS2(mounting: dev))
        XCTAssertEqual(try v.free(), 28)
        try v.writeFile("/test", "littlefs")
        XCTAssertEqual(try v.free(), 28)
        XCTAssertEqual(try v.list("/"), ["test:f:8"])
        try v.fs.makeDirectory("/testdir")
        XCTAssertEqual(try v.list("/"), ["testdir:d:0", "test:f:8"])
        XCTAssertEqual(try v.list("/testdir"), [])
        try v.fs.removeDirectory("/testdir")
        XCTAssertEqual(try v.list("/"), ["test:f:8"])
        try v.fs.makeDirectory("/testdir")
        XCTAssertEqual(try v.fs.stat("/test").size, 8)
        XCTAssertEqual(try v.fs.stat("/test").type, .file)
        XCTAssertEqual(try v.fs.stat("/testdir").type, .directory)
        XCTAssertEqual(try v.readFile("/test"), "littlefs")

        let f = try v.open("/testbig", "w")
        let data = String(repeating: "large012", count: 32 * 16)
        XCTAssertEqual(data.utf8.count, 4096)
        for _ in 0..<4 { try v.write(f, data) }
        try f.close()
        XCTAssertEqual(try v.free(), 7)

        try v.fs.rename("/testbig", "/testbig2")
        XCTAssertEqual(try v.list("/").sorted(), ["test:f:8", "testbig2:f:16384", "testdir:d:0"])
        try v.fs.rename("/testbig2", "/testdir/testbig2")
        XCTAssertEqual(try v.list("/testdir"), ["testbig2:f:16384"])
        try v.fs.rename("/testdir/testbig2", "/testbig2")
        XCTAssertEqual(try v.list("/").sorted(), ["test:f:8", "testbig2:f:16384", "testdir:d:0"])
        try v.fs.remove("/testbig2")
        XCTAssertEqual(try v.list("/").sorted(), ["test:f:8", "testdir:d:0"])

        try v.fs.makeDirectory("/testdir2")
        try v.fs.makeDirectory("/testdir/subdir")
        try v.open("/testdir/test2", "w").close()
        XCTAssertEqual(try v.fs.stat("/testdir/test2").size, 0)
        try v.fs.remove("/testdir/test2")
        try v.fs.removeDirectory("/testdir/subdir")
        try v.fs.removeDirectory("/testdir")
        try v.fs.removeDirectory("/testdir2")
        XCTAssertEqual(try v.list("/"), ["test:f:8"])
        XCTAssertEqual(try v.readFile("/test"), "littlefs")

        // and it all survives a remount
        let v2 = MPVfs(try LittleFS2(mounting: dev))
        XCTAssertEqual(try v2.list("/"), ["test:f:8"])
        XCTAssertEqual(try v2.free(), 28)
    }

    // vfs_lfs_error.py
    func testVfsLfsErrors() throws {
        XCTAssertNotNil(errno { try LittleFS2.format(self.ramDevice(1)) })
        let dev = ramDevice()
        XCTAssertNotNil(errno { _ = try LittleFS2(mounting: dev) })
        try LittleFS2.format(dev)
        var v = MPVfs(try LittleFS2(mounting: dev))
        try v.writeFile("/testfile", "test")
        try v.fs.makeDirectory("/testdir")
        XCTAssertEqual(errno { _ = try v.fs.listDirectory("/noexist") }, 2)
        XCTAssertEqual(errno { try v.fs.remove("/noexist") }, 2)
        XCTAssertEqual(errno { try v.fs.removeDirectory("/noexist") }, 2)
        XCTAssertEqual(errno { try v.fs.rename("/noexist", "/somethingelse") }, 2)
        XCTAssertEqual(errno { try v.fs.makeDirectory("/testdir") }, 17)
        XCTAssertEqual(errno { _ = try v.fs.stat("/noexist") }, 2)
        XCTAssertEqual(errno { _ = try v.fs.listDirectory("/testfile") }, 20)
        let f = try v.open("/testfile", "r")
        XCTAssertEqual(try f.seek(1 << 30, from: .start), 1 << 30)
        XCTAssertEqual(errno { _ = try f.seek(1 << 30, from: .current) }, 22)
        try f.close()
        // more errno values
        XCTAssertEqual(errno { _ = try v.fs.open("/testdir", mode: OpenMode(read: true)) }, 21)
        XCTAssertEqual(errno { _ = try v.fs.open("/testfile/x", mode: OpenMode(read: false, write: true, create: true)) }, 20)
        XCTAssertEqual(errno { _ = try v.fs.open("/nodir/x", mode: OpenMode(read: false, write: true, create: true)) }, 2)
        XCTAssertEqual(errno { _ = try v.fs.open("/testfile", mode: MPVfs.mode("x")) }, 17)
        try v.writeFile("/testdir/inner", "x")
        XCTAssertEqual(errno { try v.fs.removeDirectory("/testdir") }, 39)
        XCTAssertEqual(errno { try v.fs.rename("/testfile", "/testdir") }, 21)
        XCTAssertEqual(errno { try v.fs.rename("/testdir", "/testfile") }, 20)
        XCTAssertEqual(errno { try v.fs.makeDirectory("/" + String(repeating: "n", count: 256)) }, 36)
        XCTAssertEqual(errno { try v.fs.remove("/") }, 22)
        XCTAssertEqual(errno { try v.fs.rename("/testdir", "/testdir/sub") }, 22)
        let closed = try v.open("/testfile", "r")
        try closed.close()
        XCTAssertEqual(errno { _ = try closed.read(into: UnsafeMutableRawBufferPointer(start: nil, count: 0)) }, 9)
    }

    // vfs_lfs_file.py
    func testVfsLfsFile() throws {
        let dev = ramDevice()
        try LittleFS2.format(dev)
        var v = MPVfs(try LittleFS2(mounting: dev))
        try v.writeFile("/test.txt", "littlefs")
        let b = try v.open("/test.bin", "wb")
        try v.write(b, "littlefs")
        try b.sync()
        try b.close()
        try b.close()
        let a = try v.open("/test.bin", "ab")
        try v.write(a, "more")
        try a.close()
        try v.open("/test2.bin", "xb").close()
        XCTAssertEqual(errno { _ = try v.open("/test2.bin", "x") }, 17)
        XCTAssertEqual(try v.readFile("/test.txt"), "littlefs")
        XCTAssertEqual(try v.readFile("/test.bin"), "littlefsmore")
        let rw = try v.open("/test.bin", "r+b")
        var buf = [UInt8](repeating: 0, count: 8)
        XCTAssertEqual(try buf.withUnsafeMutableBytes { try rw.read(into: $0) }, 8)
        XCTAssertEqual(String(decoding: buf, as: UTF8.self), "littlefs")
        try v.write(rw, "MORE")
        try rw.close()
        XCTAssertEqual(try v.readFile("/test.bin"), "littlefsMORE")
        let s = try v.open("/test.txt", "r")
        XCTAssertEqual(s.position, 0)
        XCTAssertEqual(try s.seek(3, from: .start), 3)
        try s.close()
        XCTAssertEqual(errno { _ = try v.open("/noexist", "r") }, 2)
        let f1 = try v.open("/test.txt", "")
        let f2 = try v.open("/test.bin", "b")
        XCTAssertEqual(String(decoding: try v.readAll(f1), as: UTF8.self), "littlefs")
        XCTAssertEqual(String(decoding: try v.readAll(f2), as: UTF8.self), "littlefsMORE")
        try f1.close()
        try f2.close()
    }

    // vfs_lfs_ilistdir_del.py
    func testIlistdirDelete() throws {
        let dev = ramDevice()
        try LittleFS2.format(dev)
        var v = MPVfs(try LittleFS2(mounting: dev))
        try v.fs.makeDirectory("/test_d1")
        try v.fs.makeDirectory("/test_d2")
        try v.fs.makeDirectory("/test_d3")
        var keep: [any DirectoryIterator] = []
        for i in 0..<10 {
            let idir = try v.fs.listDirectory("/")
            XCTAssertNotNil(try idir.next())
            keep.append(idir)
            let it = try v.fs.listDirectory("/")
            let first = try XCTUnwrap(try it.next())
            try v.fs.removeDirectory("/" + first.name)
            try v.fs.makeDirectory("/" + first.name)
            keep.append(it)
            let drained = try v.fs.listDirectory("/")
            var n = 0
            while try drained.next() != nil { n += 1 }
            XCTAssertEqual(n, i == 0 ? 3 : 4)
            XCTAssertNil(try drained.next())
            try v.open("/test", "w").close()
        }
        XCTAssertEqual(Set(try v.list("/")), ["test_d1:d:0", "test_d2:d:0", "test_d3:d:0", "test:f:0"])
    }

    // vfs_lfs_mtime.py
    func testMtime() throws {
        let dev = ramDevice()
        try LittleFS2.format(dev)
        var v = MPVfs(try LittleFS2(mounting: dev))
        try v.open("/test1", "wt").close()
        try v.open("/test2", "wt").close()
        let s1 = try v.fs.stat("/test1"), s2 = try v.fs.stat("/test2")
        XCTAssertNotNil(s1.mtime)
        XCTAssertNotNil(s2.mtime)
        XCTAssertLessThan(s1.mtime!, s2.mtime!)
        try v.open("/test1", "rt").close()
        XCTAssertEqual(try v.fs.stat("/test1"), s1)
        try v.open("/test1", "wt").close()
        let s1b = try v.fs.stat("/test1")
        XCTAssertLessThan(s1.mtime!, s1b.mtime!)
        var nomtime = MPVfs(try LittleFS2(mounting: dev), mtime: false)
        XCTAssertEqual(try nomtime.fs.stat("/test1"), s1b)
        XCTAssertEqual(try nomtime.fs.stat("/test2"), s2)
        try nomtime.open("/test1", "wt").close()
        XCTAssertEqual(try nomtime.fs.stat("/test1"), s1b)
        let again = try LittleFS2(mounting: dev)
        XCTAssertEqual(try again.stat("/test1"), s1b)
        XCTAssertEqual(try again.getAttribute("/test1", type: 1)?.count, 8)
        try again.setAttribute("/test1", type: 7, value: [1, 2, 3])
        XCTAssertEqual(try again.getAttribute("/test1", type: 7), [1, 2, 3])
        try again.setAttribute("/test1", type: 7, value: nil)
        XCTAssertNil(try again.getAttribute("/test1", type: 7))
    }

    // vfs_lfs_corrupt.py
    func testCorruptDevice() throws {
        let mem = ramDevice()
        let dev = FailingBlockDevice(mem)
        func create() throws -> MPVfs {
            dev.failing = false
            try LittleFS2.format(dev)
            var v = MPVfs(try LittleFS2(mounting: dev))
            let f = try v.open("/f", "w")
            for _ in 0..<100 { try v.write(f, "test") }
            try f.close()
            return v
        }
        var v = try create()
        for block in 0..<2 {
            for i in 0..<1024 { mem.bytes[block * 1024 + i] = UInt8(i & 0xFF) }
        }
        XCTAssertNotNil(errno { _ = try v.fs.statistics() })

        v = try create()
        var f = try v.open("/f", "r")
        dev.failing = true
        XCTAssertEqual(errno { var b = [UInt8](repeating: 0, count: 10); _ = try b.withUnsafeMutableBytes { try f.read(into: $0) } }, 5)

        v = try create()
        f = try v.open("/f", "a")
        dev.failing = true
        XCTAssertEqual(errno { try v.write(f, "test") }, 5)

        v = try create()
        f = try v.open("/f", "w")
        try v.write(f, "test")
        dev.failing = true
        XCTAssertEqual(errno { try f.close() }, 5)

        v = try create()
        f = try v.open("/f", "w")
        try v.write(f, "test")
        dev.failing = true
        XCTAssertEqual(errno { try f.sync() }, 5)
        dev.failing = false
        try f.close()
    }

    // vfs_lfs_mount.py: a read-only block device (MicroPython's readonly mount) makes
    // writes fail with EROFS from the device, reading still works
    func testReadOnlyDevice() throws {
        let mem = ramDevice()
        XCTAssertEqual(errno { _ = try LittleFS2(mounting: mem) }, 84)
        try LittleFS2.format(mem)
        var v = MPVfs(try LittleFS2(mounting: mem))
        try v.fs.makeDirectory("/subdir")
        try v.writeFile("/subdir/lfsmod2.py", "print(\"hello from lfs\")\n")
        let dev = FailingBlockDevice(mem)
        dev.readOnly = true
        var ro = MPVfs(try LittleFS2(mounting: dev))
        XCTAssertEqual(try ro.readFile("/subdir/lfsmod2.py"), "print(\"hello from lfs\")\n")
        XCTAssertEqual(errno { _ = try ro.open("/test_write", "w") }, 30)
        XCTAssertEqual(errno { try ro.fs.makeDirectory("/x") }, 30)
        XCTAssertEqual(try ro.list("/"), ["subdir:d:0"])
    }

    // vfs_lfs_superblock.py: a valid image whose first superblock block is erased
    func testFirstSuperblockErased() throws {
        let dev = FailingBlockDevice(MemoryBlockDevice(blockSize: 64, bytes: Self.superblockImage))
        dev.readOnly = true
        let fs = try LittleFS2(mounting: dev)
        XCTAssertEqual(try MPVfs(fs).list("/"), [])
    }

    /// Garbage in every block must give errors, never a crash.
    func testGarbageImagesNeverTrap() throws {
        var rng = SplitMix(seed: 42)
        for round in 0..<200 {
            let dev = MemoryBlockDevice(blockSize: 512, blockCount: 16)
            try LittleFS2.format(dev)
            var v = MPVfs(try LittleFS2(mounting: dev))
            try v.fs.makeDirectory("/d")
            try v.writeFile("/d/a", String(repeating: "x", count: 3000))
            try v.writeFile("/b", "hello")
            // flip bytes
            for _ in 0..<(1 + round % 40) {
                let i = Int(rng.next() % UInt64(dev.bytes.count))
                dev.bytes[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            guard let fs = try? LittleFS2(mounting: dev) else { continue }
            var m = MPVfs(fs)
            _ = try? m.list("/")
            _ = try? m.list("/d")
            _ = try? m.readFile("/d/a")
            _ = try? m.readFile("/b")
            _ = try? fs.statistics()
            _ = try? m.writeFile("/c", String(repeating: "y", count: 700))
            _ = try? fs.remove("/b")
            _ = try? fs.rename("/d/a", "/e")
        }
    }

    static let superblockImage: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x02, 0x00, 0x00, 0x00, 0xF0, 0x0F, 0xFF, 0xF7, 0x6C, 0x69, 0x74, 0x74, 0x6C, 0x65, 0x66, 0x73,
        0x2F, 0xE0, 0x00, 0x10, 0x00, 0x00, 0x02, 0x00, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00,
        0xFF, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x7F, 0xFE, 0x03, 0x00, 0x00, 0x70, 0x1F, 0xFC, 0x08,
        0x1B, 0xB4, 0x14, 0xA7, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x01, 0x00, 0x00, 0x00, 0xFF, 0xEF, 0xFF, 0xF7, 0x74, 0x65, 0x73, 0x74, 0x2E, 0x74, 0x78, 0x74,
        0x20, 0x00, 0x00, 0x08, 0x70, 0x1F, 0xFC, 0x08, 0x83, 0xF1, 0x75, 0xBA, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,    ]
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
