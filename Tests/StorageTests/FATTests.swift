import XCTest
@testable import Storage

/// The scenarios of MicroPython's tests/extmod/vfs_fat_*.py at the storage level.
final class FATTests: XCTestCase {
    func ramdisk(_ blocks: Int = 50, sector: Int = 512) throws -> (MemoryBlockDevice, FATFileSystem) {
        let dev = MemoryBlockDevice(blockSize: sector, blockCount: blocks)
        try FATFileSystem.format(dev)
        return (dev, try FATFileSystem(mounting: dev))
    }

    // vfs_fat_ramdisk.py
    func testRamdisk() throws {
        let dev = MemoryBlockDevice(blockSize: 512, blockCount: 50)
        try FATFileSystem.format(dev)
        XCTAssertFalse(contains(dev.bytes, "FOO_FILETXT"))
        XCTAssertFalse(contains(dev.bytes, "hello!"))
        var fs = try FATFileSystem(mounting: dev)
        XCTAssertEqual(fs.fatBits, 12)
        XCTAssertEqual(try fs.statistics(), FileSystemStatistics(blockSize: 512, blockCount: 16, freeBlocks: 16, nameMax: 255))
        XCTAssertEqual(fatErrno { _ = try fs.stat("/no_file.txt") }, 2)
        try fs.writeFile("/foo_file.txt", "hello!")
        XCTAssertEqual(try fs.list("/"), ["foo_file.txt,f,6"])
        let root = try fs.stat("/")
        XCTAssertEqual(root.type, .directory)
        XCTAssertEqual(root.size, 0)
        XCTAssertEqual(root.mtime, 946_684_800 * 1_000_000_000)
        XCTAssertEqual(try fs.stat("/foo_file.txt").size, 6)
        XCTAssertEqual(try fs.stat("/foo_file.txt").type, .file)
        XCTAssertTrue(contains(dev.bytes, "FOO_FILETXT"))
        XCTAssertTrue(contains(dev.bytes, "hello!"))
        try fs.makeDirectory("/foo_dir")
        XCTAssertEqual(try fs.list("/foo_dir"), [])
        try fs.writeFile("/foo_dir/sub_file.txt", "subdir file")
        XCTAssertEqual(fatErrno { _ = try fs.listDirectory("/foo_dir/sub_file.txt") }, 2)   // chdir to a file
        fs = try FATFileSystem(mounting: dev)
        XCTAssertEqual(try fs.list("/"), ["foo_file.txt,f,6", "foo_dir,d,0"])
        XCTAssertEqual(fatErrno { _ = try fs.listDirectory("/no_exist") }, 2)
        XCTAssertEqual(try fs.readText("/foo_dir/sub_file.txt"), "subdir file")
    }

    // vfs_fat_ramdisklarge.py: 4 GiB of 512-byte sectors is FAT32 in an MBR partition
    func testRamdiskLarge() throws {
        let dev = SparseBlockDevice(blockSize: 512, blockCount: 4 * 1024 * 1024 * 1024 / 512)
        try FATFileSystem.format(dev)
        let fs = try FATFileSystem(mounting: dev)
        XCTAssertEqual(fs.fatBits, 32)
        XCTAssertEqual(try fs.statistics(), FileSystemStatistics(blockSize: 32768, blockCount: 131054, freeBlocks: 131053, nameMax: 255))
        try fs.writeFile("/test.txt", "test file")
        XCTAssertEqual(try fs.statistics().freeBlocks, 131052)
        XCTAssertEqual(try fs.readText("/test.txt"), "test file")
        // the volume starts at sector 63, after a partition table of type 0x0C
        let mbr = dev.blocks[0]!
        XCTAssertEqual(mbr[446 + 4], 0x0C)
        XCTAssertEqual(fatLoad32(mbr, 446 + 8), 63)
        let fs2 = try FATFileSystem(mounting: dev)
        XCTAssertEqual(try fs2.statistics().freeBlocks, 131052)
        XCTAssertEqual(try fs2.readText("/TEST.TXT"), "test file")
    }

    // vfs_fat_fileio1.py
    func testFileIO1() throws {
        let (_, fs) = try ramdisk()
        let f = try fs.open("/foo_file.txt", mode: fatWrite)
        _ = try Array("hello!".utf8).withUnsafeBytes { try f.write(from: $0) }
        try f.sync()
        try f.close()
        try f.close()   // allowed
        XCTAssertEqual(fatErrno { _ = try Array("world!".utf8).withUnsafeBytes { try f.write(from: $0) } }, 9)
        XCTAssertEqual(fatErrno { _ = try fs.open("/foo_file.txt", mode: fatExclusive) }, 17)
        let a = try fs.open("/foo_file.txt", mode: fatAppend)
        _ = try Array("world!".utf8).withUnsafeBytes { try a.write(from: $0) }
        try a.close()
        let f2 = try fs.open("/foo_file.txt", mode: fatRead)
        var buf = [UInt8](repeating: 0, count: 100)
        var n = try buf.withUnsafeMutableBytes { try f2.read(into: $0) }
        XCTAssertEqual(String(decoding: buf[0..<n], as: UTF8.self), "hello!world!")
        XCTAssertEqual(f2.position, 12)
        func read1() throws -> String {
            var b = [UInt8](repeating: 0, count: 1)
            n = try b.withUnsafeMutableBytes { try f2.read(into: $0) }
            return String(decoding: b[0..<n], as: UTF8.self)
        }
        XCTAssertEqual(try f2.seek(0, from: .start), 0)
        XCTAssertEqual(try read1(), "h")
        _ = try f2.seek(0, from: .current)
        XCTAssertEqual(try read1(), "e")
        _ = try f2.seek(2, from: .current)
        XCTAssertEqual(try read1(), "o")
        _ = try f2.seek(-2, from: .end)
        XCTAssertEqual(try read1(), "d")
        try f2.close()
        try fs.makeDirectory("/foo_dir")
        XCTAssertEqual(fatErrno { try fs.removeDirectory("/foo_file.txt") }, 20)
        try fs.remove("/foo_file.txt")
        XCTAssertEqual(try fs.list("/"), ["foo_dir,d,0"])
    }

    // vfs_fat_fileio2.py
    func testFileIO2() throws {
        let (_, fs) = try ramdisk()
        try fs.makeDirectory("/foo_dir")
        XCTAssertEqual(fatErrno { try fs.makeDirectory("/foo_dir") }, 17)
        XCTAssertEqual(fatErrno { try fs.remove("/foo_dir") }, 21)
        XCTAssertEqual(fatErrno { try fs.remove("/no_file.txt") }, 2)
        XCTAssertEqual(fatErrno { try fs.rename("/foo_dir", "/null/file") }, 2)
        let f = try fs.open("/foo_dir/file-in-dir.txt", mode: OpenMode(read: true, write: true, create: true, truncate: true))
        _ = try Array("data in file".utf8).withUnsafeBytes { try f.write(from: $0) }
        try f.close()
        XCTAssertEqual(try fs.readText("/foo_dir/file-in-dir.txt"), "data in file")
        try fs.writeFile("/foo_dir/sub_file.txt", "subdir file")
        XCTAssertEqual(fatErrno { try fs.removeDirectory("/foo_dir") }, 13)   // EACCES: not empty
        try fs.rename("/foo_dir/file-in-dir.txt", "/foo_dir/file.txt")
        XCTAssertEqual(try fs.list("/foo_dir"), ["sub_file.txt,f,11", "file.txt,f,12"])
        try fs.rename("/foo_dir/file.txt", "/moved-to-root.txt")
        XCTAssertEqual(try fs.list("/"), ["foo_dir,d,0", "moved-to-root.txt,f,12"])
        try fs.writeFile("/temp", "new text")
        try fs.rename("/temp", "/moved-to-root.txt")
        XCTAssertEqual(try fs.list("/"), ["foo_dir,d,0", "moved-to-root.txt,f,8"])
        XCTAssertEqual(try fs.readText("/moved-to-root.txt"), "new text")
        try fs.remove("/foo_dir/sub_file.txt")
        try fs.removeDirectory("/foo_dir")
        XCTAssertEqual(try fs.list("/"), ["moved-to-root.txt,f,8"])
        // disk full
        let st = try fs.statistics()
        let big = try fs.open("/large_file.txt", mode: fatWrite)
        let data = [UInt8](repeating: 0, count: st.blockSize * (st.blockCount + 1))
        XCTAssertEqual(fatErrno { _ = try data.withUnsafeBytes { try big.write(from: $0) } }, 28)
        try big.close()
        XCTAssertEqual(try fs.statistics().freeBlocks, 0)
        XCTAssertEqual(try fs.stat("/large_file.txt").size, st.blockSize * (st.freeBlocks))
        XCTAssertEqual(fatErrno { try fs.makeDirectory("/d") }, 13)
        // seeking past the end on a full volume stops quietly where the clusters end (FatFs)
        try fs.remove("/large_file.txt")
        try fs.writeFile("/filler", [UInt8](repeating: 1, count: 512 * 13 + 100))
        let s = try fs.open("/sparse", mode: OpenMode(read: true, write: true, create: true))
        XCTAssertEqual(try s.seek(5000, from: .start), 512)
        XCTAssertEqual(try s.size(), 512)
        try s.close()
    }

    // vfs_fat_more.py
    func testMore() throws {
        let (_, fs) = try ramdisk()
        try fs.writeFile("/test.txt", "hello")
        XCTAssertEqual(try fs.names("/"), ["test.txt"])
        XCTAssertEqual(try fs.stat("/").type, .directory)
        XCTAssertEqual(try fs.stat("/test.txt").size, 5)
        XCTAssertEqual(try fs.readText("/test.txt"), "hello")
        try fs.rename("/test.txt", "/test2.txt")
        XCTAssertEqual(try fs.names("/"), ["test2.txt"])
        try fs.rename("/test2.txt", "/test3.txt")
        XCTAssertEqual(try fs.names("/"), ["test3.txt"])
        try fs.rename("/test3.txt", "/test4.txt")
        try fs.rename("/test4.txt", "/test5.txt")
        XCTAssertEqual(try fs.names("/"), ["test5.txt"])
        try fs.makeDirectory("/dir")
        XCTAssertEqual(try fs.names("/"), ["test5.txt", "dir"])
        try fs.makeDirectory("/dir2")
        XCTAssertEqual(try fs.names("/"), ["test5.txt", "dir", "dir2"])
        try fs.makeDirectory("/dir/subdir")
        XCTAssertEqual(try fs.names("/dir"), ["subdir"])
        for p in ["", "/", "/dir", "/dir/subdir"] {
            XCTAssertEqual(fatErrno { try fs.makeDirectory(p) }, 17, p)
        }
        XCTAssertEqual(try fs.stat("/test5.txt").size, 5)
        try fs.removeDirectory("/dir2")
        try fs.remove("/test5.txt")
        XCTAssertEqual(try fs.names("/"), ["dir"])
        try fs.writeFile("/test_module.py", "print(\"test_module!\")")
        XCTAssertEqual(try fs.readText("/TEST_MODULE.PY"), "print(\"test_module!\")")
    }

    // vfs_fat_mtime.py, plus the exact conversion both ways
    func testMtime() throws {
        let dev = MemoryBlockDevice(blockSize: 512, blockCount: 50)
        try FATFileSystem.format(dev)
        var now: Int64 = 1_700_000_001 * 1_000_000_000 + 123
        let fs = try FATFileSystem(mounting: dev, clock: { now })
        try fs.open("/test1", mode: fatWrite).close()
        now += 2_000_000_000
        try fs.open("/test2", mode: fatWrite).close()
        let s1 = try fs.stat("/test1"), s2 = try fs.stat("/test2")
        XCTAssertEqual(s1.mtime, 1_700_000_000 * 1_000_000_000)   // 2-second resolution
        XCTAssertEqual(s2.mtime, 1_700_000_002 * 1_000_000_000)
        XCTAssertLessThan(s1.mtime!, s2.mtime!)
        // OpenFile.mtime wins over the clock
        let f = try fs.open("/test3", mode: fatWrite)
        f.mtime = 1_000_000_000 * 1_000_000_000  // 2001-09-09 01:46:40
        _ = try [UInt8(1)].withUnsafeBytes { try f.write(from: $0) }
        try f.close()
        XCTAssertEqual(try fs.stat("/test3").mtime, 1_000_000_000 * 1_000_000_000)
        // clamped to the FAT range
        now = 0
        try fs.open("/old", mode: fatWrite).close()
        XCTAssertEqual(try fs.stat("/old").mtime, 315_532_800 * 1_000_000_000)
        try fs.makeDirectory("/d")
        XCTAssertEqual(try fs.stat("/d").mtime, 315_532_800 * 1_000_000_000)
    }

    // vfs_fat_ilistdir_del.py
    func testListWhileChanging() throws {
        let (_, fs) = try ramdisk()
        try fs.makeDirectory("/test_d1")
        try fs.makeDirectory("/test_d2")
        try fs.makeDirectory("/test_d3")
        var counts = [Int]()
        for _ in 0..<10 {
            let idir = try fs.listDirectory("/")
            XCTAssertNotNil(try idir.next())       // left open
            let it = try fs.listDirectory("/")
            let first = try it.next()!.name
            try fs.removeDirectory("/" + first)
            try fs.makeDirectory("/" + first)
            _ = try it.next()
            it.close()
            XCTAssertNil(try it.next())
            let all = try fs.names("/")
            counts.append(all.count)
            try fs.open("/test", mode: fatWrite).close()
            _ = try idir.next()
        }
        XCTAssertEqual(counts, [3, 4, 4, 4, 4, 4, 4, 4, 4, 4])
        XCTAssertEqual(try fs.names("/"), ["test_d1", "test_d2", "test_d3", "test"])
        // deleting every entry while iterating sees each once
        let it = try fs.listDirectory("/")
        var seen = [String]()
        while let e = try it.next() {
            seen.append(e.name)
            if e.type == .directory { try fs.removeDirectory("/" + e.name) } else { try fs.remove("/" + e.name) }
        }
        XCTAssertEqual(seen, ["test_d1", "test_d2", "test_d3", "test"])
        XCTAssertEqual(try fs.names("/"), [])
    }

    // vfs_fat_oldproto.py and vfs_fat_finaliser.py
    func testSimpleFiles() throws {
        let (_, fs) = try ramdisk()
        try fs.writeFile("/file.txt", "hello!")
        XCTAssertEqual(try fs.list("/"), ["file.txt,f,6"])
        XCTAssertEqual(try fs.readText("/file.txt"), "hello!")
        try fs.remove("/file.txt")
        XCTAssertEqual(try fs.list("/"), [])
        XCTAssertEqual(fatErrno { _ = try fs.open("/x", mode: fatRead) }, 2)
        let files = try (0..<5).map { i -> any OpenFile in
            let f = try fs.open("/x\(i)", mode: fatWrite)
            _ = try Array("x\(i)".utf8).withUnsafeBytes { try f.write(from: $0) }
            return f
        }
        for f in files { try f.close() }
        for i in 0..<5 { XCTAssertEqual(try fs.readText("/x\(i)"), "x\(i)") }
    }

    // formatter parameters across sizes and sector sizes, checked against FatFs's arithmetic
    func testFormatLayouts() throws {
        // (sectors, sector size) -> (FAT bits, cluster bytes, clusters)
        let cases: [(Int, Int, Int, Int, Int)] = [
            (50, 512, 12, 512, 16),
            (128, 512, 12, 512, 94),
            (2048, 512, 12, 512, 2008),      // 1 MiB
            (8192, 512, 12, 2048, 2038),     // 4 MiB: too few clusters for FAT16
            (512, 4096, 12, 4096, 506),      // 2 MiB of 4 KiB sectors
            (25, 4096, 12, 4096, 19),
            (32768, 512, 16, 2048, 8175),    // 16 MiB
            (131072, 512, 16, 4096, 16371),  // 64 MiB
        ]
        for (sectors, ss, bits, cb, clusters) in cases {
            let dev = SparseBlockDevice(blockSize: ss, blockCount: sectors)
            try FATFileSystem.format(dev)
            let fs = try FATFileSystem(mounting: dev)
            let st = try fs.statistics()
            XCTAssertEqual([fs.fatBits, st.blockSize, st.blockCount, st.freeBlocks], [bits, cb, clusters, clusters], "\(sectors)x\(ss)")
        }
        XCTAssertEqual(fatErrno { try FATFileSystem.format(MemoryBlockDevice(blockSize: 512, blockCount: 21)) }, 5)
    }

    func testLongNamesAndCase() throws {
        let (dev, fs) = try ramdisk(400)
        try fs.writeFile("/moved-to-root.txt", "a")
        XCTAssertTrue(contains(dev.bytes, "MOVED-~1TXT"))
        try fs.writeFile("/moved-to-roof.txt", "b")
        XCTAssertTrue(contains(dev.bytes, "MOVED-~2TXT"))
        XCTAssertEqual(try fs.readText("/MOVED-TO-ROOT.TXT"), "a")
        XCTAssertEqual(try fs.readText("/moved-~2.txt"), "b")
        try fs.writeFile("/MiXeD.Txt", "c")
        XCTAssertEqual(try fs.names("/").last, "MiXeD.Txt")
        try fs.writeFile("/mixed.txt", "d")     // same file, case-insensitively
        XCTAssertEqual(try fs.names("/").filter { $0.lowercased() == "mixed.txt" }, ["MiXeD.Txt"])
        XCTAssertEqual(try fs.readText("/MIXED.TXT"), "d")
        let long = String(repeating: "Long name ", count: 25) + "abcde"   // 255 characters, the most
        try fs.makeDirectory("/" + long)
        try fs.writeFile("/" + long + "/inner file.bin", [1, 2, 3])
        XCTAssertEqual(try fs.readFile("/" + long.uppercased() + "/INNER FILE.BIN"), [1, 2, 3])
        XCTAssertEqual(fatErrno { try fs.makeDirectory("/" + String(repeating: "x", count: 256)) }, 22)
        // as on the board, a UTF-8 name counts bytes (each one a code page 437 character), and
        // case folding does not reach multi-byte characters
        try fs.writeFile("/café.txt", "e")
        XCTAssertEqual(try fs.readText("/CAFé.TXT"), "e")
        XCTAssertEqual(fatErrno { _ = try fs.readFile("/CAFÉ.TXT") }, 2)
        XCTAssertTrue(try fs.names("/").contains("café.txt"))
        XCTAssertEqual(fatErrno { try fs.writeFile("/" + String(repeating: "é", count: 128), "x") }, 22)
        try fs.writeFile("/" + String(repeating: "é", count: 127), "x")
        XCTAssertEqual(try fs.readText("/" + String(repeating: "é", count: 127)), "x")
        XCTAssertEqual(fatErrno { try fs.writeFile("/a:b", "x") }, 22)
        XCTAssertEqual(fatErrno { try fs.writeFile("/a?b", "x") }, 22)
        for i in 0..<12 { try fs.writeFile("/collision name \(i).txt", "\(i)") }
        for i in 0..<12 { XCTAssertEqual(try fs.readText("/Collision Name \(i).TXT"), "\(i)") }
        // trailing dots and spaces are dropped, as FatFs does
        XCTAssertEqual(try fs.readText("/collision name 3.txt. . "), "3")
        XCTAssertEqual(try fs.stat("/" + long).type, .directory)
    }

    func testErrorsAndRename() throws {
        let (_, fs) = try ramdisk(400)
        try fs.makeDirectory("/a")
        try fs.makeDirectory("/a/b")
        try fs.writeFile("/a/b/f", "x")
        XCTAssertEqual(fatErrno { _ = try fs.open("/a", mode: fatRead) }, 2)
        XCTAssertEqual(fatErrno { _ = try fs.open("/a", mode: fatWrite) }, 13)
        XCTAssertEqual(fatErrno { _ = try fs.open("/", mode: fatRead) }, 22)
        XCTAssertEqual(fatErrno { _ = try fs.open("/a/b/f/g", mode: fatWrite) }, 2)
        XCTAssertEqual(fatErrno { _ = try fs.stat("/nope/x") }, 2)
        XCTAssertEqual(fatErrno { try fs.remove("/") }, 22)
        XCTAssertEqual(fatErrno { try fs.rename("/a", "/a/b/c") }, 22)
        try fs.writeFile("/file", "y")
        XCTAssertEqual(fatErrno { try fs.rename("/file", "/a") }, 21)
        // moving a directory fixes its ".." entry
        try fs.rename("/a/b", "/b2")
        XCTAssertEqual(try fs.readText("/b2/f"), "x")
        XCTAssertEqual(try fs.names("/a"), [])
        try fs.rename("/b2", "/a/b3")
        XCTAssertEqual(try fs.readText("/a/b3/f"), "x")
        // renaming to a case variant of itself
        try fs.rename("/file", "/FILE")
        XCTAssertEqual(try fs.names("/"), ["a", "FILE"])
        let r = try fs.open("/FILE", mode: fatRead)
        XCTAssertEqual(fatErrno { _ = try [UInt8(1)].withUnsafeBytes { try r.write(from: $0) } }, 13)
        XCTAssertEqual(try r.seek(100, from: .start), 1)   // clipped when read-only
        XCTAssertEqual(fatErrno { _ = try r.seek(-1, from: .start) }, 22)
        try r.close()
    }

    func testSeekTruncateGrow() throws {
        let (_, fs) = try ramdisk(400)
        let f = try fs.open("/f", mode: OpenMode(read: true, write: true, create: true, truncate: true))
        XCTAssertEqual(try f.seek(1000, from: .start), 1000)    // grows the file, zero-filled
        XCTAssertEqual(try f.size(), 1000)
        _ = try [UInt8(7)].withUnsafeBytes { try f.write(from: $0) }
        try f.truncate(to: 600)
        XCTAssertEqual(try f.size(), 600)
        try f.truncate(to: 5000)
        try f.close()
        let data = try fs.readFile("/f")
        XCTAssertEqual(data.count, 5000)
        XCTAssertTrue(data.allSatisfy { $0 == 0 })
        let g = try fs.open("/f", mode: OpenMode(read: true, write: true))
        try g.truncate(to: 0)
        try g.close()
        XCTAssertEqual(try fs.stat("/f").size, 0)
        XCTAssertEqual(try fs.statistics().freeBlocks, try fs.statistics().blockCount)
    }

    func testGarbageNeverCrashes() throws {
        var rng = SystemRandomNumberGenerator()
        XCTAssertEqual(fatErrno { _ = try FATFileSystem(mounting: MemoryBlockDevice(blockSize: 512, blockCount: 64)) }, 19)
        XCTAssertEqual(fatErrno { _ = try FATFileSystem(mounting: MemoryBlockDevice(blockSize: 512, blockCount: 0)) }, 5)
        XCTAssertEqual(fatErrno { _ = try FATFileSystem(mounting: MemoryBlockDevice(blockSize: 256, blockCount: 64)) }, 5)
        XCTAssertEqual(fatErrno { try FATFileSystem.format(MemoryBlockDevice(blockSize: 8192, blockCount: 64)) }, 5)
        // a littlefs-like or erased (0xFF) flash image is not FAT
        let erased = MemoryBlockDevice(blockSize: 4096, blockCount: 16, norFlash: true)
        XCTAssertEqual(fatErrno { _ = try FATFileSystem(mounting: erased) }, 19)
        // a FAT12 volume mkfs'd with 4096-byte sectors cannot be mounted with 512-byte ones
        let four = MemoryBlockDevice(blockSize: 4096, blockCount: 64)
        try FATFileSystem.format(four)
        XCTAssertEqual(fatErrno { _ = try FATFileSystem(mounting: MemoryBlockDevice(blockSize: 512, bytes: four.bytes)) }, 19)
        for round in 0..<300 {
            let dev = MemoryBlockDevice(blockSize: 512, blockCount: 200)
            try FATFileSystem.format(dev)
            let fs = try FATFileSystem(mounting: dev)
            try fs.makeDirectory("/dir")
            try fs.writeFile("/dir/some long file name.txt", [UInt8](repeating: 0x41, count: 3000))
            try fs.writeFile("/x.bin", [UInt8](repeating: 0x42, count: 9000))
            // corrupt some bytes of the metadata (or anywhere)
            let limit = round % 2 == 0 ? 40 * 512 : dev.bytes.count
            for _ in 0..<(1 + round % 20) {
                dev.bytes[Int.random(in: 0..<limit, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if round % 10 == 0 { for i in 0..<512 { dev.bytes[i] = UInt8.random(in: 0...255, using: &rng) } ; dev.bytes[510] = 0x55; dev.bytes[511] = 0xAA; dev.bytes[0] = 0xEB; dev.bytes[54] = 0x46; dev.bytes[55] = 0x41; dev.bytes[56] = 0x54 }
            guard let m = try? FATFileSystem(mounting: dev) else { continue }
            _ = try? m.statistics()
            _ = try? m.list("/")
            _ = try? m.list("/dir")
            _ = try? m.readFile("/x.bin")
            _ = try? m.readFile("/dir/some long file name.txt")
            try? m.writeFile("/new file.txt", [UInt8](repeating: 1, count: 5000))
            try? m.makeDirectory("/dir/sub")
            try? m.remove("/x.bin")
            try? m.rename("/dir", "/dir2")
            try? m.removeDirectory("/dir2/sub")
            _ = try? m.list("/dir2")
            try? m.sync()
        }
    }

    /// Random bytes in the FAT and directories of a FAT16 and a FAT32-layout volume.
    func testCorruptMetadata() throws {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<60 {
            let fat32 = round % 3 == 0
            let dev = fat32 ? MemoryBlockDevice(blockSize: 512, blockCount: 70000) : MemoryBlockDevice(blockSize: 512, blockCount: 9000)
            if fat32 {
                // a FAT32 volume small enough for memory: built by hand like mkfs (FatFs's formatter would pick FAT16)
                let layout = FATLayout(type: .fat32, volumeStart: 0, volumeSectors: 70000, sectorsPerCluster: 1,
                                       reservedSectors: 32, fatSectors: 547, rootDirSectors: 0,
                                       clusters: 70000 - 32 - 547, partitioned: false)
                try FATFileSystem.write(layout, to: dev, serial: 0)
            } else {
                try FATFileSystem.format(dev)
            }
            let fs = try FATFileSystem(mounting: dev)
            XCTAssertEqual(fs.fatBits, fat32 ? 32 : 16)
            for d in 0..<3 {
                try fs.makeDirectory("/directory \(d)")
                for i in 0..<8 { try fs.writeFile("/directory \(d)/file number \(i).bin", [UInt8](repeating: UInt8(i), count: i * 700)) }
            }
            let g = fs.vol.geo
            for _ in 0..<(1 + round % 30) {
                let region = Int.random(in: 0..<3, using: &rng)
                let sector: Int
                switch region {
                case 0: sector = g.fatStart + Int.random(in: 0..<4, using: &rng)
                case 1: sector = g.type == .fat32 ? g.dataStart + Int.random(in: 0..<40, using: &rng) : g.rootDirStart
                default: sector = g.dataStart + Int.random(in: 0..<60, using: &rng)
                }
                let at = sector * 512 + Int.random(in: 0..<512, using: &rng)
                dev.bytes[at] = UInt8.random(in: 0...255, using: &rng)
            }
            guard let m = try? FATFileSystem(mounting: dev) else { continue }
            for d in 0..<3 {
                _ = try? m.list("/directory \(d)")
                for i in 0..<8 { _ = try? m.readFile("/directory \(d)/file number \(i).bin") }
                try? m.writeFile("/directory \(d)/file number 3.bin", [UInt8](repeating: 9, count: 3000))
                try? m.remove("/directory \(d)/file number 5.bin")
                try? m.rename("/directory \(d)/file number 6.bin", "/moved \(d)")
            }
            try? m.removeDirectory("/directory 1")
            _ = try? m.statistics()
            try? m.sync()
        }
    }

    func testSpeed() throws {
        let dev = MemoryBlockDevice(blockSize: 4096, blockCount: 1024)
        try FATFileSystem.format(dev)
        let fs = try FATFileSystem(mounting: dev)
        let chunk = [UInt8](repeating: 0x5A, count: 4096)
        var back = [UInt8](repeating: 0, count: 4096)
        let start = ContinuousClock.now
        let f = try fs.open("/big", mode: fatWrite)
        for _ in 0..<256 { _ = try chunk.withUnsafeBytes { try f.write(from: $0) } }
        try f.close()
        let r = try fs.open("/big", mode: fatRead)
        for _ in 0..<256 { XCTAssertEqual(try back.withUnsafeMutableBytes { try r.read(into: $0) }, 4096) }
        try r.close()
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(back, chunk)
        print("FAT 1 MiB write+read: \(elapsed)")
        #if !DEBUG
        XCTAssertLessThan(elapsed, .milliseconds(300))
        #endif
    }
}
